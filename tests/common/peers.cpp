#include "peers.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStandardPaths>
#include <QUuid>

namespace storeloom::test {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcPeers, "storeloom.test.peers", QtInfoMsg)

constexpr int kAnswerTimeoutMs = 10'000;
const QString kFixture = u"run the tests through scripts/with-test-peers.sh or scripts/test.sh"_s;

QString nodeExecutable()
{
    const QString configured = QString::fromUtf8(STORELOOM_NODE_EXECUTABLE);
    if (QFileInfo(configured).isExecutable())
        return configured;
    return QStandardPaths::findExecutable(u"node"_s);
}

QString contractsDirectory()
{
    const QDir repository(QString::fromUtf8(STORELOOM_SOURCE_DIR));
    const QString configured = qEnvironmentVariable("STORELOOM_CONTRACTS");
    return QDir::cleanPath(
        repository.absoluteFilePath(configured.isEmpty() ? u"../shared/contracts"_s : configured));
}

} // namespace

bool peersRequired()
{
    const QString ci = qEnvironmentVariable("CI").trimmed();
    return ci.compare(u"true"_s, Qt::CaseInsensitive) == 0 || ci == u"1"_s;
}

QString keyringPeer()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return u"Needs the keyring peer, but there is no D-Bus session bus (%1): %2"_s.arg(
            bus.lastError().message(), kFixture);
    QDBusMessage get = QDBusMessage::createMethodCall(
        u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets/aliases/default"_s,
        u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    get << u"org.freedesktop.Secret.Collection"_s << u"Locked"_s;
    const QDBusMessage reply = bus.call(get, QDBus::Block, kAnswerTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return u"Needs the keyring peer, but no Secret Service answers on the session bus "
               u"(%1: %2): %3"_s.arg(reply.errorName(), reply.errorMessage(), kFixture);
    if (qvariant_cast<QDBusVariant>(reply.arguments().value(0)).variant().toBool())
        return u"Needs the keyring peer, but the Secret Service's default collection is locked: "
               u"%1"_s.arg(kFixture);
    qCDebug(lcPeers) << "the Secret Service answers; its default collection is unlocked";
    return {};
}

QString unlockableKeyringPeer()
{
    if (QString reason = keyringPeer(); !reason.isEmpty())
        return reason;
    if (qEnvironmentVariableIsEmpty("STORELOOM_KEYRING_PASSWORD"))
        return u"Locks the keyring and unlocks it again, so it needs the keyring peer's password "
               u"(STORELOOM_KEYRING_PASSWORD): %1"_s.arg(kFixture);
    return {};
}

QString postgresPeer()
{
    bool ok = false;
    const int port = qEnvironmentVariableIntValue("STORELOOM_TEST_PG_PORT", &ok);
    if (!ok || port <= 0)
        return u"Needs the PostgreSQL peer, and STORELOOM_TEST_PG_PORT does not name its port: "
               u"%1"_s.arg(kFixture);
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return u"Needs the PostgreSQL peer, but Qt's QPSQL driver is missing "
               u"(scripts/install-deps.sh installs libqt6sql6-psql)"_s;
    const QString name = u"peer-probe-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QString reason;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(u"127.0.0.1"_s);
        db.setPort(port);
        db.setUserName(u"postgres"_s);
        db.setDatabaseName(u"postgres"_s);
        db.setConnectOptions(u"connect_timeout=%1"_s.arg(kAnswerTimeoutMs / 1000));
        if (!db.open())
            reason = u"Needs the PostgreSQL peer, but nothing answers on 127.0.0.1:%1 (%2): %3"_s
                         .arg(port)
                         .arg(db.lastError().text(), kFixture);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return reason;
}

QString nodePackagePeer(const QString &directory, const QString &package)
{
    if (nodeExecutable().isEmpty())
        return u"Needs node (Node.js ≥ 20), which is not on PATH: scripts/check-node.sh"_s;
    if (!QFileInfo::exists(directory + u"/node_modules/"_s + package + u"/package.json"_s))
        return u"Needs the npm package %1, which is not installed: npm ci --prefix %2"_s.arg(
            package, directory);
    return {};
}

QString contractsPeer()
{
    const QString contracts = contractsDirectory();
    if (!QFileInfo(contracts).isDir())
        return u"Needs the platforms' contracts, but %1 is absent: set STORELOOM_CONTRACTS to the "
               u"shared contracts folder"_s.arg(contracts);
    const QString checkers = QString::fromUtf8(STORELOOM_CONTRACT_CHECKERS_DIR);
    for (const QString &package : {u"ajv"_s, u"graphql"_s}) {
        if (QString reason = nodePackagePeer(checkers, package); !reason.isEmpty())
            return reason;
    }
    return {};
}

} // namespace storeloom::test
