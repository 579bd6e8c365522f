#pragma once

#include <QList>
#include <QMainWindow>

class QListWidget;
class QPushButton;
class QStackedWidget;

namespace storeloom {

class AreaPage;
class ConnectController;
class ConnectionAccess;
class ConnectorInspector;
class ImportController;
class ImportService;
class PublishController;
class PublishService;
class ProviderRegistry;
class SecretStore;
class SyncJobsPage;
class Workspace;
class WorkspaceWatcher;

// The window a merchant works in: a navigation list on the left with the
// areas (Connectors, Catalog, Sync jobs, Activity), the selected area on the
// right, the workspace in the status bar; the Connectors area has the Inspect
// panel beside its table. Ctrl+1..Ctrl+4 switch areas, F5 refreshes; the
// visible area also refreshes when the workspace changes from elsewhere
// (WorkspaceWatcher), so runs started from storeloom-cli show up. Geometry
// and the selected area are kept in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Area { Connectors, Catalog, SyncJobs, Activity };
    Q_ENUM(Area)
    static constexpr int kAreaCount = 4;

    // What the window works with, built by the composition root (src/app)
    // and outliving the window: the platforms, the keychain, each
    // connection's token owner and budget, publishing.
    struct Services
    {
        const ProviderRegistry &providers;
        SecretStore &secrets;
        ConnectionAccess &access;
        PublishService &publishing;
        ImportService &importing;
    };

    // Without services the window shows the workspace and changes nothing
    // in a store (no connecting, importing, publishing or disconnecting).
    explicit MainWindow(const Workspace &workspace, const Services *services = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    Area currentArea() const;
    void setCurrentArea(Area area);
    AreaPage *page(Area area) const { return m_pages.at(int(area)); }
    // The Inspect panel beside the Connectors table.
    ConnectorInspector *connectorInspector() const { return m_inspector; }
    ImportController *importController() const { return m_import; }
    // The Sync jobs area. The composition root connects the publish service
    // to it: runChanged → refreshRun; retryFailedRequested / cancelRequested
    // → the service (until then the page asks the workspace itself).
    SyncJobsPage *syncJobsPage() const;
    // Live connections' sign-in and rate budgets; null without providers.
    ConnectionAccess *connectionAccess() const { return m_access; }
    // Publishing to channels; null without providers.
    PublishService *publishService() const { return m_publishing; }
    PublishController *publishController() const { return m_publish; }

public Q_SLOTS:
    // Reloads every area from the workspace.
    void refreshAll();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages(const Workspace &workspace, const ProviderRegistry *providers);
    void createInspector(SecretStore *secrets);
    void createConnect(const Workspace &workspace, const Services &services);
    void createPublishing(const Workspace &workspace, const Services &services);
    void createNavigation();
    void createMenus();
    void createStatusBar(const Workspace &workspace);
    void refreshVisible();
    void showAbout();
    void restoreSettings();
    void saveSettings() const;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_areas = nullptr;
    QList<AreaPage *> m_pages; // in Area order
    WorkspaceWatcher *m_watcher = nullptr;
    ConnectorInspector *m_inspector = nullptr;
    ConnectController *m_connect = nullptr;
    ConnectionAccess *m_access = nullptr;
    ImportController *m_import = nullptr;
    PublishService *m_publishing = nullptr;
    PublishController *m_publish = nullptr;
    QPushButton *m_addConnector = nullptr;
};

} // namespace storeloom
