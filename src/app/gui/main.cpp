// The storeloom desktop application: opens the workspace and shows the main window.

#include "abandonedsignins.h"
#include "appidentity.h"
#include "appservices.h"
#include "builtinproviders.h"
#include "mainwindow.h"
#include "providerregistry.h"
#include "importservice.h"
#include "publishservice.h"
#include "workspace.h"
#include "workspaceerror.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    storeloom::setApplicationIdentity();
    QApplication app(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Connect your online stores, import their catalogs into one workspace, "
                "publish to other channels and keep stock in sync."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Open the workspace at <path> (default: %1).")
            .arg(QDir::toNativeSeparators(storeloom::Workspace::defaultPath())),
        QApplication::translate("main", "path"), storeloom::Workspace::defaultPath());
    parser.addOption(workspaceOption);
    parser.process(app);

    storeloom::Workspace workspace(parser.value(workspaceOption));
    try {
        workspace.open(storeloom::Workspace::OpenMode::CreateIfMissing);
    } catch (const storeloom::WorkspaceError &error) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Storeloom"),
                              error.message());
        return 1;
    }

    storeloom::ProviderRegistry providers;
    storeloom::registerBuiltInProviders(providers);
    storeloom::AppServices services(workspace, providers);
    // What a closed or crashed session left undone.
    services.publishing().resumeUnfinished();
    services.importing().resumeUnfinished();
    // Sign-ins left unfinished longer than the expiry (README) go; a locked
    // keychain keeps them for the next start.
    storeloom::AbandonedSignIns(workspace, services.secrets()).sweep([](int, const QString &) {});

    const storeloom::MainWindow::Services forWindow{services.providers(), services.secrets(),
                                                    services.access(), services.publishing(),
                                                    services.importing()};
    storeloom::MainWindow window(workspace, &forWindow);
    window.show();
    return app.exec();
}
