#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace storeloom {

// When to refresh an access token: a minute before it expires, or at 80% of
// its lifetime when it lives five minutes or less. Long waits are split into
// timer intervals of at most six hours (QTimer takes an int of milliseconds).
class RefreshSchedule : public QObject
{
    Q_OBJECT

public:
    explicit RefreshSchedule(QObject *parent = nullptr);

    // Plans the refresh for a token expiring at `expiresAt` (UTC or not).
    void planFor(const QDateTime &expiresAt);
    // Plans it `msecs` from now (e.g. a retry after a transient failure).
    void planIn(qint64 msecs);
    void stop();
    QDateTime dueAt() const { return m_due; } // invalid when nothing is planned

    // The refresh lead for a token that has `remainingMs` left.
    static qint64 leadFor(qint64 remainingMs);

Q_SIGNALS:
    void due();

private:
    void arm();
    void onTimeout();

    QTimer m_timer;
    QDateTime m_due;
};

} // namespace storeloom
