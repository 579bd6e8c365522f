// A connection's whole life against real peers — connect, automatic refresh
// with rotation, a revoked grant, disconnect — and the leak test: no token
// string ever appears in the workspace file, a log line or a model's data.
#include "connectionretirement.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "connectorlistmodel.h"
#include "etsy/etsyprovider.h"
#include "logrecorder.h"
#include "oauthconnectsession.h"
#include "oidcpeer.h"
#include "peers.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"

#include <QDesktopServices>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;

namespace {} // namespace

class TestConnectionTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
        m_etsy = std::make_unique<EtsyProvider>(m_peer.etsyEndpoints());
        m_secrets = std::make_unique<SecretStore>();
        m_log = std::make_unique<test::LogRecorder>();
    }

    void cleanupTestCase()
    {
        m_log.reset();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    }

    void aConnectionLivesRefreshesIsRevokedAndLeaksNothing()
    {
        test::TestWorkspace workspace;
        QStringList seenTokens;

        // Connect.
        OAuthConnectSession session(workspace.workspace(), *m_secrets, *m_etsy,
                                    {{QStringLiteral("keystring"), m_peer.clientId()},
                                     {QStringLiteral("shared_secret"), QStringLiteral("s3cret")}});
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        session.start();
        QVERIFY(connected.wait(20000));
        const qint64 id = connected.first().first().toLongLong();
        const OAuthTokens first = storedCredentials(workspace, id).tokens;
        QVERIFY(session.flow().tokens().isEmpty()); // the session hands them over, keeps none
        seenTokens << first.accessToken << first.refreshToken;

        // The access token lives 3 s: the keeper refreshes it by itself and
        // the rotated refresh token is in the keychain at once.
        ConnectionTokens keeper(workspace.workspace(), *m_secrets, *m_etsy, id);
        QSignalSpy ready(&keeper, &ConnectionTokens::ready);
        QSignalSpy refreshed(&keeper, &ConnectionTokens::refreshed);
        keeper.load();
        QVERIFY(ready.wait(10000));
        QVERIFY(refreshed.wait(15000));
        const OAuthTokens second = keeper.flow()->tokens();
        seenTokens << second.accessToken << second.refreshToken;
        QVERIFY(second.refreshToken != first.refreshToken);
        QCOMPARE(storedCredentials(workspace, id).tokens.refreshToken, second.refreshToken);
        QCOMPARE(connection(workspace, id).status, Connection::Status::Live);

        // Someone replays the retired refresh token: the platform revokes the
        // grant, and the next refresh ends the connection with the reason.
        QNetworkAccessManager network;
        OAuthFlow replay(m_etsy->oauthSettings({{QStringLiteral("keystring"), m_peer.clientId()}}),
                         &network);
        QSignalSpy replayFailed(&replay, &OAuthFlow::failed);
        replay.setTokens(first);
        replay.refresh();
        QVERIFY(replayFailed.wait(10000));
        QSignalSpy failed(&keeper, &ConnectionTokens::failed);
        keeper.renew();
        QVERIFY(failed.wait(10000));
        const Connection ended = connection(workspace, id);
        QCOMPARE(ended.status, Connection::Status::Failed);
        QVERIFY2(ended.statusReason.contains(QLatin1String("Reconnect")),
                 qPrintable(ended.statusReason));

        // What a merchant's views hold, while the connection still exists.
        ConnectorListModel model(workspace.workspace());
        QSignalSpy loaded(&model, &WorkspaceModel::loaded);
        model.refresh();
        QVERIFY(loaded.wait(10000));
        QStringList modelTexts;
        for (int row = 0; row < model.rowCount(); ++row)
            for (int column = 0; column < model.columnCount(); ++column)
                for (int role = 0; role <= Qt::UserRole + 50; ++role)
                    modelTexts << model.data(model.index(row, column), role).toString();

        // Disconnect: the keys leave the keychain.
        SecretStore::Result afterDisconnect;
        {
            ConnectionRetirement retirement(workspace.workspace(), *m_secrets);
            std::optional<QString> error;
            retirement.retire(id, ConnectionRetirement::Mode::Disconnect,
                              [&](const QString &e) { error = e; });
            QTRY_VERIFY(error.has_value());
            QCOMPARE(*error, QString());
        }

        QByteArray stored;
        for (const QString &file : {workspace.path(), workspace.path() + QStringLiteral("-wal")}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                stored += f.readAll();
        }
        for (const QString &token : std::as_const(seenTokens)) {
            QVERIFY(token.size() >= 16);
            QVERIFY2(!stored.contains(token.toUtf8()), "a token reached the workspace file");
            const QString leaked = m_log->lineContaining(token);
            QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
            for (const QString &text : std::as_const(modelTexts))
                QVERIFY2(!text.contains(token), qPrintable(text));
        }
    }

private:
    Connection connection(const test::TestWorkspace &workspace, qint64 id) const
    {
        const DbHandle handle = workspace.workspace().openHandle();
        return ConnectionStore(handle.db()).get(id);
    }

    Credentials storedCredentials(const test::TestWorkspace &workspace, qint64 id)
    {
        std::optional<Credentials> credentials;
        bool answered = false;
        m_secrets->read(connection(workspace, id).secretKey,
                        [&](const SecretStore::Result &result) {
                            credentials = Credentials::decode(result.secret);
                            answered = true;
                        });
        if (!QTest::qWaitFor([&] { return answered; }, 20000))
            qWarning("the keychain did not answer");
        return credentials.value_or(Credentials{});
    }

    OidcPeer m_peer{3}; // access tokens live 3 s
    TestBrowser m_browser;
    std::unique_ptr<EtsyProvider> m_etsy;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<test::LogRecorder> m_log;
};

QTEST_MAIN(TestConnectionTokens)
#include "tst_connectiontokens.moc"
