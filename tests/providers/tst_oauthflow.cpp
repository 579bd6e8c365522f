// OAuthFlow against an OAuth 2.0 server no one here wrote: oidc-provider (npm),
// started on 127.0.0.1 with a public native client that requires PKCE (S256).
// The "browser" is a QDesktopServices URL handler that follows the server's
// redirects with its own QNetworkAccessManager and cookie jar.
#include "faketokenendpoint.h"
#include "oauthflow.h"
#include "oidcpeer.h"
#include "peers.h"
#include "pkce.h"
#include "testbrowser.h"

#include <QDesktopServices>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace storeloom;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 20'000;

OAuthError errorAt(const QSignalSpy &spy, int index = 0)
{
    return spy.at(index).at(0).value<OAuthError>();
}

OAuthTokens tokensAt(const QSignalSpy &spy, int index = 0)
{
    return spy.at(index).at(0).value<OAuthTokens>();
}

// Whether something accepts connections on 127.0.0.1:port.
bool isListening(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(3'000);
}

QString queryValue(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

const QRegularExpression kUrlSafe43(QStringLiteral("^[A-Za-z0-9_-]{43}$"));

} // namespace

class TestOAuthFlow : public QObject
{
    Q_OBJECT

private:
    OAuthSettings peerSettings(const OidcPeer &peer) const
    {
        OAuthSettings settings;
        settings.authorizationUrl = peer.authorizationUrl();
        settings.tokenUrl = peer.tokenUrl();
        settings.clientId = peer.clientId();
        settings.scopes = {QStringLiteral("listings_r"), QStringLiteral("listings_w"),
                           QStringLiteral("shops_r")};
        settings.redirectTimeout = 60s;
        return settings;
    }

    // A complete grant through the loopback; returns the tokens.
    OAuthTokens grant(OAuthFlow &flow)
    {
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QElapsedTimer clock;
        qint64 elapsed = -1;
        const auto stopClock =
            connect(&flow, &OAuthFlow::granted, this, [&] { elapsed = clock.elapsed(); });
        clock.start();
        flow.start();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!granted.isEmpty() || !failed.isEmpty(), kWaitMs); }();
        disconnect(stopClock);
        if (!failed.isEmpty())
            qWarning() << "grant failed:" << errorAt(failed).message << m_browser.lastError();
        if (granted.isEmpty())
            return {};
        m_grantMs.append(elapsed);
        return tokensAt(granted);
    }

    OidcPeer m_peer;
    TestBrowser m_browser;
    QNetworkAccessManager m_network;
    QList<qint64> m_grantMs;
    QList<qint64> m_refreshMs;

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        m_peer.stop();
        const auto summary = [](const QList<qint64> &ms) {
            QStringList parts;
            for (qint64 value : ms)
                parts.append(QString::number(value));
            return parts.join(QStringLiteral(", "));
        };
        qInfo().noquote() << "timings on loopback: grant (start → granted, scripted browser) ms:"
                          << summary(m_grantMs) << "| refresh ms:" << summary(m_refreshMs);
    }

    void init() { m_browser.setMode(TestBrowser::Mode::FollowRedirect); }

    void verifierChallengeAndStateFollowRfc7636()
    {
        // RFC 7636 Appendix B.
        QCOMPARE(pkce::codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const QByteArray verifier = pkce::makeCodeVerifier();
        QVERIFY(kUrlSafe43.match(QString::fromLatin1(verifier)).hasMatch());
        QVERIFY(verifier != pkce::makeCodeVerifier());
        const QString state = pkce::makeState();
        QVERIFY(kUrlSafe43.match(state).hasMatch());
        QVERIFY(state != pkce::makeState());
    }

    void authorizationUrlCarriesPkceFreshStateAndEncodedValues()
    {
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthSettings settings = peerSettings(m_peer);
        settings.extraAuthorizationParameters.insert(QStringLiteral("login_hint"),
                                                     QStringLiteral("a+b&c=d@example.com"));
        OAuthFlow flow(settings, &m_network);
        QSignalSpy ready(&flow, &OAuthFlow::authorizationUrlReady);
        flow.start();
        QCOMPARE(ready.size(), 1);
        const QUrl url = ready.at(0).at(0).toUrl();
        QCOMPARE(m_browser.openedUrl(), url); // opened through QDesktopServices
        QCOMPARE(flow.state(), OAuthFlow::State::WaitingForRedirect);
        const QByteArray encoded = url.toEncoded();
        QVERIFY2(encoded.contains("login_hint=a%2Bb%26c%3Dd%40example.com"), encoded.constData());
        QCOMPARE(queryValue(url, QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QVERIFY(kUrlSafe43.match(queryValue(url, QStringLiteral("code_challenge"))).hasMatch());
        QCOMPARE(queryValue(url, QStringLiteral("scope")),
                 QStringLiteral("listings_r listings_w shops_r"));
        QCOMPARE(QUrl(queryValue(url, QStringLiteral("redirect_uri"))), flow.redirectUri());
        QCOMPARE(flow.redirectUri().host(), QStringLiteral("127.0.0.1"));
        const QString firstState = queryValue(url, QStringLiteral("state"));
        QVERIFY(kUrlSafe43.match(firstState).hasMatch());

        flow.start(); // every grant gets a fresh state and challenge
        QCOMPARE(ready.size(), 2);
        const QUrl second = ready.at(1).at(0).toUrl();
        QVERIFY(queryValue(second, QStringLiteral("state")) != firstState);
        QVERIFY(queryValue(second, QStringLiteral("code_challenge")) !=
                queryValue(url, QStringLiteral("code_challenge")));
        flow.cancel();
    }

    void fullGrantThroughTheLoopback()
    {
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        const OAuthTokens tokens = grant(flow);
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(!tokens.refreshToken.isEmpty());
        QCOMPARE(tokens.grantedScopes,
                 (QStringList{QStringLiteral("listings_r"), QStringLiteral("listings_w"),
                              QStringLiteral("shops_r")}));
        const qint64 expiresIn = QDateTime::currentDateTimeUtc().secsTo(tokens.expiresAt);
        QVERIFY2(expiresIn > 3500 && expiresIn <= 3600, qPrintable(QString::number(expiresIn)));
        QCOMPARE(flow.state(), OAuthFlow::State::Granted);
        QCOMPARE(flow.tokens().accessToken, tokens.accessToken);
        QTRY_COMPARE(m_browser.callbackStatuses(), QList<int>{200}); // the browser saw "done"
        QVERIFY(!isListening(flow.redirectUri().port())); // listener closed after the callback
        // Refresh planned a minute before expiry.
        QVERIFY(qAbs(flow.nextRefreshAt().secsTo(tokens.expiresAt) - 60) <= 1);
    }

    void refreshRotatesAndTheOldRefreshTokenIsRejected()
    {
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        const OAuthTokens first = grant(flow);
        QVERIFY(!first.refreshToken.isEmpty());

        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        QElapsedTimer clock;
        clock.start();
        flow.refresh();
        QCOMPARE(flow.state(), OAuthFlow::State::Refreshing);
        QVERIFY(refreshed.wait(kWaitMs));
        m_refreshMs.append(clock.elapsed());
        const OAuthTokens second = tokensAt(refreshed);
        QVERIFY(!second.refreshToken.isEmpty());
        QVERIFY(second.refreshToken != first.refreshToken); // rotated
        QVERIFY(second.accessToken != first.accessToken);
        QCOMPARE(second.grantedScopes, first.grantedScopes); // scope kept across the refresh
        QCOMPARE(flow.state(), OAuthFlow::State::Granted);

        // Someone replays the old refresh token (e.g. a stale copy): the server
        // refuses it and, per oidc-provider, revokes the whole grant.
        OAuthFlow stale(peerSettings(m_peer), &m_network);
        stale.setTokens(first);
        QSignalSpy staleFailed(&stale, &OAuthFlow::failed);
        stale.refresh();
        QVERIFY(staleFailed.wait(kWaitMs));
        const OAuthError error = errorAt(staleFailed);
        QCOMPARE(error.kind, OAuthError::InvalidGrant);
        QCOMPARE(error.serverError, QStringLiteral("invalid_grant"));
        QVERIFY2(error.message.contains(QStringLiteral("Reconnect the store")),
                 qPrintable(error.message));
        QCOMPARE(stale.state(), OAuthFlow::State::Failed);
        QCOMPARE(stale.failureReason(), error.message);
        QVERIFY(stale.tokens().isEmpty());

        // The newest refresh token died with the grant: Failed → reconnect.
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        flow.refresh();
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed).kind, OAuthError::InvalidGrant);
        QCOMPARE(flow.state(), OAuthFlow::State::Failed);

        const OAuthTokens again = grant(flow); // reconnect
        QVERIFY(!again.accessToken.isEmpty());
        QCOMPARE(flow.state(), OAuthFlow::State::Granted);
        QVERIFY(flow.failureReason().isEmpty());
    }

    void invalidGrantOnRefreshMarksTheFlowFailedWithAReason()
    {
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        OAuthTokens restored;
        restored.accessToken = QStringLiteral("expired-access-token");
        restored.refreshToken = QStringLiteral("a-refresh-token-this-server-never-issued");
        restored.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        flow.setTokens(restored);
        QCOMPARE(flow.state(), OAuthFlow::State::Granted);
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QVERIFY(flow.handleUnauthorized()); // a 401 triggers the refresh
        QVERIFY(failed.wait(kWaitMs));
        const OAuthError error = errorAt(failed);
        QCOMPARE(error.kind, OAuthError::InvalidGrant);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(flow.state(), OAuthFlow::State::Failed);
        QVERIFY(!flow.failureReason().isEmpty());
        QVERIFY(!flow.nextRefreshAt().isValid());
        QVERIFY(!flow.handleUnauthorized()); // nothing left to try
    }

    void aWrongStateOnTheLoopbackIsRefusedAndTheFlowKeepsWaiting()
    {
        m_browser.setMode(TestBrowser::Mode::WrongStateFirst);
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        QSignalSpy refused(&flow, &OAuthFlow::redirectRefused);
        QSignalSpy states(&flow, &OAuthFlow::stateChanged);
        const OAuthTokens tokens = grant(flow);
        QVERIFY(!tokens.accessToken.isEmpty());
        // forged state → 400, wrong path → 404, the real callback → 200
        QCOMPARE(m_browser.callbackStatuses(), (QList<int>{400, 404, 200}));
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("wrong or missing state"));
        // No failure and no detour while the forged requests came in.
        QCOMPARE(states.at(0).at(0).value<OAuthFlow::State>(),
                 OAuthFlow::State::WaitingForRedirect);
        QCOMPARE(states.at(1).at(0).value<OAuthFlow::State>(), OAuthFlow::State::ExchangingCode);
    }

    void pkceViolationsAreRejectedByTheServerAndReported_data()
    {
        QTest::addColumn<bool>("omitChallenge");
        QTest::addColumn<bool>("omitVerifier");
        QTest::addColumn<QByteArray>("verifier");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("serverError");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no challenge")
            << true << false << QByteArray() << int(OAuthError::ServerError)
            << QStringLiteral("invalid_request") << QStringLiteral("requires PKCE");
        QTest::newRow("no verifier")
            << false << true << QByteArray() << int(OAuthError::InvalidGrant)
            << QStringLiteral("invalid_grant") << QStringLiteral("rejected the sign-in code");
        QTest::newRow("wrong verifier")
            << false << false << pkce::makeCodeVerifier() << int(OAuthError::InvalidGrant)
            << QStringLiteral("invalid_grant") << QStringLiteral("rejected the sign-in code");
    }

    void pkceViolationsAreRejectedByTheServerAndReported()
    {
        QFETCH(bool, omitChallenge);
        QFETCH(bool, omitVerifier);
        QFETCH(QByteArray, verifier);
        QFETCH(int, kind);
        QFETCH(QString, serverError);
        QFETCH(QString, messagePart);
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        flow.setTestHooks({omitChallenge, omitVerifier, verifier});
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        flow.start();
        QVERIFY2(failed.wait(kWaitMs), qPrintable(m_browser.lastError()));
        const OAuthError error = errorAt(failed);
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.serverError, serverError);
        QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
        QVERIFY(granted.isEmpty());
        QCOMPARE(flow.state(), OAuthFlow::State::Failed);
        QCOMPARE(flow.failureReason(), error.message);
    }

    void cancelReportsCancelledAndClosesTheListener()
    {
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        flow.start();
        const quint16 port = flow.redirectUri().port();
        QVERIFY(isListening(port));
        // Bound to 127.0.0.1 only: not reachable through this host's other addresses.
        const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &address : addresses) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket socket;
            socket.connectToHost(address, port);
            QVERIFY2(!socket.waitForConnected(3'000), qPrintable(address.toString()));
        }
        flow.cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(errorAt(failed).kind, OAuthError::Cancelled);
        QCOMPARE(flow.state(), OAuthFlow::State::Idle);
        QVERIFY(!isListening(port));
        QVERIFY(!flow.completeWithRedirectUrl(flow.redirectUri())); // nothing waits any more
    }

    void aConfiguredPortAlreadyInUseIsReported()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthSettings settings = peerSettings(m_peer);
        settings.redirectPort = squatter.serverPort();
        OAuthFlow flow(settings, &m_network);
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QSignalSpy ready(&flow, &OAuthFlow::authorizationUrlReady);
        flow.start();
        QCOMPARE(failed.size(), 1);
        const OAuthError error = errorAt(failed);
        QCOMPARE(error.kind, OAuthError::PortInUse);
        QVERIFY2(error.message.contains(QString::number(squatter.serverPort())),
                 qPrintable(error.message));
        QCOMPARE(flow.state(), OAuthFlow::State::Failed);
        QVERIFY(ready.isEmpty()); // the browser was not opened
    }

    void theListenerClosesAfterTheTimeout()
    {
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthSettings settings = peerSettings(m_peer);
        settings.redirectTimeout = 1s;
        OAuthFlow flow(settings, &m_network);
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        flow.start();
        const quint16 port = flow.redirectUri().port();
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed).kind, OAuthError::Timeout);
        QVERIFY(!isListening(port));
    }

    void pasteFallbackChecksTheState()
    {
        m_browser.setMode(TestBrowser::Mode::CaptureRedirect);
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        QSignalSpy captured(&m_browser, &TestBrowser::redirectCaptured);
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        QSignalSpy refused(&flow, &OAuthFlow::redirectRefused);
        flow.start();
        QVERIFY2(captured.wait(kWaitMs), qPrintable(m_browser.lastError()));
        const QUrl pasted = captured.at(0).at(0).toUrl();

        QUrl forged = pasted;
        QUrlQuery query(forged);
        query.removeAllQueryItems(QStringLiteral("state"));
        query.addQueryItem(QStringLiteral("state"), pkce::makeState());
        forged.setQuery(query);
        QVERIFY(!flow.completeWithRedirectUrl(forged));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(flow.state(), OAuthFlow::State::WaitingForRedirect); // still waiting

        QVERIFY(flow.completeWithRedirectUrl(pasted));
        QVERIFY(granted.wait(kWaitMs));
        QVERIFY(!tokensAt(granted).accessToken.isEmpty());
        QVERIFY(!isListening(flow.redirectUri().port())); // the loopback closed as well
    }

    void pasteFallbackWithARegisteredHttpsRedirect()
    {
        m_browser.setMode(TestBrowser::Mode::CaptureRedirect);
        OAuthSettings settings = peerSettings(m_peer);
        settings.registeredRedirectUri =
            QUrl(QStringLiteral("https://storeloom.example/oauth/callback"));
        OAuthFlow flow(settings, &m_network);
        QSignalSpy captured(&m_browser, &TestBrowser::redirectCaptured);
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        flow.start();
        QCOMPARE(flow.redirectUri(), settings.registeredRedirectUri); // no listener
        QVERIFY2(captured.wait(kWaitMs), qPrintable(m_browser.lastError()));
        const QUrl pasted = captured.at(0).at(0).toUrl();
        QCOMPARE(pasted.host(), QStringLiteral("storeloom.example"));
        QUrl elsewhere = pasted;
        elsewhere.setHost(QStringLiteral("attacker.example"));
        QVERIFY(!flow.completeWithRedirectUrl(elsewhere));
        QVERIFY(flow.completeWithRedirectUrl(pasted));
        QVERIFY(granted.wait(kWaitMs));
        QCOMPARE(tokensAt(granted).grantedScopes.size(), 3);
    }

    void tokensRefreshAutomaticallyBeforeTheyExpire()
    {
        OidcPeer shortLived(3); // access tokens live 3 s
        QString error;
        QVERIFY2(shortLived.start(&error), qPrintable(error));
        OAuthFlow flow(peerSettings(shortLived), &m_network);
        const OAuthTokens first = grant(flow);
        QVERIFY(!first.accessToken.isEmpty());
        // 80% of a short lifetime: 2.4 s after the grant, 0.6 s before expiry.
        const qint64 lead = flow.nextRefreshAt().msecsTo(first.expiresAt);
        QVERIFY2(lead >= 500 && lead <= 700, qPrintable(QString::number(lead)));
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        // Planned for later, not done at once (the schedule, not the clock, is asserted).
        QCoreApplication::processEvents();
        QVERIFY(refreshed.isEmpty());
        QVERIFY(flow.nextRefreshAt().isValid());
        QVERIFY(refreshed.wait(kWaitMs)); // nobody calls refresh()
        const OAuthTokens second = tokensAt(refreshed);
        QVERIFY(second.accessToken != first.accessToken);
        QVERIFY(second.refreshToken != first.refreshToken);
        QVERIFY(refreshed.wait(kWaitMs));                           // and again for the new token
    }

    void a401RefreshesOncePerAccessToken()
    {
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        const OAuthTokens first = grant(flow);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        QVERIFY(flow.handleUnauthorized());
        QVERIFY(flow.handleUnauthorized()); // already refreshing: wait for it
        QVERIFY(refreshed.wait(kWaitMs));
        QCOMPARE(refreshed.size(), 1);
        QVERIFY(tokensAt(refreshed).accessToken != first.accessToken);
        QVERIFY(!flow.handleUnauthorized()); // the new token got a 401 too: give up
        flow.refresh();                      // a regular refresh brings a new token
        QVERIFY(refreshed.wait(kWaitMs));
        QVERIFY(flow.handleUnauthorized()); // which may be refreshed once on a 401 again
        QVERIFY(refreshed.wait(kWaitMs));
    }

    void aReconnectDuringARefreshWaitsForTheRotatedToken()
    {
        OAuthFlow flow(peerSettings(m_peer), &m_network);
        const OAuthTokens first = grant(flow);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        QSignalSpy ready(&flow, &OAuthFlow::authorizationUrlReady);
        flow.refresh();
        flow.start(); // deferred: the refresh answer must not be lost
        QCOMPARE(flow.state(), OAuthFlow::State::Refreshing);
        QVERIFY(ready.isEmpty());
        QVERIFY(granted.wait(kWaitMs)); // refresh landed, then the new grant ran
        QCOMPARE(refreshed.size(), 1);
        QVERIFY(tokensAt(refreshed).refreshToken != first.refreshToken);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(flow.tokens().accessToken, tokensAt(granted).accessToken);
    }

    void tokenRequestsAreEncodedOnceAndRefreshesCarryOnlyWhatTheyNeed()
    {
        FakeTokenEndpoint endpoint;
        QVERIFY(endpoint.listen());
        OAuthSettings settings = peerSettings(m_peer);
        settings.authorizationUrl = endpoint.authorizationUrl();
        settings.tokenUrl = endpoint.tokenUrl();
        settings.registeredRedirectUri =
            QUrl(QStringLiteral("https://storeloom.example/oauth/callback"));
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthFlow flow(settings, &m_network);
        flow.start();
        const QString state = queryValue(flow.authorizationUrl(), QStringLiteral("state"));
        endpoint.queue({200, "application/json",
                        R"({"access_token":"at 1","refresh_token":"r+1/2=%","expires_in":3600,)"
                        R"("scope":"listings_r","token_type":"Bearer"})"});
        endpoint.queue({200, "application/json; charset=utf-8",
                        R"({"access_token":"at2","refresh_token":"r2","expires_in":3600})"});
        QSignalSpy granted(&flow, &OAuthFlow::granted);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        QUrl pasted = settings.registeredRedirectUri;
        pasted.setQuery(QStringLiteral("code=a%2Bb%2Fc%25d%3De+f&state=") + state);
        QVERIFY(flow.completeWithRedirectUrl(pasted));
        QVERIFY(granted.wait(kWaitMs));
        QCOMPARE(tokensAt(granted).refreshToken, QStringLiteral("r+1/2=%"));

        const auto exchange = endpoint.requests().at(0);
        QCOMPARE(exchange.value(QStringLiteral("grant_type")),
                 QStringLiteral("authorization_code"));
        QCOMPARE(exchange.value(QStringLiteral("code")), QStringLiteral("a+b/c%d=e f")); // once
        QCOMPARE(exchange.value(QStringLiteral("redirect_uri")),
                 settings.registeredRedirectUri.toString());
        QCOMPARE(exchange.value(QStringLiteral("client_id")), settings.clientId);
        QVERIFY(kUrlSafe43.match(exchange.value(QStringLiteral("code_verifier"))).hasMatch());
        QVERIFY(!exchange.contains(QStringLiteral("client_secret"))); // public client

        flow.refresh();
        QVERIFY(refreshed.wait(kWaitMs));
        const auto refresh = endpoint.requests().at(1);
        QCOMPARE(refresh.value(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        QCOMPARE(refresh.value(QStringLiteral("refresh_token")), QStringLiteral("r+1/2=%"));
        QCOMPARE(refresh.value(QStringLiteral("client_id")), settings.clientId);
        QVERIFY(!refresh.contains(QStringLiteral("client_secret")));
        QVERIFY(!refresh.contains(QStringLiteral("redirect_uri")));
        QVERIFY(!refresh.contains(QStringLiteral("scope")));
        // The answer had no scope: the granted scope is kept.
        QCOMPARE(tokensAt(refreshed).grantedScopes, QStringList{QStringLiteral("listings_r")});
        QCOMPARE(flow.tokens().grantedScopes, QStringList{QStringLiteral("listings_r")});
    }

    void aTokenRequestWithoutAnswerTimesOutAndALateRotationIsKept()
    {
        QTcpServer silent; // accepts the token request and answers only when told
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        OAuthSettings settings = peerSettings(m_peer);
        settings.tokenUrl =
            QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(silent.serverPort()));
        settings.tokenRequestTimeout = 1s;
        OAuthFlow flow(settings, &m_network);
        flow.setTokens({QStringLiteral("at"),
                        QStringLiteral("rt"),
                        QDateTime::currentDateTimeUtc().addSecs(3600),
                        {QStringLiteral("shops_r")}});
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        flow.refresh();
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed).kind, OAuthError::NetworkError);
        QVERIFY2(errorAt(failed).message.contains(QStringLiteral("no answer within 1 s")),
                 qPrintable(errorAt(failed).message));
        QCOMPARE(flow.state(), OAuthFlow::State::Granted);
        QVERIFY(flow.nextRefreshAt().isValid()); // retry planned

        // The server answers after all, with a rotated refresh token: keep it.
        QTRY_VERIFY(silent.hasPendingConnections());
        QTcpSocket *socket = silent.nextPendingConnection();
        const QByteArray body =
            R"({"access_token":"late-at","refresh_token":"late-rt","expires_in":3600})";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        QVERIFY(refreshed.wait(kWaitMs));
        QCOMPARE(tokensAt(refreshed).refreshToken, QStringLiteral("late-rt"));
        QCOMPARE(flow.tokens().refreshToken, QStringLiteral("late-rt"));
    }

    void failedTokenAnswersAreReportedAndDoNotBlockTheNextRefresh()
    {
        FakeTokenEndpoint endpoint;
        QVERIFY(endpoint.listen());
        OAuthSettings settings = peerSettings(m_peer);
        settings.tokenUrl = endpoint.tokenUrl();
        OAuthFlow flow(settings, &m_network);
        flow.setTokens({QStringLiteral("at"),
                        QStringLiteral("rt"),
                        QDateTime::currentDateTimeUtc().addSecs(3600),
                        {QStringLiteral("shops_r")}});
        QSignalSpy failed(&flow, &OAuthFlow::failed);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);

        endpoint.queue({502, "text/html", "<html>Bad gateway</html>"});
        flow.refresh();
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed).kind, OAuthError::ServerError);
        QCOMPARE(errorAt(failed).httpStatus, 502);
        QCOMPARE(flow.state(), OAuthFlow::State::Granted); // the access token may still work
        QVERIFY(flow.nextRefreshAt().isValid());           // and a retry is planned

        endpoint.queue({200, "application/json", "this is not JSON"});
        flow.refresh(); // Qt 6.4 would still be "RefreshingToken" here and refuse
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed, 1).kind, OAuthError::MalformedReply);

        endpoint.queue({200, "application/json", R"({"error":"temporarily_unavailable"})"});
        flow.refresh();
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(errorAt(failed, 2).kind, OAuthError::ServerError);
        QCOMPARE(errorAt(failed, 2).serverError, QStringLiteral("temporarily_unavailable"));

        endpoint.queue({200, "application/json", R"({"access_token":"at2","expires_in":60})"});
        flow.refresh();
        QVERIFY(refreshed.wait(kWaitMs));
        QCOMPARE(tokensAt(refreshed).refreshToken, QStringLiteral("rt")); // not rotated: kept
        QCOMPARE(tokensAt(refreshed).grantedScopes, QStringList{QStringLiteral("shops_r")});
        QCOMPARE(endpoint.requests().size(), 4);

        QTcpServer closed; // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        settings.tokenUrl =
            QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(closed.serverPort()));
        closed.close();
        OAuthFlow unreachable(settings, &m_network);
        unreachable.setTokens({QStringLiteral("at"), QStringLiteral("rt"), {}, {}});
        QSignalSpy unreachableFailed(&unreachable, &OAuthFlow::failed);
        unreachable.refresh();
        QVERIFY(unreachableFailed.wait(kWaitMs));
        QCOMPARE(errorAt(unreachableFailed).kind, OAuthError::NetworkError);
    }
};

QTEST_MAIN(TestOAuthFlow)
#include "tst_oauthflow.moc"
