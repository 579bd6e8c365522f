#include "importcontroller.h"

#include "catalogimportjob.h"
#include "connectionstore.h"
#include "importdialog.h"
#include "importservice.h"
#include "providerregistry.h"
#include "uilogging.h"
#include "workspaceerror.h"

namespace storeloom {

ImportController::ImportController(Workspace workspace, const ProviderRegistry &providers,
                                   ImportService &imports, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_providers(providers), m_imports(imports)
{}

ImportController::~ImportController() = default;

bool ImportController::canImport(const QString &providerId) const
{
    return dynamic_cast<const ImportingProvider *>(m_providers.find(providerId)) != nullptr;
}

ImportDialog *ImportController::start(qint64 connectionId, QWidget *parent)
{
    if (m_dialog && !m_dialog->isFinished()) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    Connection connection;
    try {
        const DbHandle handle = m_workspace.openHandle();
        connection = ConnectionStore(handle.db()).get(connectionId);
    } catch (const WorkspaceError &error) {
        qCWarning(lcUi) << "import: connection" << connectionId << ":" << error.message();
        return nullptr;
    }
    if (!canImport(connection.provider))
        return nullptr;

    ImportOptions options;
    options.createdBy = QStringLiteral("storeloom");
    CatalogImportJob *job = m_imports.createJob(connectionId, options, this);
    auto *dialog = new ImportDialog(connection.name, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(job, &CatalogImportJob::progress, dialog, &ImportDialog::showProgress);
    connect(job, &CatalogImportJob::finished, dialog, &ImportDialog::showOutcome);
    connect(job, &CatalogImportJob::finished, this, [this, job] {
        job->deleteLater();
        Q_EMIT importFinished();
    });
    connect(dialog, &ImportDialog::cancelRequested, job, &CatalogImportJob::cancel);
    m_job = job;
    m_dialog = dialog;
    dialog->show();
    job->start();
    return dialog;
}

} // namespace storeloom
