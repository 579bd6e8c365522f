#pragma once

#include "etsy/etsyprovider.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

// Runs tests/peers/oauth-server (oidc-provider on 127.0.0.1, a free port) for
// the lifetime of this object: start() waits for its READY line, the destructor
// stops it (SIGTERM, then kill). The peer also exits when our end of its stdin
// closes, so a crashed test leaves nothing behind.
class OidcPeer
{
public:
    // accessTokenTtl: seconds (ACCESS_TOKEN_TTL of the peer).
    explicit OidcPeer(int accessTokenTtl = 3600);
    ~OidcPeer();
    OidcPeer(const OidcPeer &) = delete;
    OidcPeer &operator=(const OidcPeer &) = delete;

    // False with *error set when node, the npm packages or the peer are not there.
    bool start(QString *error);
    // start(), for STORELOOM_REQUIRE_PEER: empty when the peer answers, else why not.
    QString startPeer();
    void stop();

    QUrl baseUrl() const { return m_baseUrl; }
    QUrl authorizationUrl() const { return m_baseUrl.resolved(QUrl(QStringLiteral("/auth"))); }
    QUrl tokenUrl() const { return m_baseUrl.resolved(QUrl(QStringLiteral("/token"))); }
    QString clientId() const { return QStringLiteral("storeloomdesktop"); }
    // Etsy's OAuth and identity endpoints, all answered by this peer.
    storeloom::EtsyProvider::Endpoints etsyEndpoints() const
    {
        return {authorizationUrl(), tokenUrl(), m_baseUrl};
    }
    QString errorOutput() const { return QString::fromUtf8(m_stderr); } // never holds tokens
    // What the token endpoint saw so far (server.js: GET /test/stats):
    // codeGrants, refreshes, invalidGrants, revokedGrants, refreshTokensUsed,
    // refreshTokensUsedMoreThanOnce. Empty when the peer did not answer.
    QJsonObject stats() const;

    static QString peerDirectory();

private:
    QProcess m_process;
    int m_accessTokenTtl;
    QUrl m_baseUrl;
    QByteArray m_stdout;
    QByteArray m_stderr;
};
