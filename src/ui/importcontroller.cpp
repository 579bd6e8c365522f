#include "importcontroller.h"

#include "catalogimportjob.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "importdialog.h"
#include "providerregistry.h"
#include "uilogging.h"
#include "workspaceerror.h"

namespace storeloom {

ImportController::ImportController(Workspace workspace, const ProviderRegistry &providers,
                                   ConnectionAccess &access, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_providers(providers), m_access(access)
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
    const auto *importing =
        dynamic_cast<const ImportingProvider *>(m_providers.find(connection.provider));
    if (!importing)
        return nullptr;

    // The connection's budget (made from its provider's policy) is shared
    // with everything else that talks to the store, so the Inspect panel
    // shows what the import sees.
    const std::shared_ptr<RateBudget> budget = m_access.budget(connectionId);
    ImportOptions options;
    options.createdBy = QStringLiteral("storeloom");
    CatalogImportJob *job =
        importing->createImportJob(m_workspace, m_access, connectionId, options, budget, this);
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
