#include "oauthencoding.h"

namespace storeloom::oauth {

QString encodeValue(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

void encodeValues(QMultiMap<QString, QVariant> *parameters)
{
    for (auto it = parameters->begin(); it != parameters->end(); ++it)
        it.value() = encodeValue(it.value().toString());
}

static QString decodeFormComponent(QByteArray component)
{
    component.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(component));
}

QVariantMap redirectParameters(const QUrl &url)
{
    QByteArray encoded = url.query(QUrl::FullyEncoded).toLatin1();
    if (encoded.isEmpty())
        encoded = url.fragment(QUrl::FullyEncoded).toLatin1();
    QVariantMap parameters;
    const QList<QByteArray> pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString key = decodeFormComponent(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : decodeFormComponent(pair.mid(eq + 1));
        if (!parameters.contains(key)) // a repeated parameter keeps its first value
            parameters.insert(key, value);
    }
    return parameters;
}

bool sameRedirectTarget(const QUrl &url, const QUrl &redirectUri)
{
    const auto defaultPort = [](const QUrl &u) {
        return u.scheme() == QLatin1String("https") ? 443 : 80;
    };
    return url.isValid() && url.scheme() == redirectUri.scheme() &&
           url.host().compare(redirectUri.host(), Qt::CaseInsensitive) == 0 &&
           url.port(defaultPort(url)) == redirectUri.port(defaultPort(redirectUri)) &&
           url.path() == redirectUri.path();
}

} // namespace storeloom::oauth
