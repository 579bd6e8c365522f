#include "oidcpeer.h"

#include "peers.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTest>

OidcPeer::OidcPeer(int accessTokenTtl) : m_accessTokenTtl(accessTokenTtl) {}

OidcPeer::~OidcPeer()
{
    stop();
}

QString OidcPeer::peerDirectory()
{
    return QStringLiteral(OAUTH_PEER_DIR);
}

QString OidcPeer::startPeer()
{
    QString error;
    if (start(&error))
        return {};
    return QStringLiteral("Needs the oidc-provider peer: %1").arg(error);
}

bool OidcPeer::start(QString *error)
{
    const QString dir = peerDirectory();
    if (const QString missing =
            storeloom::test::nodePackagePeer(dir, QStringLiteral("oidc-provider"));
        !missing.isEmpty()) {
        *error = missing;
        return false;
    }
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ACCESS_TOKEN_TTL"), QString::number(m_accessTokenTtl));
    env.insert(QStringLiteral("NODE_ENV"), QStringLiteral("test"));
    m_process.setProcessEnvironment(env);
    m_process.setWorkingDirectory(dir);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_stdout += m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_stderr += m_process.readAllStandardError(); });
    m_process.start(node, {QStringLiteral("server.js"), QStringLiteral("0")});
    if (!m_process.waitForStarted(10'000)) {
        *error = QStringLiteral("node did not start: %1").arg(m_process.errorString());
        return false;
    }
    const auto ready = [this] {
        for (const QByteArray &line : m_stdout.split('\n')) {
            if (line.startsWith("READY ")) {
                m_baseUrl = QUrl::fromEncoded(line.mid(6).trimmed());
                return true;
            }
        }
        return false;
    };
    const bool ok = QTest::qWaitFor(
        [&] { return ready() || m_process.state() == QProcess::NotRunning; }, 30'000);
    if (!ok || !m_baseUrl.isValid()) {
        *error = QStringLiteral("the OAuth peer did not become ready:\n%1").arg(errorOutput());
        stop();
        return false;
    }
    return true;
}

void OidcPeer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

QJsonObject OidcPeer::stats() const
{
    QNetworkAccessManager network;
    QNetworkReply *reply =
        network.get(QNetworkRequest(m_baseUrl.resolved(QUrl(QStringLiteral("/test/stats")))));
    const bool answered = QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000);
    const QJsonObject stats = answered && reply->error() == QNetworkReply::NoError
                                  ? QJsonDocument::fromJson(reply->readAll()).object()
                                  : QJsonObject();
    delete reply;
    return stats;
}
