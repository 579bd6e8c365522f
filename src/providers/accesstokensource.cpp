#include "accesstokensource.h"

#include "connectiontokens.h"

#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>

namespace storeloom {

ConnectionTokenSource::ConnectionTokenSource(ConnectionTokens *tokens,
                                             std::chrono::milliseconds renewalTimeout,
                                             QObject *parent)
    : QObject(parent), m_tokens(tokens), m_renewalTimeout(renewalTimeout)
{
    Q_ASSERT_X(tokens && tokens->thread() == thread(), "ConnectionTokenSource",
               "create it on the thread of its ConnectionTokens");
    connect(tokens, &ConnectionTokens::ready, this, &ConnectionTokenSource::publish);
    connect(tokens, &ConnectionTokens::refreshed, this, &ConnectionTokenSource::publish);
    // The grant is gone (or the rotated token could not be kept): nothing to wait for.
    connect(tokens, &ConnectionTokens::failed, this, &ConnectionTokenSource::renewalFailed);
    connect(tokens, &QObject::destroyed, this, &ConnectionTokenSource::renewalFailed);
    publish();
}

QString ConnectionTokenSource::accessToken()
{
    QMutexLocker lock(&m_mutex);
    return m_token;
}

QString ConnectionTokenSource::renewAfterRejection(const QString &rejected)
{
    Q_ASSERT_X(QThread::currentThread() != thread(), "ConnectionTokenSource::renewAfterRejection",
               "called on the owner thread, which would wait for itself");
    if (QThread::currentThread() == thread())
        return {};
    QMutexLocker lock(&m_mutex);
    if (m_token != rejected)
        return m_token; // another worker's 401 (or the schedule) renewed it already
    const quint64 failuresBefore = m_failures;
    QMetaObject::invokeMethod(this, [this, rejected] { renew(rejected); }, Qt::QueuedConnection);
    const QDeadlineTimer deadline(m_renewalTimeout);
    while (m_token == rejected && m_failures == failuresBefore) {
        if (!m_changed.wait(&m_mutex, deadline))
            break;
    }
    return m_token != rejected ? m_token : QString();
}

void ConnectionTokenSource::renewAfterRejection(const QString &rejected, QObject *receiver,
                                                std::function<void(const QString &)> done)
{
    const auto answer = [target = QPointer(receiver),
                         done = std::move(done)](const QString &token) {
        if (target)
            QMetaObject::invokeMethod(
                target, [done, token] { done(token); }, Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(
        this,
        [this, rejected, answer] {
            if (accessToken() != rejected) {
                answer(accessToken());
                return;
            }
            auto *waiter = new QObject(this);
            const auto answered = std::make_shared<bool>(false);
            const auto settle = [this, waiter, answered, rejected, answer](bool gaveUp) {
                const QString token = accessToken();
                if (*answered || (token == rejected && !gaveUp))
                    return;
                *answered = true;
                waiter->deleteLater();
                answer(token != rejected ? token : QString());
            };
            connect(this, &ConnectionTokenSource::settled, waiter, settle);
            QTimer::singleShot(m_renewalTimeout, waiter, [settle] { settle(true); });
            renew(rejected);
        },
        Qt::QueuedConnection);
}

void ConnectionTokenSource::publish()
{
    const QString token = m_tokens ? m_tokens->accessToken() : QString();
    {
        QMutexLocker lock(&m_mutex);
        m_token = token;
        m_changed.wakeAll();
    }
    Q_EMIT settled(false);
}

// Several workers may report the same rejected token: the flow refreshes once
// per token, and every waiter wakes when it has.
void ConnectionTokenSource::renew(const QString &rejected)
{
    if (!m_tokens) {
        renewalFailed();
        return;
    }
    if (!m_tokens->flow())
        return; // still loading from the keychain: ready() publishes
    if (m_tokens->accessToken() != rejected) {
        publish();
        return;
    }
    // A transient failure is retried by the owner itself; the waiters keep
    // waiting for it (bounded by their timeout).
    if (!m_tokens->renewRejected(rejected))
        renewalFailed();
}

void ConnectionTokenSource::renewalFailed()
{
    const QString token = m_tokens ? m_tokens->accessToken() : QString();
    {
        QMutexLocker lock(&m_mutex);
        m_token = token;
        ++m_failures;
        m_changed.wakeAll();
    }
    Q_EMIT settled(true);
}

} // namespace storeloom
