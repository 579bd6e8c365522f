#pragma once

#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace storeloom {

// Turns any number of "run N changed" notifications into at most one
// runChanged(N) per run per interval (~10 a second), so a view repaints at
// a pace people can read however fast the workers report. notify() may be
// called from any thread; runChanged is emitted on the coalescer's thread.
class ProgressCoalescer : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 100;

    explicit ProgressCoalescer(QObject *parent = nullptr);

    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Notifications wait for the next flush.
    bool hasPending() const;
    // How many flushes have emitted something: a measure of the work done.
    int flushCount() const { return m_flushes; }

public Q_SLOTS:
    // Thread-safe.
    void notify(qint64 runId);
    // Emits the pending notifications now.
    void flush();

Q_SIGNALS:
    void runChanged(qint64 runId);

private:
    void startTimer();

    mutable QMutex m_mutex;
    QSet<qint64> m_pending;   // guarded by m_mutex
    bool m_scheduled = false; // guarded by m_mutex: a flush is on its way
    QTimer m_timer;
    int m_flushes = 0;
};

} // namespace storeloom
