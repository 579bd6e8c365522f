#include "shopifyimportjob.h"

#include "connectionstore.h"
#include "connectiontokens.h"
#include "ratebudget.h"
#include "shopifyendpoints.h"
#include "shopifyprovider.h"
#include "workspaceerror.h"

#include <QElapsedTimer>
#include <QTimer>

namespace storeloom::shopify {

namespace {
constexpr qint64 kRenewBeforeSeconds = 300; // a token this close to expiry is renewed first
constexpr int kTokenWaitMs = 30000;
constexpr int kTokenPollMs = 100;
} // namespace

QString ShopifyImportJob::TokenBox::get() const
{
    const QMutexLocker lock(&mutex);
    return token;
}

void ShopifyImportJob::TokenBox::set(const QString &value)
{
    const QMutexLocker lock(&mutex);
    token = value;
}

ShopifyImportJob::ShopifyImportJob(Workspace workspace, SecretStore &secrets,
                                   const ShopifyProvider &provider, qint64 connectionId,
                                   ImportOptions options, std::shared_ptr<RateBudget> budget,
                                   QObject *parent)
    : CatalogImportJob(parent), m_workspace(std::move(workspace)), m_secrets(secrets),
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
    m_tokens = new ConnectionTokens(m_workspace, m_secrets, m_provider, m_connectionId, this);
    connect(m_tokens, &ConnectionTokens::ready, this, &ShopifyImportJob::onSignInReady);
    connect(m_tokens, &ConnectionTokens::refreshed, this,
            [this] { m_token->set(m_tokens->accessToken()); });
    connect(m_tokens, &ConnectionTokens::failed, this, [this](const QString &message) {
        if (!m_import)
            failBeforeStart(message);
    });
    m_tokens->load();
}

void ShopifyImportJob::onSignInReady()
{
    m_token->set(m_tokens->accessToken());
    const QDateTime expiresAt = m_tokens->flow()->tokens().expiresAt;
    const bool expiresSoon = expiresAt.isValid() &&
                             expiresAt < QDateTime::currentDateTimeUtc().addSecs(kRenewBeforeSeconds);
    if (expiresSoon && m_tokens->renewsItself()) {
        connect(m_tokens, &ConnectionTokens::refreshed, this, &ShopifyImportJob::launch,
                Qt::SingleShotConnection);
        m_tokens->flow()->refresh();
        return;
    }
    launch();
}

void ShopifyImportJob::launch()
{
    if (m_cancelled || m_finished || m_import)
        return;
    ShopifyEndpoints endpoints(m_shopDomain);
    auto *import = new ShopifyImport(m_workspace, m_connectionId, endpoints.graphqlUrl(),
                                     [box = m_token] { return box->get(); }, m_budget, m_options);
    import->setUnauthorizedHandler(
        [this](std::function<void()> retry) { return askForNewToken(std::move(retry)); });
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

// Called on the import's thread after a 401: the sign-in is renewed on this
// object's thread, and the import retries once the new token is in the box.
bool ShopifyImportJob::askForNewToken(std::function<void()> retry)
{
    const QString used = m_token->get();
    QMetaObject::invokeMethod(this, [this] {
        if (m_tokens && m_tokens->flow())
            m_tokens->flow()->handleUnauthorized();
    });
    auto *timer = new QTimer;
    timer->setInterval(kTokenPollMs);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(timer, &QTimer::timeout, timer, [this, timer, clock, used, retry] {
        if (m_token->get() == used && clock.elapsed() < kTokenWaitMs)
            return;
        timer->deleteLater();
        retry(); // with the new token, or once more to report the 401
    });
    timer->start();
    return true;
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
    if (m_tokens)
        m_tokens->disconnect(this);
    Q_EMIT finished(outcome);
}

} // namespace storeloom::shopify
