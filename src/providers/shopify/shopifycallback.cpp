#include "shopifycallback.h"

#include <QMessageAuthenticationCode>
#include <QUrlQuery>
#include <algorithm>

namespace storeloom::shopify {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

bool callbackSignatureValid(const QUrl &redirect, const QByteArray &clientSecret)
{
    auto pairs = QUrlQuery(redirect).queryItems(QUrl::FullyDecoded);
    QByteArray given;
    pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                               [&given](const QPair<QString, QString> &pair) {
                                   if (pair.first != QLatin1String("hmac"))
                                       return false;
                                   given = pair.second.toLatin1().toLower();
                                   return true;
                               }),
                pairs.end());
    if (given.isEmpty() || clientSecret.isEmpty())
        return false;
    std::sort(pairs.begin(), pairs.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray message;
    for (const auto &[name, value] : pairs) {
        if (!message.isEmpty())
            message += '&';
        message += name.toUtf8() + '=' + value.toUtf8();
    }
    const QByteArray expected =
        QMessageAuthenticationCode::hash(message, clientSecret, QCryptographicHash::Sha256).toHex();
    return constantTimeEquals(expected, given);
}

QString callbackRefusal(const QUrl &redirect, const QByteArray &clientSecret,
                        const QString &shopDomain)
{
    if (!callbackSignatureValid(redirect, clientSecret))
        return QStringLiteral("missing or wrong hmac signature");
    const QString shop = QUrlQuery(redirect).queryItemValue(QStringLiteral("shop"),
                                                            QUrl::FullyDecoded);
    if (shop.compare(shopDomain, Qt::CaseInsensitive) != 0)
        return QStringLiteral("signed for another shop");
    return {};
}

} // namespace storeloom::shopify
