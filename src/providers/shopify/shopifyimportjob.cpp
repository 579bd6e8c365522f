#include "shopifyimportjob.h"

#include "accesstokensource.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "ratebudget.h"
#include "shopifyendpoints.h"
#include "shopifyprovider.h"
#include "workspaceerror.h"

namespace storeloom::shopify {

ShopifyImportJob::ShopifyImportJob(Workspace workspace, ConnectionAccess &access,
                                   const ShopifyProvider &provider, qint64 connectionId,
                                   ImportOptions options, std::shared_ptr<RateBudget> budget,
                                   QObject *parent)
    : CatalogImportJob(parent), m_workspace(std::move(workspace)), m_access(access),
      m_provider(provider), m_connectionId(connectionId), m_options(std::move(options)),
      // Without the connection's shared budget (the CLI), one from the same policy.
      m_budget(budget ? std::move(budget) : provider.ratePolicy().createBudget())
{}

ShopifyImportJob::~ShopifyImportJob()
{
    m_thread.quit();
    m_thread.wait();
}

void ShopifyImportJob::start()
{
    Connection connection;
    try {
        const DbHandle handle = m_workspace.openHandle();
        connection = ConnectionStore(handle.db()).get(m_connectionId);
    } catch (const WorkspaceError &error) {
        failBeforeStart(error.message());
        return;
    }
    if (connection.provider != m_provider.id()) {
        failBeforeStart(tr("Connection %1 is not a Shopify store.").arg(m_connectionId));
        return;
    }
    if (connection.status != Connection::Status::Live &&
        connection.status != Connection::Status::Expiring) {
        failBeforeStart(tr("%1 is %2, not connected: reconnect it, then import.")
                            .arg(connection.name, nameOf(connection.status)));
        return;
    }
    m_shopDomain = connection.domain;
    connect(&m_access, &ConnectionAccess::changed, this, [this](qint64 id) {
        if (id == m_connectionId)
            launchWhenSignedIn();
    });
    m_access.load(m_connectionId);
    launchWhenSignedIn();
}

// Once the connection's owner has its sign-in from the keychain.
bool ShopifyImportJob::launchWhenSignedIn()
{
    if (m_import || m_finished)
        return true;
    m_tokens = m_access.tokenSource(m_connectionId);
    if (m_tokens) {
        disconnect(&m_access, nullptr, this, nullptr);
        launch();
        return true;
    }
    const QString error = m_access.signInError(m_connectionId);
    if (error.isEmpty())
        return false;
    failBeforeStart(error);
    return true;
}

void ShopifyImportJob::launch()
{
    if (m_cancelled || m_finished || m_import)
        return;
    ShopifyEndpoints endpoints(m_shopDomain);
    auto *import = new ShopifyImport(
        m_workspace, m_connectionId, endpoints.graphqlUrl(),
        [source = m_tokens] { return source->accessToken(); }, m_budget, m_options);
    // On the import's thread after a 401: the owner renews (or learns that
    // another process has), and the import retries with the new token — or,
    // with none, retries once more to report the 401.
    import->setUnauthorizedHandler([source = m_tokens, import](std::function<void()> retry) {
        const auto again = [retry = std::move(retry)](const QString &) { retry(); };
        source->renewAfterRejection(source->accessToken(), import, again);
        return true;
    });
    import->moveToThread(&m_thread);
    m_import = import;
    connect(&m_thread, &QThread::finished, import, &QObject::deleteLater);
    connect(import, &ShopifyImport::progress, this, &ShopifyImportJob::progress);
    connect(import, &ShopifyImport::finished, this, [this](const ImportOutcome &outcome) {
        m_thread.quit();
        finish(outcome);
    });
    m_thread.setObjectName(QStringLiteral("shopify-import"));
    m_thread.start();
    QMetaObject::invokeMethod(import, &ShopifyImport::start, Qt::QueuedConnection);
}

void ShopifyImportJob::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_import)
        QMetaObject::invokeMethod(m_import, &ShopifyImport::cancel, Qt::QueuedConnection);
    else
        failBeforeStart(tr("Import cancelled before it started."));
}

void ShopifyImportJob::failBeforeStart(const QString &message)
{
    ImportOutcome outcome;
    outcome.status = m_cancelled ? ImportOutcome::Status::Cancelled : ImportOutcome::Status::Failed;
    outcome.message = message;
    finish(outcome);
}

// Once: whatever the sign-in does afterwards (a late failure, a retried
// refresh) neither launches an import nor reports another ending.
void ShopifyImportJob::finish(const ImportOutcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    disconnect(&m_access, nullptr, this, nullptr);
    Q_EMIT finished(outcome);
}

} // namespace storeloom::shopify
