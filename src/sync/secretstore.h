#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace QKeychain {
class Job;
}

namespace storeloom {

// Tokens and keys in the OS keychain through QtKeychain: one entry per
// connection key under `service`. Never falls back to plain text. Errors come
// back as a kind plus a message a merchant can act on. Every secret written or
// read is registered with SecretScrubber, so it never reaches a log.
//
// On Linux (Secret Service) the store asks the keyring itself whether its
// default collection is locked when QtKeychain's answer is ambiguous: with a
// locked collection QtKeychain 0.13 reports a read as "Entry not found" and a
// delete as success. An operation that gets no answer within 60 s
// (STORELOOM_SECRETS_TIMEOUT_MS overrides) ends as Locked: the keyring is most
// likely waiting for the merchant to unlock it.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Error { None, NotFound, NoSecretService, Locked, AccessDenied, Other };
    Q_ENUM(Error)
    struct Result
    {
        Error error = Error::None;
        QString message;
        QByteArray secret;
        bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    explicit SecretStore(QString service = QStringLiteral("Storeloom"), QObject *parent = nullptr);
    QString service() const;

    // Asynchronous; `done` is called on this object's thread once (needs a running event loop).
    void write(const QString &key, const QByteArray &secret, Callback done);
    void read(const QString &key, Callback done);
    void remove(const QString &key, Callback done); // removing a missing key is ok()

private:
    enum class Operation { Write, Read, Remove };
    void run(QKeychain::Job *job, Operation operation, Callback done);
    bool rejectEmptyKey(const QString &key, const Callback &done);

    QString m_service;
};

} // namespace storeloom
