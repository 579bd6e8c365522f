#include "etsyauth.h"


#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

HttpResponse oauthError(const QString &error, const QString &description)
{
    return HttpResponse::json(400, QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}});
}

} // namespace

EtsyAuth::EtsyAuth(const SandboxClock &clock, EtsyAuthSettings settings)
    : m_clock(clock), m_settings(std::move(settings))
{
}

QStringList EtsyAuth::allScopes()
{
    return {u"address_r"_s, u"address_w"_s,  u"billing_r"_s,   u"cart_r"_s,      u"cart_w"_s,
            u"email_r"_s,   u"favorites_r"_s, u"favorites_w"_s, u"feedback_r"_s,  u"listings_d"_s,
            u"listings_r"_s, u"listings_w"_s, u"profile_r"_s,   u"profile_w"_s,   u"recommend_r"_s,
            u"recommend_w"_s, u"shops_r"_s,   u"shops_w"_s,     u"transactions_r"_s, u"transactions_w"_s};
}

QString EtsyAuth::challengeFor(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

HttpResponse EtsyAuth::connect(const QUrl &url)
{
    const QUrlQuery query(url);
    auto param = [&](const QString &name) { return query.queryItemValue(name, QUrl::FullyDecoded); };
    const QUrl redirect(param(u"redirect_uri"_s));
    if (param(u"client_id"_s) != m_settings.keystring)
        return HttpResponse::html(400, u"The application that is requesting authorization is not recognized."_s);
    if (!redirect.isValid() || redirect.isRelative() ||
        (redirect.scheme() != u"https"_s && redirect.scheme() != u"http"_s))
        return HttpResponse::html(400, u"The redirect_uri is missing or not a valid URL."_s);
    if (param(u"response_type"_s) != u"code"_s)
        return HttpResponse::html(400, u"response_type must be code."_s);
    if (param(u"state"_s).isEmpty())
        return HttpResponse::html(400, u"The state parameter is required."_s);
    if (param(u"code_challenge"_s).isEmpty())
        return HttpResponse::html(400, u"code_challenge is required (PKCE)."_s);
    if (param(u"code_challenge_method"_s) != u"S256"_s)
        return HttpResponse::html(400, u"code_challenge_method must be S256."_s);
    const QStringList scopes = param(u"scope"_s).split(u' ', Qt::SkipEmptyParts);
    for (const QString &scope : scopes) {
        if (!allScopes().contains(scope))
            return HttpResponse::html(400, u"Unknown scope: %1"_s.arg(scope));
    }
    if (scopes.isEmpty())
        return HttpResponse::html(400, u"The scope parameter is required."_s);

    const QString code = randomToken();
    m_codes.insert(code, {redirect.toString(), param(u"code_challenge"_s), scopes,
                          m_clock.nowMs() + m_settings.codeLifetimeSecs * 1000LL, false});
    QUrl target = redirect;
    QUrlQuery callback(redirect);
    callback.addQueryItem(u"code"_s, QString::fromLatin1(QUrl::toPercentEncoding(code)));
    callback.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(param(u"state"_s))));
    target.setQuery(callback);
    return HttpResponse::redirect(target.toEncoded());
}

HttpResponse EtsyAuth::token(const HttpRequest &request)
{
    if (mediaType(request.header("content-type")) != u"application/x-www-form-urlencoded"_s)
        return oauthError(u"invalid_request"_s, u"The request must be application/x-www-form-urlencoded"_s);
    const FormFields form = FormFields::parse(request.body);
    if (form.value(u"client_id"_s) != m_settings.keystring)
        return oauthError(u"invalid_client"_s, u"Unknown client_id"_s);
    const QString grant = form.value(u"grant_type"_s);
    if (grant == u"authorization_code"_s)
        return codeGrant(form);
    if (grant == u"refresh_token"_s)
        return refreshGrant(form);
    return oauthError(u"unsupported_grant_type"_s, u"grant_type must be authorization_code or refresh_token"_s);
}

HttpResponse EtsyAuth::codeGrant(const FormFields &form)
{
    const auto found = m_codes.find(form.value(u"code"_s));
    if (found == m_codes.end())
        return oauthError(u"invalid_grant"_s, u"code is invalid"_s);
    if (found->used)
        return oauthError(u"invalid_grant"_s, u"code has been used previously"_s);
    if (found->expiresMs <= m_clock.nowMs())
        return oauthError(u"invalid_grant"_s, u"code has expired"_s);
    if (form.value(u"redirect_uri"_s) != found->redirectUri)
        return oauthError(u"invalid_grant"_s, u"redirect_uri does not match the one the code was issued to"_s);
    const QString verifier = form.value(u"code_verifier"_s);
    if (verifier.isEmpty())
        return oauthError(u"invalid_request"_s, u"code_verifier is required"_s);
    // A failed verification uses up the code too: an attacker gets one guess.
    found->used = true;
    if (challengeFor(verifier) != found->challenge)
        return oauthError(u"invalid_grant"_s, u"code_verifier is invalid"_s);
    return tokenAnswer(found->scopes);
}

HttpResponse EtsyAuth::refreshGrant(const FormFields &form)
{
    const QString refresh = form.value(u"refresh_token"_s);
    const auto found = m_refreshTokens.constFind(refresh);
    if (refresh.isEmpty() || found == m_refreshTokens.cend())
        return oauthError(u"invalid_grant"_s, u"refresh_token is invalid or has already been used"_s);
    const QStringList scopes = *found;
    m_refreshTokens.remove(refresh); // rotation: every refresh token works once
    return tokenAnswer(scopes);
}

HttpResponse EtsyAuth::tokenAnswer(const QStringList &scopes)
{
    const EtsyTokens tokens = issueTokens(scopes);
    return HttpResponse::json(200, QJsonObject{{u"access_token"_s, tokens.accessToken},
                                               {u"token_type"_s, u"Bearer"_s},
                                               {u"expires_in"_s, tokens.expiresIn},
                                               {u"refresh_token"_s, tokens.refreshToken}});
}

EtsyTokens EtsyAuth::issueTokens(const QStringList &scopes)
{
    EtsyTokens tokens;
    tokens.accessToken = u"%1.%2"_s.arg(m_settings.userId).arg(randomToken());
    tokens.refreshToken = u"%1.%2"_s.arg(m_settings.userId).arg(randomToken());
    tokens.expiresIn = m_settings.accessTokenLifetimeSecs;
    m_accessTokens.insert(tokens.accessToken, m_clock.nowMs() + m_settings.accessTokenLifetimeSecs * 1000LL);
    m_refreshTokens.insert(tokens.refreshToken, scopes);
    return tokens;
}

bool EtsyAuth::expireAccessToken(const QString &accessToken)
{
    const auto found = m_accessTokens.find(accessToken);
    if (found == m_accessTokens.end())
        return false;
    *found = m_clock.nowMs();
    return true;
}

bool EtsyAuth::revokeRefreshToken(const QString &refreshToken)
{
    return m_refreshTokens.remove(refreshToken) > 0;
}

QString EtsyAuth::apiKeyError(const QByteArray &header) const
{
    if (header.isEmpty())
        return u"Invalid API key: the x-api-key header is missing"_s;
    const QString value = QString::fromUtf8(header);
    const qsizetype colon = value.indexOf(u':');
    if (colon < 0)
        return u"Invalid API key: the x-api-key header must be <keystring>:<shared_secret>"_s;
    if (value.left(colon) != m_settings.keystring)
        return u"Invalid API key: unknown keystring"_s;
    if (value.mid(colon + 1) != m_settings.sharedSecret)
        return u"Invalid API key: the shared secret does not match the keystring"_s;
    return {};
}

bool EtsyAuth::bearerValid(const QByteArray &authorizationHeader) const
{
    if (!authorizationHeader.startsWith("Bearer "))
        return false;
    const auto found = m_accessTokens.constFind(QString::fromUtf8(authorizationHeader.mid(7).trimmed()));
    return found != m_accessTokens.cend() && *found > m_clock.nowMs();
}

QString EtsyAuth::randomToken() const
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace storeloom::sandbox::etsy
