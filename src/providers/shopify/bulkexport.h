#pragma once

#include "catalogimport.h"
#include "stockmap.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <functional>

class QNetworkAccessManager;

namespace storeloom::shopify {

class AdminClient;
class ProductAssembler;
struct GraphqlReply;

// A large catalog through Shopify's bulk operations: collections, then stock
// levels (kept compactly in memory), then products, each exported by Shopify
// as JSONL and streamed line by line — never the whole file in memory —
// into the catalog import, 1,000 products a page.
//
// Respects a bulk query of ours that is still running (from an import that
// was cut short): the same query is adopted, another is waited for, never
// cancelled. FAILED runs again (after taking what partialDataUrl holds),
// EXPIRED results are exported anew.
class BulkExport : public QObject
{
    Q_OBJECT

public:
    using PageDone = std::function<void(const ImportCounts &counts)>;
    using Done = std::function<void()>;

    BulkExport(AdminClient *client, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~BulkExport() override;

    void importCatalog(CatalogImport *import, const QString &currency, PageDone pageDone,
                       Done done);
    void abort();

Q_SIGNALS:
    void waiting(const QString &why);
    void failed(const QString &message);

private:
    using LineHandler = std::function<bool(const QByteArray &line)>; // false: stop, failed
    using LinesHandler = std::function<void(const QByteArray &lines)>;
    struct Operation
    {
        QString name; // of the .graphql document of the inner query
        LineHandler onLine;
        std::function<void()> onComplete;
        int runs = 0;
        LinesHandler onLines = {}; // if set, gets runs of whole lines instead of onLine
    };

    void runOperation(Operation operation);
    void checkCurrent();
    void submit();
    void poll(const QString &id);
    void onPolled(const QString &id, const QJsonObject &operation);
    void download(const QUrl &url, std::function<void()> then);
    void readLines();
    void readLineRun();
    void runAgain(const QString &why);

    void exportCollections();
    void exportInventory();
    void exportProducts();
    void startAssembler();
    void stopAssembler();
    void sendBatch(const QByteArray &lines);
    void writePage(const QList<ImportedProduct> &page, const QList<ProductDigests> &digests);

    AdminClient *m_client;
    QNetworkAccessManager *m_network;
    CatalogImport *m_import = nullptr;
    QString m_currency;
    PageDone m_pageDone;
    Done m_done;

    Operation m_operation;
    QTimer m_pollTimer;
    int m_pollIntervalMs = 500;
    QPointer<QNetworkReply> m_download;
    QByteArray m_partialLine;
    std::function<void()> m_afterDownload;
    bool m_downloadFinished = false; // the transfer ended; unread data may remain
    bool m_aborted = false;

    StockMap m_stock;
    QThread m_assemblyThread;
    ProductAssembler *m_assembler = nullptr; // lives in m_assemblyThread
    int m_batchesInFlight = 0;
    QList<ImportedCollection> m_collections;
};

} // namespace storeloom::shopify
