#include "mainwindow.h"

#include "activitymodel.h"
#include "areapage.h"
#include "budgetindicator.h"
#include "catalogmodel.h"
#include "catalogpage.h"
#include "channelsettingsbackend.h"
#include "channelsettingscontroller.h"
#include "connectcontroller.h"
#include "connectionaccess.h"
#include "connectorinspector.h"
#include "connectorlistmodel.h"
#include "importcontroller.h"
#include "publishcontroller.h"
#include "publishingprovider.h"
#include "publishservice.h"
#include "publishservicebackend.h"
#include "providerregistry.h"
#include "runindicator.h"
#include "syncjobspage.h"
#include "syncrunmodel.h"
#include "uilogging.h"
#include "workspacewatcher.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>

namespace storeloom {

namespace {

const QString kSettingsGroup = QStringLiteral("mainWindow");
const QString kGeometryKey = QStringLiteral("geometry");
const QString kAreaKey = QStringLiteral("area");

// Stable names for the settings file: the areas' order may change.
QString areaKey(MainWindow::Area area)
{
    switch (area) {
    case MainWindow::Area::Connectors:
        return QStringLiteral("connectors");
    case MainWindow::Area::Catalog:
        return QStringLiteral("catalog");
    case MainWindow::Area::SyncJobs:
        return QStringLiteral("syncJobs");
    case MainWindow::Area::Activity:
        return QStringLiteral("activity");
    }
    return {};
}

} // namespace

MainWindow::MainWindow(const Workspace &workspace, const Services *services, QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("%1 — Storeloom").arg(QFileInfo(workspace.path()).fileName()));

    createPages(workspace, services ? &services->providers : nullptr);
    createNavigation();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_areas, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar(workspace);
    createInspector(services ? &services->secrets : nullptr);
    if (services) {
        createConnect(workspace, *services);
        createPublishing(workspace, *services);
    }

    // What the CLI or the workers wrote shows up when it is written, not on a clock.
    m_watcher = new WorkspaceWatcher(workspace, this);
    connect(m_watcher, &WorkspaceWatcher::changed, this, &MainWindow::refreshVisible);
    m_watcher->start();

    restoreSettings();
    m_navigation->setFocus();
    refreshAll();
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages(const Workspace &workspace, const ProviderRegistry *providers)
{
    auto *connectors = new ConnectorListModel(workspace, this);
    connectors->setObjectName(QStringLiteral("connectorModel"));
    connectors->setProviderRegistry(providers);
    auto *catalog = new CatalogModel(workspace, this);
    catalog->setObjectName(QStringLiteral("catalogModel"));
    auto *runs = new SyncRunModel(workspace, this);
    runs->setObjectName(QStringLiteral("syncRunModel"));
    auto *activity = new ActivityModel(workspace, this);
    activity->setObjectName(QStringLiteral("activityModel"));

    m_areas = new QStackedWidget(this);
    m_areas->setObjectName(QStringLiteral("areas"));
    m_pages = {
        new AreaPage(QStringLiteral("connectors"), tr("Connectors"), connectors,
                     tr("No stores connected yet. Use Add connector to connect the stores "
                        "you sell on.")),
        new CatalogPage(catalog),
        new SyncJobsPage(runs),
        new AreaPage(QStringLiteral("activity"), tr("Activity"), activity,
                     tr("Nothing has happened yet. Connections, runs and errors are recorded "
                        "here.")),
    };
    for (AreaPage *page : std::as_const(m_pages)) {
        m_areas->addWidget(page);
        connect(page->model(), &WorkspaceModel::loadFailed, this, [this](const QString &message) {
            statusBar()->showMessage(tr("Could not refresh from the workspace: %1").arg(message),
                                     10000);
        });
    }

    m_addConnector = new QPushButton(tr("Add connector…"), this);
    m_addConnector->setObjectName(QStringLiteral("addConnectorButton"));
    m_addConnector->setEnabled(false);
    m_addConnector->setToolTip(tr("This build has no platforms to connect to."));
    page(Area::Connectors)->addHeaderWidget(m_addConnector);
    connect(syncJobsPage(), &SyncJobsPage::actionFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The run could not be changed: %1").arg(message), 10000);
    });
}

SyncJobsPage *MainWindow::syncJobsPage() const
{
    return static_cast<SyncJobsPage *>(page(Area::SyncJobs));
}

void MainWindow::createInspector(SecretStore *secrets)
{
    AreaPage *connectors = page(Area::Connectors);
    auto *model = static_cast<ConnectorListModel *>(connectors->model());
    m_inspector = new ConnectorInspector(model, secrets, this);
    connectors->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    connectors->addSidePanel(m_inspector);
    m_inspector->follow(connectors->view());
    connect(m_inspector, &ConnectorInspector::connectionDisconnected, this, [this] {
        statusBar()->showMessage(tr("Disconnected; its stored keys were removed."), 5000);
    });
}

void MainWindow::createConnect(const Workspace &workspace, const Services &services)
{
    const ProviderRegistry &providers = services.providers;
    m_connect = new ConnectController(workspace, providers, services.secrets, this);
    m_addConnector->setEnabled(!providers.providers().isEmpty());
    m_addConnector->setToolTip(tr("Connect a store on another platform."));
    connect(m_addConnector, &QPushButton::clicked, this, [this] { m_connect->open(this); });
    // Signing in again goes through the same dialog; the shop's connection is reused.
    connect(m_inspector, &ConnectorInspector::reconnectRequested, this,
            [this](qint64 id) { m_connect->reconnect(id, this); });
    connect(m_connect, &ConnectController::connectionsChanged, this, &MainWindow::refreshAll);

    // Live connections keep their sign-in fresh while the app runs.
    m_access = &services.access;
    m_inspector->setAccess(m_access);
    connect(page(Area::Connectors)->model(), &WorkspaceModel::loaded, m_access,
            &ConnectionAccess::sync);

    m_import = new ImportController(workspace, providers, services.importing, this);
    m_inspector->setImportable(
        [this](const QString &providerId) { return m_import->canImport(providerId); });
    connect(m_inspector, &ConnectorInspector::importRequested, this,
            [this](qint64 id) { m_import->start(id, this); });
    connect(m_import, &ImportController::importFinished, this, &MainWindow::refreshAll);

    auto *budget = new BudgetIndicator(
        static_cast<ConnectorListModel *>(page(Area::Connectors)->model()),
        [access = m_access](qint64 connectionId) -> std::optional<DailyBudget> {
            const std::shared_ptr<RateBudget> budget =
                access->budgets().forConnection(connectionId);
            return budget ? budget->daily() : std::nullopt;
        },
        statusBar());
    statusBar()->insertPermanentWidget(0, budget);
}

void MainWindow::createPublishing(const Workspace &workspace, const Services &services)
{
    const ProviderRegistry &providers = services.providers;
    m_publishing = &services.publishing;
    auto *backend = new PublishServiceBackend(*m_publishing, this);
    m_publish = new PublishController(workspace, *backend, this);
    auto *catalog = static_cast<CatalogPage *>(page(Area::Catalog));
    connect(catalog, &CatalogPage::publishRequested, this,
            [this](const QList<qint64> &products) { m_publish->start(products, this); });

    // Channel defaults (who made it, category, profiles) from the Inspect panel.
    m_inspector->setPublishable([&providers](const QString &providerId) {
        return dynamic_cast<const PublishingProvider *>(providers.find(providerId)) != nullptr;
    });
    auto *settingsBackend = new PublishServiceSettingsBackend(*m_publishing, this);
    auto *channelSettings = new ChannelSettingsController(*settingsBackend, this);
    connect(m_inspector, &ConnectorInspector::channelSettingsRequested, this,
            [this, channelSettings](qint64 id) { channelSettings->open(id, this); });

    SyncJobsPage *jobs = syncJobsPage();
    connect(m_publishing, &PublishService::runChanged, jobs, &SyncJobsPage::refreshRun);
    connect(jobs, &SyncJobsPage::retryFailedRequested, m_publishing, &PublishService::retryFailed);
    connect(jobs, &SyncJobsPage::cancelRequested, m_publishing, &PublishService::cancel);
    // A confirmed run shows at once: the Catalog's badges turn pending and
    // Sync jobs selects the new run.
    connect(m_publish, &PublishController::runStarted, this, [this, jobs](qint64 runId) {
        refreshAll();
        setCurrentArea(Area::SyncJobs);
        jobs->selectRun(runId);
    });
}

void MainWindow::createNavigation()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Areas"));
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    const QStyle::StandardPixmap icons[kAreaCount] = {
        QStyle::SP_DriveNetIcon, QStyle::SP_FileDialogDetailedView, QStyle::SP_BrowserReload,
        QStyle::SP_FileDialogInfoView};
    for (int i = 0; i < kAreaCount; ++i) {
        const QString title = m_pages.at(i)->title();
        auto *item = new QListWidgetItem(style()->standardIcon(icons[i]), title, m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(i + 1));
    }
    m_navigation->setFixedWidth(qMax(m_navigation->sizeHintForColumn(0) + 32, 160));
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_areas->setCurrentIndex(row);
        WorkspaceModel *model = m_pages.at(row)->model();
        if (!model->isLoading())
            model->refresh(); // show what changed while the area was hidden
    });
    m_navigation->setCurrentRow(0);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < kAreaCount; ++i) {
        QAction *go = view->addAction(m_navigation->item(i)->text());
        go->setObjectName(areaKey(Area(i)) + QStringLiteral("Action"));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] { setCurrentArea(Area(i)); });
    }
    view->addSeparator();
    QAction *refresh = view->addAction(tr("&Refresh"), this, &MainWindow::refreshAll);
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Storeloom"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar(const Workspace &workspace)
{
    auto *runs =
        new RunIndicator(static_cast<SyncRunModel *>(page(Area::SyncJobs)->model()), statusBar());
    statusBar()->addPermanentWidget(runs);
    const QString path = QDir::toNativeSeparators(workspace.path());
    auto *location = new QLabel(tr("Workspace: %1").arg(path), statusBar());
    location->setObjectName(QStringLiteral("workspacePath"));
    location->setToolTip(path);
    location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(location);
}

MainWindow::Area MainWindow::currentArea() const
{
    return Area(m_areas->currentIndex());
}

void MainWindow::setCurrentArea(Area area)
{
    m_navigation->setCurrentRow(int(area));
}

void MainWindow::refreshAll()
{
    for (AreaPage *page : std::as_const(m_pages))
        page->model()->refresh();
}

void MainWindow::refreshVisible()
{
    if (!isVisible() || isMinimized())
        return;
    // The visible area, and the runs for the status bar; the others reload
    // when they are shown.
    m_pages.at(m_areas->currentIndex())->model()->refresh();
    if (currentArea() != Area::SyncJobs)
        page(Area::SyncJobs)->model()->refresh();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Storeloom"),
                       tr("<p><b>Storeloom %1</b></p><p>Connect your stores, bring their "
                          "catalogs into one workspace, publish to other channels and keep "
                          "stock in step.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1024, 680);
    const QString area = settings.value(kAreaKey).toString();
    for (int i = 0; i < kAreaCount; ++i) {
        if (areaKey(Area(i)) == area)
            setCurrentArea(Area(i));
    }
    qCDebug(lcUi) << "restored area" << area << "geometry" << geometry();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kAreaKey, areaKey(currentArea()));
}

} // namespace storeloom
