#include "secretstore.h"

#include "secretscrubber.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define STORELOOM_SECRET_SERVICE_PROBE 1
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

namespace storeloom {
namespace {

Q_LOGGING_CATEGORY(lcSecrets, "storeloom.secrets", QtInfoMsg)

int operationTimeoutMs()
{
    static const int ms = [] {
        bool ok = false;
        const int value = qEnvironmentVariableIntValue("STORELOOM_SECRETS_TIMEOUT_MS", &ok);
        return ok && value > 0 ? value : 60000;
    }();
    return ms;
}

// What the Secret Service says about the collection QtKeychain writes to.
// NoCollection: the daemon runs but has no default collection (no login
// keyring was ever unlocked); writes fail, and the merchant fixes it the same
// way as a locked one.
enum class Keyring { Unknown, Unavailable, NoCollection, Locked, Unlocked };

// Asks org.freedesktop.secrets whether its default collection is locked.
void probeKeyring(QObject *context, std::function<void(Keyring)> done)
{
#ifdef STORELOOM_SECRET_SERVICE_PROBE
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        QTimer::singleShot(0, context, [done] { done(Keyring::Unavailable); });
        return;
    }
    QDBusMessage get = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(get, 5000), context);
    QObject::connect(
        watcher, &QDBusPendingCallWatcher::finished, context, [done](QDBusPendingCallWatcher *w) {
            w->deleteLater();
            const QDBusPendingReply<QDBusVariant> reply = *w;
            if (!reply.isError()) {
                const bool locked = reply.value().variant().toBool();
                done(locked ? Keyring::Locked : Keyring::Unlocked);
                return;
            }
            const QDBusError error = reply.error();
            switch (error.type()) {
            case QDBusError::ServiceUnknown:
            case QDBusError::NoServer:
            case QDBusError::Disconnected:
            case QDBusError::NoNetwork:
                done(Keyring::Unavailable);
                return;
            case QDBusError::UnknownObject:
            case QDBusError::UnknownMethod:
                done(Keyring::NoCollection);
                return;
            default:
                if (error.name().startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn"))) {
                    done(Keyring::Unavailable);
                    return;
                }
                qCDebug(lcSecrets) << "keyring probe failed:" << error.name() << error.message();
                done(Keyring::Unknown);
            }
        });
#else
    QTimer::singleShot(0, context, [done] { done(Keyring::Unknown); });
#endif
}

QString noServiceMessage()
{
    return SecretStore::tr(
        "No password keyring is available (the Secret Service is not running). Start your "
        "desktop's keyring (for example GNOME Keyring or KWallet) and try again; Storeloom "
        "never stores tokens in plain text.");
}

QString lockedMessage()
{
    return SecretStore::tr("Your password keyring is locked. Unlock it (for example by logging in "
                           "again or in Passwords and Keys) and try again.");
}

SecretStore::Result failure(SecretStore::Error error, QString message)
{
    SecretStore::Result result;
    result.error = error;
    result.message = std::move(message);
    return result;
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent), m_service(std::move(service))
{
    SecretScrubber::install();
}

QString SecretStore::service() const
{
    return m_service;
}

void SecretStore::write(const QString &key, const QByteArray &secret, Callback done)
{
    SecretScrubber::registerSecret(secret);
    if (rejectEmptyKey(key, done))
        return;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(secret);
    run(job, Operation::Write, std::move(done));
}

void SecretStore::read(const QString &key, Callback done)
{
    if (rejectEmptyKey(key, done))
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(job, Operation::Read, std::move(done));
}

void SecretStore::remove(const QString &key, Callback done)
{
    if (rejectEmptyKey(key, done))
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(job, Operation::Remove, std::move(done));
}

bool SecretStore::rejectEmptyKey(const QString &key, const Callback &done)
{
    if (!key.isEmpty())
        return false;
    QTimer::singleShot(0, this, [done] {
        if (done)
            done(failure(Error::Other, tr("No keychain key was given for this connection.")));
    });
    return true;
}

void SecretStore::run(QKeychain::Job *job, Operation operation, Callback done)
{
    // Jobs have no parent: QtKeychain's backends keep raw pointers to a job
    // until it finishes, and the job deletes itself then (auto-delete).
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    const QString key = job->key();

    struct Pending
    {
        Callback done;
        QPointer<QTimer> timer;
        bool finished = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    auto finish = [pending, key](const Result &result) {
        if (pending->finished)
            return;
        pending->finished = true;
        if (QTimer *timer = pending->timer) {
            timer->stop();
            timer->deleteLater();
        }
        if (!result.ok() && result.error != Error::NotFound)
            qCInfo(lcSecrets) << "keychain key" << key << "failed:" << result.error;
        if (pending->done)
            pending->done(result);
    };

    pending->timer = new QTimer(this);
    pending->timer->setSingleShot(true);
    connect(pending->timer, &QTimer::timeout, this, [finish, key] {
        qCWarning(lcSecrets) << "keychain key" << key << "got no answer within"
                             << operationTimeoutMs() << "ms";
        finish(failure(Error::Locked,
                       tr("Your password keyring did not answer in time; it may be locked and "
                          "waiting for you to unlock it. Unlock it (for example by logging in "
                          "again or in Passwords and Keys) and try again.")));
    });
    pending->timer->start(operationTimeoutMs());

    connect(
        job, &QKeychain::Job::finished, this,
        [this, operation, finish, pending, key](QKeychain::Job *j) {
            // Everything the job knows is copied here: it deletes itself afterwards.
            const QKeychain::Error code = j->error();
            const QString backendMessage = j->errorString();
            QByteArray data;
            if (operation == Operation::Read && code == QKeychain::NoError)
                data = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
            if (!data.isEmpty())
                SecretScrubber::registerSecret(data);
            if (pending->finished)
                return;
            if (code != QKeychain::NoError)
                qCDebug(lcSecrets)
                    << "QtKeychain:" << key << "error" << int(code) << backendMessage;

            auto conclude = [operation, code, backendMessage, data, finish](Keyring keyring) {
                // A "not found" or a delete's success stands unless the keyring is
                // locked: QtKeychain may use KWallet, which is no Secret Service.
                const bool answered =
                    code == QKeychain::NoError || code == QKeychain::EntryNotFound;
                if (keyring == Keyring::Unavailable && !answered)
                    return finish(failure(Error::NoSecretService, noServiceMessage()));
                if (keyring == Keyring::Locked || (keyring == Keyring::NoCollection && !answered))
                    return finish(failure(Error::Locked, lockedMessage()));
                switch (code) {
                case QKeychain::NoError: {
                    Result ok;
                    ok.secret = data;
                    return finish(ok);
                }
                case QKeychain::EntryNotFound:
                    if (operation == Operation::Remove)
                        return finish(Result{});
                    return finish(failure(Error::NotFound,
                                          tr("No token for this connection is stored in your "
                                             "password keyring. Reconnect the store to sign in "
                                             "again.")));
                case QKeychain::AccessDenied:
                case QKeychain::AccessDeniedByUser:
                    return finish(failure(
                        Error::AccessDenied,
                        tr("Storeloom was denied access to your password keyring. Allow Storeloom "
                           "when your keyring asks for permission (or check the keyring's access "
                           "settings) and try again.")));
                case QKeychain::NoBackendAvailable:
                case QKeychain::NotImplemented:
                    return finish(failure(Error::NoSecretService, noServiceMessage()));
                default:
                    return finish(failure(Error::Other,
                                          tr("Storeloom could not use your password keyring (%1). "
                                             "Try again; if it keeps failing, restart your "
                                             "desktop's keyring.")
                                              .arg(backendMessage)));
                }
            };

            // QtKeychain's answer is ambiguous for these: a locked collection reads
            // as "not found", deletes as success, writes as "access denied", and a
            // missing Secret Service is a localized OtherError.
            const bool ambiguous =
                code == QKeychain::AccessDenied || code == QKeychain::OtherError ||
                code == QKeychain::CouldNotDeleteEntry ||
                (code == QKeychain::EntryNotFound && operation != Operation::Write) ||
                (code == QKeychain::NoError && operation == Operation::Remove);
            if (ambiguous)
                probeKeyring(this, conclude);
            else
                conclude(Keyring::Unknown);
        });
    job->start();
}

} // namespace storeloom
