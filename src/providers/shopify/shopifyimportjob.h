#pragma once

#include "catalogimportjob.h"
#include "shopifyimport.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>

namespace storeloom {
class ConnectionTokens;
class SecretStore;
class ShopifyProvider;
} // namespace storeloom

namespace storeloom::shopify {

// Runs a ShopifyImport for one Live connection from the GUI or the CLI: the
// connection's sign-in comes from the keychain (renewed first if it is about
// to expire, and again on a 401), and the import itself runs on a worker
// thread so the caller's event loop stays free. Progress and the outcome
// arrive as signals on the caller's thread.
class ShopifyImportJob : public CatalogImportJob
{
    Q_OBJECT

public:
    ShopifyImportJob(Workspace workspace, SecretStore &secrets, const ShopifyProvider &provider,
                     qint64 connectionId, ImportOptions options = {},
                     std::shared_ptr<RateBudget> budget = {}, QObject *parent = nullptr);
    ~ShopifyImportJob() override;

    void start() override;
    void cancel() override;
    bool isRunning() const { return m_thread.isRunning(); }

private:
    // The access token both threads see: renewed here, read by the import.
    struct TokenBox
    {
        mutable QMutex mutex;
        QString token;
        QString get() const;
        void set(const QString &value);
    };

    void onSignInReady();
    void launch();
    void failBeforeStart(const QString &message);
    void finish(const ImportOutcome &outcome);
    bool askForNewToken(std::function<void()> retry);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const ShopifyProvider &m_provider;
    qint64 m_connectionId;
    ImportOptions m_options;
    std::shared_ptr<RateBudget> m_budget;
    std::shared_ptr<TokenBox> m_token = std::make_shared<TokenBox>();
    ConnectionTokens *m_tokens = nullptr;
    QThread m_thread;
    QPointer<ShopifyImport> m_import;
    QString m_shopDomain;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace storeloom::shopify
