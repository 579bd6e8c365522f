#include "addconnectordialog.h"
#include "builtinproviders.h"
#include "providerregistry.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;
using Page = AddConnectorDialog::Page;

namespace QTest {
template<> inline char *toString(const AddConnectorDialog::Page &page)
{
    return qstrdup(QByteArray::number(int(page)).constData());
}
} // namespace QTest

class TestAddConnectorDialog : public QObject
{
    Q_OBJECT

private:
    template<typename T> T *child(const QString &name) const
    {
        T *widget = m_dialog->findChild<T *>(name);
        if (!widget)
            qWarning() << "no child" << name;
        return widget;
    }

    void choose(const QString &platform)
    {
        auto *list = child<QListWidget>(QStringLiteral("platformList"));
        const auto items = list->findItems(platform, Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        list->setCurrentItem(items.first());
        QTest::mouseClick(child<QPushButton>(QStringLiteral("nextButton")), Qt::LeftButton);
        QCOMPARE(m_dialog->page(), Page::Details);
    }

    void type(const QString &field, const QString &text)
    {
        auto *edit = child<QLineEdit>(field + QStringLiteral("Edit"));
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

    bool showsProblem(const QString &field, const QString &fragment) const
    {
        const auto *label = m_dialog->findChild<QLabel *>(field + QStringLiteral("Error"));
        return label && label->isVisible() && label->text().contains(fragment);
    }

private Q_SLOTS:
    void init()
    {
        m_registry = std::make_unique<ProviderRegistry>();
        registerBuiltInProviders(*m_registry);
        m_dialog = std::make_unique<AddConnectorDialog>(*m_registry);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void cleanup()
    {
        m_dialog.reset();
        m_registry.reset();
    }

    void listsEveryPlatformAndShowsTheStages()
    {
        auto *list = child<QListWidget>(QStringLiteral("platformList"));
        QStringList names;
        for (int i = 0; i < list->count(); ++i)
            names.append(list->item(i)->text());
        QCOMPARE(names, (QStringList{QStringLiteral("Etsy"), QStringLiteral("Shopify"),
                                     QStringLiteral("WooCommerce")}));
        QVERIFY(child<QLabel>(QStringLiteral("stages"))
                    ->text()
                    .contains(QLatin1String("<b>Configure</b>")));
    }

    void malformedShopDomainIsRefusedInline()
    {
        choose(QStringLiteral("Shopify"));
        auto *connectButton = child<QPushButton>(QStringLiteral("connectButton"));
        QVERIFY(!connectButton->isEnabled());
        QCOMPARE(child<QLineEdit>(QStringLiteral("client_secretEdit"))->echoMode(),
                 QLineEdit::Password);

        type(QStringLiteral("shop_domain"), QStringLiteral("my shop.com"));
        QVERIFY(showsProblem(QStringLiteral("shop_domain"), QStringLiteral("myshopify.com")));
        type(QStringLiteral("client_id"), QStringLiteral("abc123"));
        type(QStringLiteral("client_secret"), QStringLiteral("shpss_secret"));
        QVERIFY(!connectButton->isEnabled());

        type(QStringLiteral("shop_domain"), QStringLiteral("https://Linen-Loom.myshopify.com/"));
        QVERIFY(!child<QLabel>(QStringLiteral("shop_domainError"))->isVisible());
        QVERIFY(connectButton->isEnabled());
    }

    void connectWaitsForTheBrowserWithTheAddressToCopy()
    {
        choose(QStringLiteral("Shopify"));
        type(QStringLiteral("shop_domain"), QStringLiteral("linen-loom.myshopify.com"));
        type(QStringLiteral("client_id"), QStringLiteral("  abc123 "));
        type(QStringLiteral("client_secret"), QStringLiteral("shpss_secret"));
        QSignalSpy requested(m_dialog.get(), &AddConnectorDialog::connectRequested);
        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);

        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), QStringLiteral("shopify"));
        const auto values = requested.first().at(1).value<QHash<QString, QString>>();
        QCOMPARE(values.value(QStringLiteral("client_id")), QStringLiteral("abc123"));
        QCOMPARE(values.value(QStringLiteral("shop_domain")),
                 QStringLiteral("linen-loom.myshopify.com"));
        QCOMPARE(m_dialog->page(), Page::Waiting);
        QVERIFY(child<QLabel>(QStringLiteral("waitingText"))
                    ->text()
                    .startsWith(QLatin1String("Waiting for your browser")));
        QVERIFY(child<QLabel>(QStringLiteral("stages"))
                    ->text()
                    .contains(QLatin1String("<b>Authorize</b>")));

        const QUrl authorize(QStringLiteral(
            "https://linen-loom.myshopify.com/admin/oauth/authorize?client_id=abc123&state=xyz"));
        m_dialog->showAuthorizationUrl(authorize);
        QCOMPARE(child<QLineEdit>(QStringLiteral("authorizationUrl"))->text(),
                 authorize.toString());
        QTest::mouseClick(child<QPushButton>(QStringLiteral("copyUrlButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), authorize.toString());
    }

    void pastedAddressIsCheckedBeforeItIsUsed()
    {
        choose(QStringLiteral("Etsy"));
        type(QStringLiteral("keystring"), QStringLiteral("abc123"));
        type(QStringLiteral("shared_secret"), QStringLiteral("s3cr3t"));
        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
        QSignalSpy pasted(m_dialog.get(), &AddConnectorDialog::redirectPasted);

        auto *paste = child<QLineEdit>(QStringLiteral("pastedUrl"));
        QTest::keyClicks(paste, QStringLiteral("hello"));
        QTest::keyClick(paste, Qt::Key_Return);
        QCOMPARE(pasted.size(), 0);
        QVERIFY(child<QLabel>(QStringLiteral("pasteProblem"))->isVisible());

        paste->clear();
        QTest::keyClicks(
            paste, QStringLiteral("https://storeloom.example/callback?code=c0de&state=st4te"));
        QTest::mouseClick(child<QPushButton>(QStringLiteral("usePastedButton")), Qt::LeftButton);
        QCOMPARE(pasted.size(), 1);
        QCOMPARE(pasted.first().at(0).toUrl().query(), QStringLiteral("code=c0de&state=st4te"));
    }

    void cancellingTheWaitKeepsWhatWasTyped()
    {
        choose(QStringLiteral("Etsy"));
        type(QStringLiteral("keystring"), QStringLiteral("abc123"));
        type(QStringLiteral("shared_secret"), QStringLiteral("s3cr3t"));
        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
        QSignalSpy cancelled(m_dialog.get(), &AddConnectorDialog::cancelRequested);
        QTest::mouseClick(child<QPushButton>(QStringLiteral("cancelWaitingButton")),
                          Qt::LeftButton);
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(m_dialog->page(), Page::Details);
        QCOMPARE(child<QLineEdit>(QStringLiteral("keystringEdit"))->text(),
                 QStringLiteral("abc123"));

        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
        QTest::keyClick(m_dialog.get(), Qt::Key_Escape); // closing while waiting cancels too
        QCOMPARE(cancelled.size(), 2);
        QVERIFY(!m_dialog->isVisible());
    }

    void failureReturnsToTheFormWithTheReason()
    {
        choose(QStringLiteral("Etsy"));
        type(QStringLiteral("keystring"), QStringLiteral("abc123"));
        type(QStringLiteral("shared_secret"), QStringLiteral("s3cr3t"));
        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
        m_dialog->showFailure(QStringLiteral("Etsy refused the app keystring."));
        QCOMPARE(m_dialog->page(), Page::Details);
        auto *failure = child<QLabel>(QStringLiteral("connectFailure"));
        QVERIFY(failure->isVisible());
        QCOMPARE(failure->text(), QStringLiteral("Etsy refused the app keystring."));
    }

    void wooCommerceKeysAreCheckedWithoutABrowser()
    {
        choose(QStringLiteral("WooCommerce"));
        type(QStringLiteral("store_url"), QStringLiteral("ftp://shop.example.com"));
        QVERIFY(showsProblem(QStringLiteral("store_url"), QStringLiteral("address")));
        type(QStringLiteral("store_url"), QStringLiteral("http://shop.example.com"));
        QVERIFY(showsProblem(QStringLiteral("store_url"), QStringLiteral("https")));
        type(QStringLiteral("store_url"), QStringLiteral("https://shop.example.com"));
        type(QStringLiteral("consumer_key"), QStringLiteral("cs_") + QString(40, QLatin1Char('a')));
        QVERIFY(showsProblem(QStringLiteral("consumer_key"), QStringLiteral("ck_")));
        type(QStringLiteral("consumer_key"), QStringLiteral("ck_") + QString(40, QLatin1Char('a')));
        type(QStringLiteral("consumer_secret"),
             QStringLiteral("cs_") + QString(40, QLatin1Char('b')));
        QTest::mouseClick(child<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
        QCOMPARE(m_dialog->page(), Page::Waiting);
        QCOMPARE(child<QLabel>(QStringLiteral("waitingText"))->text(),
                 QStringLiteral("Checking the keys with your store…"));
        QVERIFY(!child<QLineEdit>(QStringLiteral("pastedUrl"))->isVisible());

        m_dialog->showConnected(QStringLiteral("Wool Corner"));
        QCOMPARE(m_dialog->page(), Page::Connected);
        QVERIFY(child<QLabel>(QStringLiteral("connectedText"))
                    ->text()
                    .contains(QLatin1String("Wool Corner")));
        QVERIFY(child<QLabel>(QStringLiteral("stages"))
                    ->text()
                    .contains(QLatin1String("<b>Inspect</b>")));
    }

private:
    std::unique_ptr<ProviderRegistry> m_registry;
    std::unique_ptr<AddConnectorDialog> m_dialog;
};

QTEST_MAIN(TestAddConnectorDialog)
#include "tst_addconnectordialog.moc"
