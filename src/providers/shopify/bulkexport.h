#pragma once

#include "catalogsource.h"
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
// to the hub's sink, 1,000 products a page.
//
// Respects a bulk query of ours that is still running (from an import that
// was cut short): the same query is adopted, another is waited for, never
// cancelled. FAILED runs again (after taking what partialDataUrl holds),
// EXPIRED results are exported anew.
//
// Goes on where a stopped export was: each page's cursor names the stock and
// product exports and how many products were handed over, so a process that
// continues reads those exports' files again (no new export while they
// last) and writes only the products after them.
class BulkExport : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void()>;

    BulkExport(AdminClient *client, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~BulkExport() override;

    // `done` follows the last page; failed() instead when the export, or
    // the sink, cannot go on. `resumeFrom`: the last written page's cursor.
    void importCatalog(CatalogPageSink *sink, const QString &currency, const QString &resumeFrom,
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
        std::function<void(const QString &id)> onStarted; // submitted or adopted
        QString knownId; // a finished export of an earlier attempt, read again
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
    QString cursor() const;

    AdminClient *m_client;
    QNetworkAccessManager *m_network;
    CatalogPageSink *m_sink = nullptr;
    QString m_currency;
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
    QString m_inventoryId;   // the stock export read
    QString m_productsId;    // the product export read
    qint64 m_handedOver = 0; // its products passed to the sink (or skipped)
    qint64 m_skip = 0;       // its first products, written by an earlier attempt
};

} // namespace storeloom::shopify
