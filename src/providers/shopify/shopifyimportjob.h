#pragma once

#include "catalogimportjob.h"
#include "shopifyimport.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>

namespace storeloom {
class ConnectionAccess;
class ConnectionTokenSource;
class ShopifyProvider;
} // namespace storeloom

namespace storeloom::shopify {

// Runs a ShopifyImport for one Live connection from the GUI or the CLI: the
// token comes from the connection's one owner in this process
// (ConnectionAccess), which renews it before it expires and after a 401; the
// import itself runs on a worker thread so the caller's event loop stays
// free. Progress and the outcome arrive as signals on the caller's thread.
class ShopifyImportJob : public CatalogImportJob
{
    Q_OBJECT

public:
    ShopifyImportJob(Workspace workspace, ConnectionAccess &access, const ShopifyProvider &provider,
                     qint64 connectionId, ImportOptions options = {},
                     std::shared_ptr<RateBudget> budget = {}, QObject *parent = nullptr);
    ~ShopifyImportJob() override;

    void start() override;
    void cancel() override;
    bool isRunning() const { return m_thread.isRunning(); }

private:
    bool launchWhenSignedIn();
    void launch();
    void failBeforeStart(const QString &message);
    void finish(const ImportOutcome &outcome);

    Workspace m_workspace;
    ConnectionAccess &m_access;
    const ShopifyProvider &m_provider;
    qint64 m_connectionId;
    ImportOptions m_options;
    std::shared_ptr<RateBudget> m_budget;
    std::shared_ptr<ConnectionTokenSource> m_tokens;
    QThread m_thread;
    QPointer<ShopifyImport> m_import;
    QString m_shopDomain;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace storeloom::shopify
