#pragma once

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWaitCondition>
#include <chrono>
#include <functional>

namespace storeloom {

class ConnectionTokens;

// Where an adapter's worker thread gets the access token for its requests,
// whatever keeps the token alive on the other side.
class AccessTokenSource
{
public:
    virtual ~AccessTokenSource() = default;

    // The token to send now. Any thread.
    virtual QString accessToken() = 0;
    // The platform refused `rejected` (401). Blocks the calling worker thread
    // until the token has been renewed and returns the new one (at once when
    // it changed meanwhile). Empty: it cannot be renewed now — the merchant
    // has to reconnect, or the renewal did not finish in time.
    virtual QString renewAfterRejection(const QString &rejected) = 0;
};

// An AccessTokenSource over a ConnectionTokens that lives on another thread
// (the GUI's): workers read a mutex-protected copy of the token, kept current
// from ConnectionTokens' signals, and a renewal is asked of the owner thread
// and waited for here. Create it on the ConnectionTokens' thread and keep it
// alive until every worker using it has finished.
class ConnectionTokenSource : public QObject, public AccessTokenSource
{
    Q_OBJECT

public:
    explicit ConnectionTokenSource(ConnectionTokens *tokens,
                                   std::chrono::milliseconds renewalTimeout = std::chrono::seconds(60),
                                   QObject *parent = nullptr);

    QString accessToken() override;
    // Never on the owner thread: it would wait for itself.
    QString renewAfterRejection(const QString &rejected) override;
    // The same without blocking, for a thread that keeps its event loop
    // turning (an import's): `done` runs on `receiver`'s thread with the
    // renewed token, or empty when it cannot be renewed now. Any thread.
    void renewAfterRejection(const QString &rejected, QObject *receiver,
                             std::function<void(const QString &token)> done);

Q_SIGNALS:
    // The token was published, or a renewal gave up (`gaveUp`). Owner thread.
    void settled(bool gaveUp);

private:
    // Owner thread only.
    void publish();
    void renew(const QString &rejected);
    void renewalFailed();

    QPointer<ConnectionTokens> m_tokens;
    std::chrono::milliseconds m_renewalTimeout;
    QMutex m_mutex;
    QWaitCondition m_changed;
    QString m_token;        // guarded by m_mutex
    quint64 m_failures = 0; // renewals that failed; guarded by m_mutex
};

} // namespace storeloom
