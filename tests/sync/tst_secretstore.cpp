// SecretStore against a real Secret Service: gnome-keyring in the private
// D-Bus session of scripts/with-test-peers.sh. The last test locks the
// keyring and restarts the daemon unlocked afterwards.
#include "peers.h"
#include "secretstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QDateTime>
#include <QDirIterator>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>
#include <csignal>
#include <memory>
#include <optional>
#include <sys/stat.h>

using namespace storeloom;
using Error = SecretStore::Error;

namespace {

constexpr int kTimeoutMs = 20000;
const QString kSecretsService = QStringLiteral("org.freedesktop.secrets");

// The result of one asynchronous call, and how many times it was delivered.
class Outcome
{
public:
    SecretStore::Callback callback()
    {
        return [state = m_state](const SecretStore::Result &r) {
            ++state->calls;
            state->result = r;
        };
    }
    bool done() const { return m_state->calls > 0; }
    int calls() const { return m_state->calls; }
    const SecretStore::Result &result() const { return *m_state->result; }

private:
    struct State
    {
        int calls = 0;
        std::optional<SecretStore::Result> result;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

#define AWAIT(outcome) QTRY_VERIFY_WITH_TIMEOUT((outcome).done(), kTimeoutMs)
#define AWAIT_OK(outcome)                                                                          \
    AWAIT(outcome);                                                                                \
    QVERIFY2((outcome).result().ok(), qPrintable((outcome).result().message))

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *arg : list)
        result << QString::fromUtf8(arg);
    return result;
}

QByteArray randomHex(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char &c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    return data.toHex();
}

QString uniqueKey(const char *what)
{
    return QStringLiteral("connection-%1-%2")
        .arg(QLatin1String(what), QString::fromLatin1(randomHex(4)));
}

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out, err;
};

Run runProgram(const QString &program, const QStringList &args, const QByteArray &input = {},
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    process.write(input);
    process.closeWriteChannel();
    Run run;
    run.finished = process.waitForFinished(kTimeoutMs);
    if (!run.finished)
        process.kill();
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// The child's verdict: the last line of its stderr (log lines come before it).
QByteArray verdict(const Run &run)
{
    const QList<QByteArray> lines = run.err.trimmed().split('\n');
    return lines.last();
}

Run runChild(const QString &key,
             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return runProgram(QStringLiteral(SECRET_CHILD_PATH), {key}, {}, env);
}

// secret-tool's view of the item stored for `key`, or an empty string.
QString keyringItem(const QString &key)
{
    const Run run =
        runProgram(QStringLiteral("secret-tool"), args({"search", "--all", "server", "Storeloom"}));
    const QStringList items = QString::fromUtf8(run.out + run.err).split(QStringLiteral("\n["));
    for (const QString &item : items) {
        if (item.contains(QStringLiteral("attribute.user = ") + key + QLatin1Char('\n')))
            return item;
    }
    return {};
}

QDBusMessage secretsCall(const char *path, const char *interface, const char *method)
{
    return QDBusMessage::createMethodCall(kSecretsService, QString::fromLatin1(path),
                                          QString::fromLatin1(interface),
                                          QString::fromLatin1(method));
}

bool lockLoginCollection()
{
    QDBusMessage lock =
        secretsCall("/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "Lock");
    lock << QVariant::fromValue(QList<QDBusObjectPath>{
        QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))});
    return QDBusConnection::sessionBus().call(lock).type() == QDBusMessage::ReplyMessage;
}

bool defaultCollectionLocked()
{
    QDBusMessage get = secretsCall("/org/freedesktop/secrets/aliases/default",
                                   "org.freedesktop.DBus.Properties", "Get");
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get);
    return reply.type() != QDBusMessage::ReplyMessage ||
           qvariant_cast<QDBusVariant>(reply.arguments().value(0)).variant().toBool();
}

// Replaces the (locked) daemon by one unlocked with the fixture's password.
bool restartKeyringUnlocked()
{
    QProcess daemon;
    daemon.setStandardOutputFile(QProcess::nullDevice()); // the daemon forks and keeps it
    daemon.setStandardErrorFile(QProcess::nullDevice());
    daemon.start(QStringLiteral("gnome-keyring-daemon"),
                 args({"--replace", "--unlock", "--components=secrets"}));
    daemon.write(qgetenv("STORELOOM_KEYRING_PASSWORD"));
    daemon.closeWriteChannel();
    return daemon.waitForFinished(kTimeoutMs) && daemon.exitCode() == 0;
}

// Files under `root` (changed since `since`, if valid) that contain a needle.
QStringList filesContaining(const QString &root, const QList<QByteArray> &needles,
                            const QDateTime &since = {})
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat info;
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISREG(info.st_mode) ||
            info.st_size > 64 * 1024 * 1024)
            continue; // never open sockets or FIFOs
        if (since.isValid() && it.fileInfo().lastModified() < since)
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle))
                hits << path;
        }
    }
    return hits;
}

// The handler beneath SecretScrubber: records what reaches the log.
QMutex logMutex;
QStringList logged;
QtMessageHandler testlibHandler = nullptr;

void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logged << message;
    }
    testlibHandler(type, context, message);
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // It locks the keyring and restarts the daemon: only the fixture's
        // private one, e.g. scripts/with-test-peers.sh ctest --test-dir BUILD -R tst_secretstore
        STORELOOM_REQUIRE_PEER(storeloom::test::unlockableKeyringPeer());
        m_started = QDateTime::currentDateTime().addSecs(-1);
        testlibHandler = qInstallMessageHandler(recordingHandler);
        m_store = std::make_unique<SecretStore>(); // installs SecretScrubber above us
        QCOMPARE(m_store->service(), QStringLiteral("Storeloom"));
        QVERIFY2(!defaultCollectionLocked(), "the fixture's login keyring is not unlocked");
    }

    void cleanupTestCase()
    {
        if (testlibHandler)
            qInstallMessageHandler(testlibHandler);
    }

    void writeReadRemove()
    {
        const QString key = uniqueKey("rw");
        const QByteArray secret = QByteArray("\x00\xff\xfe binary ", 11) + randomHex(16);

        Outcome written;
        m_store->write(key, secret, written.callback());
        AWAIT_OK(written);

        Outcome readBack;
        m_store->read(key, readBack.callback());
        AWAIT_OK(readBack);
        QCOMPARE(readBack.result().secret, secret);

        const QString item = keyringItem(key);
        QVERIFY2(item.contains(QStringLiteral("attribute.server = Storeloom\n")), qPrintable(item));
        QVERIFY2(item.contains(QStringLiteral("schema = org.qt.keychain\n")), qPrintable(item));

        Outcome removed;
        m_store->remove(key, removed.callback());
        AWAIT_OK(removed);
        QVERIFY(keyringItem(key).isEmpty());

        Outcome missing;
        m_store->read(key, missing.callback());
        AWAIT(missing);
        QCOMPARE(missing.result().error, Error::NotFound);
        QVERIFY(missing.result().secret.isEmpty());
        QVERIFY(!missing.result().message.isEmpty());

        Outcome removedAgain; // removing a missing key is ok
        m_store->remove(key, removedAgain.callback());
        AWAIT_OK(removedAgain);

        for (const Outcome *o : {&written, &readBack, &removed, &missing, &removedAgain})
            QCOMPARE(o->calls(), 1);
    }

    void secondProcessReadsTheSecret()
    {
        const QString key = uniqueKey("child");
        const QByteArray secret = "shpat_" + randomHex(16);
        Outcome written;
        m_store->write(key, secret, written.callback());
        AWAIT_OK(written);

        const Run child = runChild(key);
        QVERIFY2(child.finished && child.exitCode == 0, child.err.constData());
        QCOMPARE(child.out.trimmed(), secret.toBase64());

        const Run missing = runChild(uniqueKey("never-written"));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(verdict(missing).startsWith("NotFound: "), missing.err.constData());

        Outcome removed;
        m_store->remove(key, removed.callback());
        AWAIT(removed);
    }

    void secretReadIsScrubbedFromLogs()
    {
        // Stored by another program, so only the read can have registered it.
        const QString key = uniqueKey("scrub");
        const QByteArray secret = "etsy-key-" + randomHex(16);
        const Run stored = runProgram(
            QStringLiteral("secret-tool"),
            args({"store", "--label=test", "server", "Storeloom", "type", "base64", "user"}) << key,
            secret.toBase64());
        QVERIFY2(stored.finished && stored.exitCode == 0, stored.err.constData());

        Outcome readBack;
        m_store->read(key, readBack.callback());
        AWAIT(readBack);
        QCOMPARE(readBack.result().secret, secret);
        qWarning().noquote() << "the token is" << QString::fromLatin1(readBack.result().secret);
        QMutexLocker lock(&logMutex);
        QCOMPARE(logged.last(), QStringLiteral("the token is [redacted]"));
        lock.unlock();

        Outcome removed;
        m_store->remove(key, removed.callback());
        AWAIT_OK(removed);
    }

    void deadSessionBusGivesNoSecretService()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent"));
        const Run child = runChild(uniqueKey("nobus"), env);
        QVERIFY(child.finished);
        QCOMPARE(child.exitCode, 1);
        QVERIFY2(verdict(child).startsWith("NoSecretService: No password keyring is available (the "
                                           "Secret Service is not running)."),
                 child.err.constData());
        QVERIFY(verdict(child).endsWith("Storeloom never stores tokens in plain text."));
    }

    void unansweredKeyringTimesOutAsLocked()
    {
        const uint pid = QDBusConnection::sessionBus().interface()->servicePid(kSecretsService);
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        auto resume = qScopeGuard([pid] { ::kill(pid_t(pid), SIGCONT); });
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("STORELOOM_SECRETS_TIMEOUT_MS"), QStringLiteral("1000"));
        const Run child = runChild(uniqueKey("hung"), env);
        resume.dismiss();
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        QVERIFY(child.finished);
        QCOMPARE(child.exitCode, 1);
        QVERIFY2(verdict(child).startsWith("Locked: Your password keyring did not answer in time"),
                 child.err.constData());
    }

    // Last: gnome-keyring cannot be unlocked again without a prompt, so the
    // daemon is restarted with the password at the end.
    void lockedKeyringGivesLockedAndNoPlaintext()
    {
        const QString key = uniqueKey("locked");
        const QByteArray stored = "shpat_" + randomHex(16);
        Outcome written;
        m_store->write(key, stored, written.callback());
        AWAIT_OK(written);

        auto restart = qScopeGuard([] { restartKeyringUnlocked(); });
        QVERIFY(lockLoginCollection());
        QVERIFY(defaultCollectionLocked());

        const QString lockedMessage = QStringLiteral(
            "Your password keyring is locked. Unlock it (for example by logging in again or in "
            "Passwords and Keys) and try again.");
        Outcome readLocked;
        m_store->read(key, readLocked.callback());
        AWAIT(readLocked);
        QCOMPARE(readLocked.result().error, Error::Locked);
        QCOMPARE(readLocked.result().message, lockedMessage);
        QVERIFY(readLocked.result().secret.isEmpty());

        const QString newKey = uniqueKey("locked-new");
        const QByteArray refused = "shpat_" + randomHex(16);
        Outcome writeLocked;
        m_store->write(newKey, refused, writeLocked.callback());
        AWAIT(writeLocked);
        QCOMPARE(writeLocked.result().error, Error::Locked);
        QCOMPARE(writeLocked.result().message, lockedMessage);

        Outcome removeLocked; // the item stays; saying ok would be a lie
        m_store->remove(key, removeLocked.callback());
        AWAIT(removeLocked);
        QCOMPARE(removeLocked.result().error, Error::Locked);

        QFile control(QDir::home().filePath(QStringLiteral("scan-control.txt")));
        const QByteArray canary = "canary-" + randomHex(8);
        QVERIFY(control.open(QIODevice::WriteOnly) && control.write(canary) > 0);
        control.close();
        QCOMPARE(filesContaining(QDir::homePath(), {canary}), QStringList{control.fileName()});
        QVERIFY(control.remove());
        const QList<QByteArray> plain{refused, refused.toBase64(), stored, stored.toBase64()};
        QCOMPARE(filesContaining(QDir::homePath(), plain), QStringList());
        QCOMPARE(filesContaining(QDir::tempPath(), plain, m_started), QStringList());

        restart.dismiss();
        QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
        const uint lockedPid = bus->servicePid(kSecretsService);
        QVERIFY(restartKeyringUnlocked());
        // Probe only once the new daemon owns the name: a call in between
        // would have D-Bus activate yet another (locked) daemon.
        QTRY_VERIFY_WITH_TIMEOUT(bus->isServiceRegistered(kSecretsService).value() &&
                                     bus->servicePid(kSecretsService).value() != lockedPid,
                                 kTimeoutMs);
        QVERIFY(!defaultCollectionLocked());
        // Another process sees the refused write absent and the locked item kept.
        QCOMPARE(runChild(newKey).exitCode, 1);
        const Run kept = runChild(key);
        QCOMPARE(kept.out.trimmed(), stored.toBase64());
        runProgram(QStringLiteral("secret-tool"), args({"clear", "server", "Storeloom", "user"})
                                                      << key);
    }

private:
    std::unique_ptr<SecretStore> m_store;
    QDateTime m_started;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
