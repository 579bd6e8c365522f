// The Inspect panel of the Connectors area, driven offscreen in the main
// window against the fixture's real gnome-keyring: it follows the table's
// selection by keyboard and mouse, shows a failure's reason, never shows the
// secret or its keychain key, asks before disconnecting and then removes the
// keys, shows a refusal inline, and hands Reconnect and Channel settings on.

#include "connectionstore.h"
#include "connectorinspector.h"
#include "connectorlistmodel.h"
#include "keychainwait.h"
#include "appservices.h"
#include "mainwindow.h"
#include "providerregistry.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace storeloom;
using Status = Connection::Status;

namespace {

const QByteArray kSecret = "shpat_inspector_5ecr3t_0123456789abcdef";
const QString kSecretKey = QStringLiteral("storeloom-test/acme-key-7f3a9c41");
const QString kReason = QStringLiteral("The store refused the key (401 Unauthorized).");

// Every text a widget shows or tells on hover, its view's cells included.
QStringList textsOf(const QWidget &w)
{
    QStringList texts{w.windowTitle(), w.toolTip(), w.statusTip(), w.accessibleName()};
    if (const auto *label = qobject_cast<const QLabel *>(&w))
        texts << label->text();
    if (const auto *edit = qobject_cast<const QLineEdit *>(&w))
        texts << edit->text() << edit->placeholderText();
    if (const auto *button = qobject_cast<const QAbstractButton *>(&w))
        texts << button->text();
    if (const auto *statusBar = qobject_cast<const QStatusBar *>(&w))
        texts << statusBar->currentMessage();
    const auto *view = qobject_cast<const QAbstractItemView *>(&w);
    const QAbstractItemModel *model = view ? view->model() : nullptr;
    for (int row = 0; model && row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int role : {Qt::DisplayRole, Qt::ToolTipRole, Qt::StatusTipRole})
                texts << model->index(row, column).data(role).toString();
        }
    }
    return texts;
}

} // namespace

class TestConnectorInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("StoreloomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectorinspector"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QLocale::setDefault(QLocale::c());
    }

    void init()
    {
        QSettings().clear();
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        ConnectionStore store(m_handle->db());
        Connection acme;
        acme.provider = QStringLiteral("shopify");
        acme.externalShopId = QStringLiteral("acme-1");
        acme.name = QStringLiteral("Acme Outdoor");
        acme.domain = QStringLiteral("acme.myshopify.com");
        acme.scopes = {QStringLiteral("read_products"), QStringLiteral("write_inventory")};
        acme.status = Status::Live;
        acme.secretKey = kSecretKey;
        acme.lastActiveAt = QDateTime::currentMSecsSinceEpoch() - 3 * 60 * 1000;
        m_acme = store.add(acme);
        QVERIFY(test::awaitKeychain([&](auto done) {
                    m_secrets.write(kSecretKey, kSecret, done);
                }).ok());

        Connection wool;
        wool.provider = QStringLiteral("woocommerce");
        wool.externalShopId = QStringLiteral("https://wool.example");
        wool.name = QStringLiteral("Wool Corner");
        wool.domain = QStringLiteral("wool.example");
        wool.status = Status::Live;
        m_wool = store.add(wool);
        store.setStatus(m_wool, Status::Failed, kReason);

        m_services = std::make_unique<AppServices>(m_workspace->workspace(), m_noPlatforms);
        m_forWindow = std::make_unique<MainWindow::Services>(MainWindow::Services{
            m_services->providers(), m_services->secrets(), m_services->access(),
            m_services->publishing(), m_services->importing()});
        m_window = std::make_unique<MainWindow>(m_workspace->workspace(), m_forWindow.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_VERIFY(table()->isVisible());
        QCOMPARE(table()->model()->rowCount(), 2);
    }

    void cleanup()
    {
        m_window.reset();
        m_forWindow.reset();
        m_services.reset();
        test::awaitKeychain([&](auto done) { m_secrets.remove(kSecretKey, done); });
        QThreadPool::globalInstance()->waitForDone();
        m_handle.reset();
        m_workspace.reset();
    }

    void followsTheSelectionByKeyboardAndMouse();
    void disconnectAsksThenRemovesTheKeys();
    void refusalIsShownInline();
    void reconnectNamesTheConnection();
    void channelSettingsOnlyWhereProductsArePublished();

private:
    QTableView *table() const
    {
        return m_window->findChild<QTableView *>(QStringLiteral("connectorsTable"));
    }
    ConnectorInspector *inspector() const { return m_window->connectorInspector(); }
    template<typename T = QLabel> T *child(const char *name) const
    {
        T *found = inspector()->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("the inspector has no %s", name);
        return found;
    }
    QString text(const char *label) const { return child(label)->text(); }
    QPushButton *button(const char *name) const { return child<QPushButton>(name); }
    Status stored(qint64 id) const { return ConnectionStore(m_handle->db()).get(id).status; }

    int rowOf(qint64 id) const
    {
        for (int row = 0; row < table()->model()->rowCount(); ++row) {
            if (table()->model()->index(row, 0).data(ConnectorListModel::IdRole) == id)
                return row;
        }
        return -1;
    }
    void clickRow(qint64 id)
    {
        const QModelIndex cell = table()->model()->index(rowOf(id), ConnectorListModel::Domain);
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {},
                          table()->visualRect(cell).center());
    }
    // The widget that shows the secret or its keychain key; empty if none does.
    QString secretShownBy() const
    {
        const QList<QWidget *> widgets = m_window->findChildren<QWidget *>() << m_window.get();
        for (const QWidget *w : widgets) {
            const QString texts = textsOf(*w).join(QLatin1Char('\n'));
            if (texts.contains(QString::fromLatin1(kSecret)) || texts.contains(kSecretKey))
                return w->objectName() + QLatin1Char(' ') +
                       QLatin1String(w->metaObject()->className());
        }
        return {};
    }
    QString events() const
    {
        return textsOf(*child<QAbstractItemView>("inspectorEvents")).join(QLatin1Char('\n'));
    }

    QTemporaryDir m_settingsDir;
    SecretStore m_secrets;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
    ProviderRegistry m_noPlatforms; // the keychain, but no platform to talk to
    std::unique_ptr<AppServices> m_services;
    std::unique_ptr<MainWindow::Services> m_forWindow;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_acme = 0;
    qint64 m_wool = 0;
};

void TestConnectorInspector::followsTheSelectionByKeyboardAndMouse()
{
    // The first row is inspected as soon as the rows are in.
    QTRY_COMPARE(inspector()->connectionId(), m_acme);
    QVERIFY(inspector()->isVisible());
    QTRY_VERIFY(inspector()->width() >= inspector()->minimumSizeHint().width());
    QCOMPARE(rowOf(m_acme), 0); // ordered by name
    QCOMPARE(text("inspectorName"), QStringLiteral("Acme Outdoor"));
    QCOMPARE(text("inspectorPlatform"), QStringLiteral("shopify")); // no registry given
    QCOMPARE(text("inspectorShopId"), QStringLiteral("acme-1"));
    QCOMPARE(text("inspectorDomain"), QStringLiteral("acme.myshopify.com"));
    QCOMPARE(text("inspectorStatus"), QStringLiteral("Live"));
    QVERIFY(!child("inspectorStatusReason")->isVisible());
    QCOMPARE(text("inspectorScopes"), QStringLiteral("read_products, write_inventory"));
    QCOMPARE(text("inspectorLastActive"), QStringLiteral("3 min ago"));
    QVERIFY(!button("importNowButton")->isEnabled()); // nothing importable was declared
    inspector()->setImportable(
        [](const QString &provider) { return provider == QLatin1String("shopify"); });
    QVERIFY(button("importNowButton")->isEnabled());
    QSignalSpy importAsked(inspector(), &ConnectorInspector::importRequested);
    QTest::mouseClick(button("importNowButton"), Qt::LeftButton);
    QCOMPARE(importAsked.size(), 1);
    QVERIFY(!button("reconnectButton")->isEnabled()); // Live needs no reconnecting
    QVERIFY(button("disconnectButton")->isEnabled());
    QTRY_VERIFY(events().contains(QStringLiteral("Added Acme Outdoor (acme.myshopify.com)")));
    QCOMPARE(secretShownBy(), QString());

    // By keyboard.
    table()->setFocus();
    QTRY_VERIFY(table()->hasFocus());
    QTest::keyClick(table(), Qt::Key_Down);
    QCOMPARE(inspector()->connectionId(), m_wool);
    QCOMPARE(text("inspectorName"), QStringLiteral("Wool Corner"));
    QCOMPARE(text("inspectorShopId"), QStringLiteral("https://wool.example"));
    QCOMPARE(text("inspectorStatus"), QStringLiteral("Failed"));
    QCOMPARE(text("inspectorStatusReason"), kReason);
    QVERIFY(child("inspectorStatusReason")->isVisible());
    QCOMPARE(text("inspectorScopes"), QStringLiteral("none granted"));
    QCOMPARE(text("inspectorLastActive"), QStringLiteral("never"));
    QVERIFY(button("reconnectButton")->isEnabled());
    QVERIFY(button("disconnectButton")->isEnabled());
    QTRY_VERIFY(events().contains(kReason));
    QVERIFY(!events().contains(QStringLiteral("Acme"))); // only this connection's events

    // The table's status cell: the reason on hover, a red badge (a green one when Live).
    const QAbstractItemModel *model = table()->model();
    const QModelIndex failed = model->index(rowOf(m_wool), ConnectorListModel::Status);
    QCOMPARE(failed.data().toString(), QStringLiteral("Failed"));
    QCOMPARE(failed.data(Qt::ToolTipRole).toString(), kReason);
    QCOMPARE(failed.data(Qt::DecorationRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(model->index(rowOf(m_acme), ConnectorListModel::Status)
                 .data(Qt::DecorationRole)
                 .value<QColor>(),
             QColor(0x2e, 0x7d, 0x32));
    QCOMPARE(secretShownBy(), QString());

    QTest::keyClick(table(), Qt::Key_Up);
    QCOMPARE(inspector()->connectionId(), m_acme);
    QCOMPARE(text("inspectorStatus"), QStringLiteral("Live"));

    // By mouse; a refresh keeps the selection.
    clickRow(m_wool);
    QCOMPARE(inspector()->connectionId(), m_wool);
    QSignalSpy loaded(static_cast<WorkspaceModel *>(table()->model()), &WorkspaceModel::loaded);
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QVERIFY(loaded.wait());
    QCOMPARE(inspector()->connectionId(), m_wool);
    QCOMPARE(table()->currentIndex().row(), rowOf(m_wool));
    QCOMPARE(secretShownBy(), QString());
}

void TestConnectorInspector::disconnectAsksThenRemovesTheKeys()
{
    clickRow(m_acme);
    QCOMPARE(inspector()->connectionId(), m_acme);
    QStringList questions;
    bool answer = false;
    inspector()->setConfirm([&](const QString &question) {
        questions << question;
        return answer;
    });
    QPushButton *disconnect = button("disconnectButton");

    // No: nothing changes.
    QTest::mouseClick(disconnect, Qt::LeftButton);
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions.at(0).contains(QStringLiteral("Acme Outdoor")), qPrintable(questions.at(0)));
    QVERIFY2(questions.at(0).contains(QStringLiteral("stored keys")), qPrintable(questions.at(0)));
    QVERIFY(!questions.at(0).contains(kSecretKey));
    QVERIFY(!inspector()->isBusy());
    QVERIFY(disconnect->isEnabled());
    QCOMPARE(stored(m_acme), Status::Live);
    QCOMPARE(test::awaitKeychain([&](auto done) { m_secrets.read(kSecretKey, done); }).secret,
             kSecret);

    // Yes: the keys leave the keychain, then the connection is Disconnected.
    answer = true;
    QSignalSpy disconnected(inspector(), &ConnectorInspector::connectionDisconnected);
    disconnect->click(); // synchronous: the keychain cannot have answered yet
    QCOMPARE(questions.size(), 2);
    QVERIFY(inspector()->isBusy());
    QVERIFY(!disconnect->isEnabled());
    QVERIFY(!button("reconnectButton")->isEnabled());
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).toLongLong(), m_acme);
    QCOMPARE(stored(m_acme), Status::Disconnected);
    QCOMPARE(test::awaitKeychain([&](auto done) { m_secrets.read(kSecretKey, done); }).error,
             SecretStore::Error::NotFound);

    const QModelIndex status = table()->model()->index(rowOf(m_acme), ConnectorListModel::Status);
    QTRY_COMPARE(status.data().toString(), QStringLiteral("Disconnected"));
    QCOMPARE(text("inspectorStatus"), QStringLiteral("Disconnected"));
    QVERIFY(!child("inspectorError")->isVisible());
    QVERIFY(!disconnect->isEnabled()); // nothing left to disconnect
    QVERIFY(button("reconnectButton")->isEnabled());
    QTRY_VERIFY(events().contains(QStringLiteral("Acme Outdoor is now disconnected")));
    QCOMPARE(stored(m_wool), Status::Failed); // untouched
    QCOMPARE(secretShownBy(), QString());
}

void TestConnectorInspector::refusalIsShownInline()
{
    clickRow(m_wool);
    QCOMPARE(inspector()->connectionId(), m_wool);
    inspector()->setConfirm([](const QString &) { return true; });
    QLabel *error = child("inspectorError");

    // The keychain refuses (here: no key to remove), so the connection stays.
    QSqlQuery blank(m_handle->db());
    QVERIFY(blank.exec(
        QStringLiteral("UPDATE connections SET secret_key = '' WHERE id = %1").arg(m_wool)));
    button("disconnectButton")->click();
    QTRY_VERIFY(!inspector()->isBusy());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(
                 QStringLiteral("Wool Corner was not disconnected: No keychain key was given")),
             qPrintable(error->text()));
    QCOMPARE(stored(m_wool), Status::Failed);
    QVERIFY(button("disconnectButton")->isEnabled());

    // The workspace refuses at once: disconnected meanwhile (e.g. by storeloom-cli).
    ConnectionStore(m_handle->db()).setStatus(m_wool, Status::Disconnected);
    button("disconnectButton")->click(); // before the table has refreshed
    QVERIFY(!inspector()->isBusy());
    QVERIFY2(error->text().contains(QStringLiteral("already disconnected")),
             qPrintable(error->text()));
    QTRY_COMPARE(text("inspectorStatus"), QStringLiteral("Disconnected"));
    QVERIFY(!button("disconnectButton")->isEnabled());

    clickRow(m_acme); // another connection starts without the message
    QVERIFY(!error->isVisible());
}

void TestConnectorInspector::reconnectNamesTheConnection()
{
    QSignalSpy reconnect(inspector(), &ConnectorInspector::reconnectRequested);
    clickRow(m_acme);
    QVERIFY(!button("reconnectButton")->isEnabled());
    QTest::mouseClick(button("reconnectButton"), Qt::LeftButton);
    QCOMPARE(reconnect.size(), 0);

    clickRow(m_wool);
    QVERIFY(button("reconnectButton")->isEnabled());
    QTest::mouseClick(button("reconnectButton"), Qt::LeftButton);
    QCOMPARE(reconnect.size(), 1);
    QCOMPARE(reconnect.at(0).at(0).toLongLong(), m_wool);
    QCOMPARE(stored(m_wool), Status::Failed); // the connect flow takes it from here
}

void TestConnectorInspector::channelSettingsOnlyWhereProductsArePublished()
{
    QSignalSpy requested(inspector(), &ConnectorInspector::channelSettingsRequested);
    clickRow(m_acme);
    QPushButton *settings = button("channelSettingsButton");
    QVERIFY(!settings->isVisible()); // Shopify is not published to here

    // A platform products are published to: shown, and usable while connected.
    inspector()->setPublishable(
        [](const QString &provider) { return provider == QLatin1String("shopify"); });
    QVERIFY(settings->isVisible());
    QVERIFY(settings->isEnabled());
    QCOMPARE(settings->text(), QStringLiteral("Channel settings…"));
    QTest::mouseClick(settings, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), m_acme);

    clickRow(m_wool); // WooCommerce: not published to
    QVERIFY(!settings->isVisible());

    // Failed: its choices cannot be asked for until it is reconnected.
    inspector()->setPublishable([](const QString &) { return true; });
    QVERIFY(settings->isVisible());
    QVERIFY(!settings->isEnabled());
    QVERIFY2(settings->toolTip().contains(QStringLiteral("Reconnect")),
             qPrintable(settings->toolTip()));
    QTest::mouseClick(settings, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);

    clickRow(m_acme);
    QVERIFY(settings->isEnabled());
    settings->setFocus();
    QTest::keyClick(settings, Qt::Key_Space);
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).toLongLong(), m_acme);
}

QTEST_MAIN(TestConnectorInspector)
#include "tst_connectorinspector.moc"
