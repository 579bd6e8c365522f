// Shopify's signed authorization callback: the hmac over the sorted query,
// checked in constant time, and bound to the shop being connected.
#include "shopify/shopifycallback.h"

#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrlQuery>

using namespace storeloom;

namespace {

const QByteArray kSecret = "hush-app-secret";
const QString kShop = QStringLiteral("linen-loom.myshopify.com");

// A callback as Shopify builds it, signed with `secret`.
QUrl signedCallback(const QByteArray &secret, const QString &shop = kShop)
{
    const QList<std::pair<QString, QString>> pairs{
        {QStringLiteral("code"), QStringLiteral("0907a61c0c8d55e99db179b68161bc00")},
        {QStringLiteral("host"), QStringLiteral("YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvbGluZW4=")},
        {QStringLiteral("shop"), shop},
        {QStringLiteral("state"), QStringLiteral("Zk9x-_state")},
        {QStringLiteral("timestamp"), QStringLiteral("1337178173")},
    };
    QByteArray message;
    QUrlQuery query;
    for (const auto &[name, value] : pairs) { // already sorted by name
        message += (message.isEmpty() ? "" : "&") + name.toUtf8() + '=' + value.toUtf8();
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    query.addQueryItem(QStringLiteral("hmac"),
                       QString::fromLatin1(QMessageAuthenticationCode::hash(
                                               message, secret, QCryptographicHash::Sha256)
                                               .toHex()));
    QUrl url(QStringLiteral("http://127.0.0.1:5000/callback"));
    url.setQuery(query);
    return url;
}

} // namespace

class TestShopifyCallback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aCallbackSignedWithTheAppSecretIsAccepted()
    {
        QVERIFY(shopify::callbackSignatureValid(signedCallback(kSecret), kSecret));
        QCOMPARE(shopify::callbackRefusal(signedCallback(kSecret), kSecret, kShop), QString());
    }

    void theOrderOfTheQueryDoesNotMatter()
    {
        QUrl url = signedCallback(kSecret);
        QUrlQuery query(url);
        auto items = query.queryItems();
        std::reverse(items.begin(), items.end());
        query.setQueryItems(items);
        url.setQuery(query);
        QVERIFY(shopify::callbackSignatureValid(url, kSecret));
    }

    void anotherSecretsSignatureIsRefused()
    {
        QVERIFY(!shopify::callbackSignatureValid(signedCallback("someone-else"), kSecret));
        QVERIFY(!shopify::callbackRefusal(signedCallback("someone-else"), kSecret, kShop).isEmpty());
    }

    void aTamperedValueIsRefused()
    {
        QUrl url = signedCallback(kSecret);
        QUrlQuery query(url);
        query.removeQueryItem(QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("code"), QStringLiteral("attacker-code"));
        url.setQuery(query);
        QVERIFY(!shopify::callbackSignatureValid(url, kSecret));
    }

    void aMissingSignatureIsRefused()
    {
        QUrl url = signedCallback(kSecret);
        QUrlQuery query(url);
        query.removeQueryItem(QStringLiteral("hmac"));
        url.setQuery(query);
        QVERIFY(!shopify::callbackSignatureValid(url, kSecret));
    }

    void aCallbackSignedForAnotherShopIsRefused()
    {
        const QUrl other = signedCallback(kSecret, QStringLiteral("other-shop.myshopify.com"));
        QVERIFY(shopify::callbackSignatureValid(other, kSecret));
        QCOMPARE(shopify::callbackRefusal(other, kSecret, kShop),
                 QStringLiteral("signed for another shop"));
    }

    void constantTimeComparisonStillCompares()
    {
        QVERIFY(shopify::constantTimeEquals("abcdef", "abcdef"));
        QVERIFY(!shopify::constantTimeEquals("abcdef", "abcdeg"));
        QVERIFY(!shopify::constantTimeEquals("abcdef", "abcde"));
    }
};

QTEST_GUILESS_MAIN(TestShopifyCallback)
#include "tst_shopifycallback.moc"
