#include "bulkexport.h"

#include "adminclient.h"
#include "productassembler.h"
#include "shopifydocuments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

namespace storeloom::shopify {

Q_LOGGING_CATEGORY(lcBulk, "storeloom.shopify.bulk", QtInfoMsg)

namespace {
// Products written per transaction. Bulk exports run again rather than
// resume, so pages can be large: fewer commits rewrite fewer index pages
// (1,000 instead of 250: about 20% less CPU a product).
constexpr int kPageSize = 1000;
constexpr int kMaxRuns = 3;
constexpr int kMaxPollIntervalMs = 5000;
// A product is about 8 lines and 2 KB: the read buffer and the batches in
// flight each hold about two pages, so the assembler can stay a page ahead
// of the writer (with one page, the writer waited for it ~20% of the time).
constexpr qint64 kReadBuffer = 4 << 20; // what the download may hold unread
constexpr qint64 kBatchBytes = 512 << 10; // read and handed to the assembler at a time
constexpr int kMaxBatchesInFlight = 8;    // batches out before reading pauses

bool running(const QString &status)
{
    return status == QLatin1String("CREATED") || status == QLatin1String("RUNNING") ||
           status == QLatin1String("CANCELING");
}

QJsonObject parseLine(const QByteArray &line, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(line, &error);
    if (!json.isObject())
        *problem = QStringLiteral("a line of the export is not JSON (%1)").arg(error.errorString());
    return json.object();
}
} // namespace

BulkExport::BulkExport(AdminClient *client, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_client(client), m_network(network)
{
    m_pollTimer.setSingleShot(true);
}

BulkExport::~BulkExport()
{
    stopAssembler();
}

void BulkExport::importCatalog(CatalogPageSink *sink, const QString &currency,
                               const QString &resumeFrom, Done done)
{
    m_sink = sink;
    m_currency = currency;
    m_done = std::move(done);
    const QJsonObject resume = QJsonDocument::fromJson(resumeFrom.toUtf8()).object();
    m_inventoryId = resume.value(QLatin1String("inventory")).toString();
    m_productsId = resume.value(QLatin1String("products")).toString();
    m_skip = resume.value(QLatin1String("handedOver")).toInteger();
    // Past the collections (written), the stock and products are read again.
    if (!m_productsId.isEmpty()) {
        qCInfo(lcBulk) << "continuing the export" << m_productsId << "after" << m_skip << "products";
        exportInventory();
    } else {
        exportCollections();
    }
}

QString BulkExport::cursor() const
{
    const QJsonObject position{{QStringLiteral("inventory"), m_inventoryId},
                               {QStringLiteral("products"), m_productsId},
                               {QStringLiteral("handedOver"), m_handedOver}};
    return QString::fromUtf8(QJsonDocument(position).toJson(QJsonDocument::Compact));
}

void BulkExport::abort()
{
    m_aborted = true;
    m_pollTimer.stop();
    if (m_download)
        m_download->abort();
    stopAssembler();
}

// --- the three exports, in the order membership and stock need them ---

void BulkExport::exportCollections()
{
    runOperation({QStringLiteral("BulkCollections"),
                  [this](const QByteArray &line) {
                      QString problem;
                      const QJsonObject c = parseLine(line, &problem);
                      if (!problem.isEmpty()) {
                          Q_EMIT failed(problem);
                          return false;
                      }
                      m_collections.append({c.value(QLatin1String("id")).toString(),
                                            c.value(QLatin1String("title")).toString(),
                                            c.value(QLatin1String("handle")).toString()});
                      return true;
                  },
                  [this] {
                      if (!m_sink->collections(std::exchange(m_collections, {}))) {
                          abort();
                          Q_EMIT failed(m_sink->why());
                          return;
                      }
                      exportInventory();
                  },
                  {}, // written whole before anything else: never continued
                  {}});
}

void BulkExport::exportInventory()
{
    runOperation({QStringLiteral("BulkInventory"),
                  [this](const QByteArray &line) {
                      QString problem;
                      const QJsonObject object = parseLine(line, &problem);
                      if (problem.isEmpty() && m_stock.addLine(object, &problem))
                          return true;
                      Q_EMIT failed(problem);
                      return false;
                  },
                  [this] {
                      qCInfo(lcBulk) << "stock of" << m_stock.variantCount() << "variants in hand";
                      exportProducts();
                  },
                  [this](const QString &id) { m_inventoryId = id; },
                  m_inventoryId});
}

// Products are parsed and assembled on a thread of their own while this one
// writes: runs of whole lines go out in batches (split into lines there, so
// this thread does not copy every line), products come back in pages.
// Reading pauses while kMaxBatchesInFlight batches are unanswered; the
// answers queue up behind the pages before them, so memory stays bounded.
void BulkExport::exportProducts()
{
    startAssembler();
    runOperation({QStringLiteral("BulkProducts"), {},
                  [this] {
                      QMetaObject::invokeMethod(m_assembler, &ProductAssembler::finish,
                                                Qt::QueuedConnection);
                  },
                  [this](const QString &id) {
                      if (id == m_productsId)
                          return;
                      // Another export: its products are all handed over.
                      m_productsId = id;
                      m_skip = 0;
                      // Noted at once, so a process that continues reads this export.
                      if (!m_sink->products({}, {}, cursor())) {
                          abort();
                          Q_EMIT failed(m_sink->why());
                      }
                  },
                  m_productsId, 0, [this](const QByteArray &lines) { sendBatch(lines); }});
}

void BulkExport::startAssembler()
{
    m_handedOver = 0; // the file is read from its start
    stopAssembler();
    m_assembler = new ProductAssembler(m_currency, &m_stock, kPageSize);
    m_assembler->moveToThread(&m_assemblyThread);
    connect(&m_assemblyThread, &QThread::finished, m_assembler, &QObject::deleteLater);
    // Answers already posted by an assembler that was stopped (a rerun) still
    // arrive: only the current one's count.
    ProductAssembler *assembler = m_assembler;
    connect(m_assembler, &ProductAssembler::pageReady, this,
            [this, assembler](const QList<ImportedProduct> &products,
                              const QList<ProductDigests> &digests) {
                if (!m_aborted && assembler == m_assembler)
                    writePage(products, digests);
            });
    connect(m_assembler, &ProductAssembler::fed, this, [this, assembler] {
        if (m_aborted || assembler != m_assembler)
            return;
        --m_batchesInFlight;
        readLines(); // in case reading was paused
    });
    connect(m_assembler, &ProductAssembler::finished, this, [this, assembler] {
        if (m_aborted || assembler != m_assembler)
            return;
        stopAssembler();
        m_stock.clear();
        m_done();
    });
    connect(m_assembler, &ProductAssembler::failed, this, [this, assembler](const QString &problem) {
        if (assembler != m_assembler)
            return;
        abort();
        Q_EMIT failed(problem);
    });
    m_assemblyThread.setObjectName(QStringLiteral("shopify-assembly"));
    m_assemblyThread.start();
}

void BulkExport::stopAssembler()
{
    if (!m_assembler)
        return;
    m_assembler->disconnect(this); // nothing more it says is wanted
    m_assemblyThread.quit();
    m_assemblyThread.wait();
    m_assembler = nullptr;
    m_batchesInFlight = 0;
}

void BulkExport::sendBatch(const QByteArray &lines)
{
    if (lines.isEmpty())
        return;
    ++m_batchesInFlight;
    QMetaObject::invokeMethod(
        m_assembler, [assembler = m_assembler, lines] { assembler->feed(lines); },
        Qt::QueuedConnection);
}

void BulkExport::writePage(const QList<ImportedProduct> &page,
                           const QList<ProductDigests> &digests)
{
    // Products an earlier attempt wrote from this same file come first.
    const qint64 skip = std::clamp<qint64>(m_skip - m_handedOver, 0, page.size());
    m_handedOver += page.size();
    if (skip < page.size() &&
        !m_sink->products(page.mid(skip), digests.isEmpty() ? digests : digests.mid(skip), cursor())) {
        abort();
        Q_EMIT failed(m_sink->why());
        return;
    }
    // Freeing a page's thousands of strings is the assembler's job too: this
    // copy shares the page and, once this returns, is normally its last holder.
    if (m_assembler) // not when the progress report cancelled the import
        QMetaObject::invokeMethod(
            m_assembler, [written = page] { Q_UNUSED(written) }, Qt::QueuedConnection);
}

// --- one bulk operation: start (or adopt), poll, download ---

void BulkExport::runOperation(Operation operation)
{
    m_operation = std::move(operation);
    if (!m_operation.knownId.isEmpty())
        poll(m_operation.knownId); // an earlier attempt's export: its file is read again
    else
        checkCurrent();
}

// A bulk query of ours may still run from an import that was cut short.
void BulkExport::checkCurrent()
{
    m_client->send(QStringLiteral("CurrentBulkOperation"),
                   document(QStringLiteral("CurrentBulkOperation")), {}, 2,
                   [this](const GraphqlReply &reply) {
                       if (m_aborted)
                           return;
                       if (!reply.ok()) {
                           Q_EMIT failed(reply.message);
                           return;
                       }
                       const QJsonObject current =
                           reply.data.value(QLatin1String("currentBulkOperation")).toObject();
                       const QString status = current.value(QLatin1String("status")).toString();
                       if (!running(status)) {
                           submit();
                           return;
                       }
                       const QString id = current.value(QLatin1String("id")).toString();
                       if (current.value(QLatin1String("query")).toString().trimmed() ==
                           document(m_operation.name).trimmed()) {
                           qCInfo(lcBulk) << "adopting the running export" << id;
                           if (m_operation.onStarted)
                               m_operation.onStarted(id);
                           poll(id);
                           return;
                       }
                       Q_EMIT waiting(tr("waiting for an earlier bulk export to finish"));
                       m_pollTimer.callOnTimeout(this, &BulkExport::checkCurrent,
                                                 Qt::SingleShotConnection);
                       m_pollTimer.start(kMaxPollIntervalMs);
                   });
}

void BulkExport::submit()
{
    ++m_operation.runs;
    const QJsonObject variables{{QStringLiteral("query"), document(m_operation.name)}};
    m_client->send(
        QStringLiteral("BulkOperationRunQuery"), document(QStringLiteral("BulkOperationRunQuery")),
        variables, 10, [this](const GraphqlReply &reply) {
            if (m_aborted)
                return;
            if (!reply.ok()) {
                Q_EMIT failed(reply.message);
                return;
            }
            const QJsonObject payload =
                reply.data.value(QLatin1String("bulkOperationRunQuery")).toObject();
            const QJsonArray errors = payload.value(QLatin1String("userErrors")).toArray();
            if (!errors.isEmpty()) {
                const QJsonObject first = errors.first().toObject();
                if (first.value(QLatin1String("code")).toString() ==
                    QLatin1String("OPERATION_IN_PROGRESS")) {
                    --m_operation.runs;
                    Q_EMIT waiting(tr("waiting for an earlier bulk export to finish"));
                    m_pollTimer.callOnTimeout(this, &BulkExport::checkCurrent,
                                              Qt::SingleShotConnection);
                    m_pollTimer.start(kMaxPollIntervalMs);
                    return;
                }
                Q_EMIT failed(tr("Shopify refused the bulk export: %1")
                                  .arg(first.value(QLatin1String("message")).toString()));
                return;
            }
            const QString id = payload.value(QLatin1String("bulkOperation"))
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
            qCInfo(lcBulk) << m_operation.name << "export started:" << id;
            if (m_operation.onStarted)
                m_operation.onStarted(id);
            m_pollIntervalMs = 500;
            poll(id);
        });
}

void BulkExport::poll(const QString &id)
{
    m_client->send(QStringLiteral("BulkOperationPoll"),
                   document(QStringLiteral("BulkOperationPoll")),
                   {{QStringLiteral("id"), id}}, 2, [this, id](const GraphqlReply &reply) {
                       if (m_aborted)
                           return;
                       if (!reply.ok()) {
                           Q_EMIT failed(reply.message);
                           return;
                       }
                       onPolled(id, reply.data.value(QLatin1String("node")).toObject());
                   });
}

void BulkExport::onPolled(const QString &id, const QJsonObject &operation)
{
    const QString status = operation.value(QLatin1String("status")).toString();
    if (!m_operation.knownId.isEmpty() && !running(status) && status != QLatin1String("COMPLETED")) {
        // The earlier attempt's export is gone (expired, failed): a new one.
        qCInfo(lcBulk) << "the export" << id << "is" << status << "- exporting anew";
        m_operation.knownId.clear();
        checkCurrent();
        return;
    }
    if (running(status)) {
        Q_EMIT waiting(tr("Shopify is preparing the export (%1 objects so far)")
                           .arg(operation.value(QLatin1String("objectCount")).toVariant().toLongLong()));
        m_pollTimer.callOnTimeout(this, [this, id] { poll(id); }, Qt::SingleShotConnection);
        m_pollTimer.start(m_pollIntervalMs);
        m_pollIntervalMs = std::min(m_pollIntervalMs * 2, kMaxPollIntervalMs);
        return;
    }
    if (status == QLatin1String("COMPLETED")) {
        const QString url = operation.value(QLatin1String("url")).toString();
        if (url.isEmpty()) { // nothing matched: Shopify writes no file
            m_operation.onComplete();
            return;
        }
        download(QUrl(url), m_operation.onComplete);
        return;
    }
    const QString why = status == QLatin1String("FAILED")
                            ? tr("it failed (%1)").arg(operation.value(QLatin1String("errorCode")).toString())
                            : tr("it ended %1").arg(status);
    const QString partial = operation.value(QLatin1String("partialDataUrl")).toString();
    if (!partial.isEmpty() && m_operation.runs < kMaxRuns) {
        // What Shopify managed to export is good: take it, then run again
        // (products already written come back unchanged).
        download(QUrl(partial), [this, why] { runAgain(why); });
        return;
    }
    runAgain(why);
}

void BulkExport::runAgain(const QString &why)
{
    if (m_operation.runs >= kMaxRuns) {
        Q_EMIT failed(tr("Shopify's bulk export of %1 did not complete: %2. Try importing again "
                         "later.")
                          .arg(m_operation.name, why));
        return;
    }
    qCWarning(lcBulk) << m_operation.name << "export:" << why << "- running it again";
    // Start the export's results afresh: what was read may repeat or end mid-product.
    if (m_operation.name == QLatin1String("BulkCollections"))
        m_collections.clear();
    else if (m_operation.name == QLatin1String("BulkInventory"))
        m_stock.clear();
    else
        startAssembler();
    submit();
}

void BulkExport::download(const QUrl &url, std::function<void()> then)
{
    m_afterDownload = std::move(then);
    m_partialLine.clear();
    m_downloadFinished = false;
    QNetworkRequest request(url);
    request.setTransferTimeout(120000);
    m_download = m_network->get(request);
    m_download->setReadBufferSize(kReadBuffer); // the network waits while we write
    connect(m_download, &QNetworkReply::readyRead, this, &BulkExport::readLines);
    connect(m_download, &QNetworkReply::finished, this, [this] {
        if (m_aborted)
            return;
        const int status = m_download->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_download->error() != QNetworkReply::NoError || status != 200) {
            // Halfway through a file: run the export again rather than guess.
            const QString why = m_download->errorString();
            m_download->deleteLater();
            m_download = nullptr; // what it still holds belongs to the broken file
            m_partialLine.clear();
            runAgain(tr("its download broke off (%1)").arg(why));
            return;
        }
        // What is still unread is read first (reading may be paused).
        m_downloadFinished = true;
        readLines();
    });
}

void BulkExport::readLines()
{
    while (m_download && m_download->bytesAvailable() > 0 && !m_aborted) {
        if (m_assembler && m_batchesInFlight >= kMaxBatchesInFlight)
            return; // the assembler is behind: resumed when a batch comes back
        if (m_operation.onLines) {
            readLineRun();
            continue;
        }
        m_partialLine += m_download->read(kReadBuffer);
        qsizetype start = 0;
        for (qsizetype end = m_partialLine.indexOf('\n'); end >= 0;
             end = m_partialLine.indexOf('\n', start)) {
            const QByteArray line = m_partialLine.sliced(start, end - start);
            start = end + 1;
            if (!line.trimmed().isEmpty() && !m_operation.onLine(line)) {
                abort();
                return;
            }
        }
        m_partialLine.remove(0, start);
    }
    if (m_download && m_downloadFinished && m_download->bytesAvailable() == 0 && !m_aborted) {
        m_downloadFinished = false;
        m_download->deleteLater();
        m_download = nullptr;
        if (m_operation.onLines)
            m_operation.onLines(std::exchange(m_partialLine, {}));
        else if (!m_partialLine.trimmed().isEmpty() &&
                 !m_operation.onLine(std::exchange(m_partialLine, {})))
            return;
        m_afterDownload();
    }
}

// The whole lines of the next kBatchBytes read; the part of a line after
// them waits for the rest.
void BulkExport::readLineRun()
{
    m_partialLine += m_download->read(kBatchBytes);
    const qsizetype end = m_partialLine.lastIndexOf('\n') + 1;
    if (end == m_partialLine.size()) {
        m_operation.onLines(std::exchange(m_partialLine, {}));
    } else if (end > 0) {
        m_operation.onLines(m_partialLine.first(end));
        m_partialLine.remove(0, end);
    }
}

} // namespace storeloom::shopify
