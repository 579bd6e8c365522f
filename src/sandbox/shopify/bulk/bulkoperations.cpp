#include "bulkoperations.h"

#include "bulkexporter.h"
#include "bulkquerycheck.h"
#include "shopify/shopifylogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 IdBase = 4'000'000'000;

bool inProgress(const QString &status)
{
    return status == u"CREATED"_s || status == u"RUNNING"_s || status == u"CANCELING"_s;
}

QString gid(qint64 id) { return u"gid://shopify/BulkOperation/%1"_s.arg(id); }

} // namespace

BulkOperations::BulkOperations(const ShopifyCatalog &catalog, CounterBoard &counters, const QString &directory)
    : m_catalog(catalog), m_counters(counters), m_directory(directory)
{
    QDir().mkpath(directory);
}

BulkOperations::~BulkOperations()
{
    {
        QMutexLocker locker(&m_mutex);
        for (const auto &job : m_jobs)
            job->cancel = true;
    }
    for (const auto &job : m_jobs) {
        if (job->thread.joinable())
            job->thread.join();
    }
}

BulkOperationResult BulkOperations::runQuery(const QString &query, const QStringList &grantedScopes)
{
    return launch(query, grantedScopes, 0);
}

qint64 BulkOperations::startRunning(int durationMs)
{
    const BulkOperationResult result = launch(u"{ products { edges { node { id } } } }"_s,
                                              {u"read_products"_s}, durationMs);
    return result.operation ? result.operation->id : 0;
}

BulkOperationResult BulkOperations::launch(const QString &query, const QStringList &scopes, int minimumDurationMs)
{
    QMutexLocker locker(&m_mutex);
    if (!m_jobs.empty() && inProgress(m_jobs.back()->state.status)) {
        const QString message = u"A bulk query operation for this app and shop is already in progress: %1."_s.arg(
            gid(m_jobs.back()->state.id));
        return {std::nullopt, {{QJsonValue::Null, message, u"OPERATION_IN_PROGRESS"_s}}};
    }
    std::vector<BulkUserError> errors;
    std::optional<graphql::Document> document = BulkQueryCheck::check(query, &errors);
    if (!document)
        return {std::nullopt, errors};
    auto job = std::make_unique<Job>();
    job->state.id = IdBase + m_nextId++;
    job->state.query = query;
    job->state.createdAt = QDateTime::currentDateTimeUtc();
    job->missingScope = BulkQueryCheck::missingScope(*document, scopes);
    job->document = std::move(document);
    job->scopes = scopes;
    job->minimumDurationMs = minimumDurationMs;
    job->fail = m_failNext > 0 && m_failNext--;
    job->expire = !job->fail && m_expireNext > 0 && m_expireNext--;
    Job *started = job.get();
    m_jobs.push_back(std::move(job));
    m_counters.update([](SandboxCounters &c) { ++c.bulkOperationsStarted; });
    started->thread = std::thread([this, started] { work(started); });
    qCDebug(lcShopifySandbox) << "bulk operation" << started->state.id << "created";
    return {started->state, {}};
}

void BulkOperations::work(Job *job)
{
    const auto began = std::chrono::steady_clock::now();
    int rate = 0;
    {
        QMutexLocker locker(&m_mutex);
        job->state.status = u"RUNNING"_s;
        rate = m_objectsPerSecond;
    }
    BulkExporter::Outcome outcome = BulkExporter::Outcome::Failed;
    const QString file = path(job->state.id, false);
    qint64 objects = 0;
    if (job->missingScope.isEmpty()) {
        qint64 roots = 0;
        {
            const auto access = m_catalog.read();
            const QString root = job->document->operations.front().selections.front().name;
            roots = root == u"products"_s        ? qint64(access->products.size())
                    : root == u"collections"_s    ? qint64(access->collections.size())
                    : root == u"inventoryItems"_s ? qint64(access->inventoryItemIds.size())
                                                  : qint64(access->locations.size());
        }
        BulkExporter::Options options;
        options.objectsPerSecond = rate;
        options.failAfterRoots = job->fail ? std::max<qint64>(1, roots / 2) : -1;
        options.cancel = &job->cancel;
        options.grantedScopes = job->scopes;
        options.progress = [this, job](qint64 count, qint64 rootCount) {
            QMutexLocker locker(&m_mutex);
            job->state.objectCount = count;
            job->state.rootObjectCount = rootCount;
        };
        QFile out(file);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            BulkExporter exporter(m_catalog, *job->document, options);
            outcome = exporter.run(&out);
            // Too small to fail half-way: it fails at the end, the partial file complete.
            if (job->fail && outcome == BulkExporter::Outcome::Completed)
                outcome = BulkExporter::Outcome::Failed;
            objects = exporter.objectCount();
            options.progress(objects, exporter.rootObjectCount());
        } else {
            qCWarning(lcShopifySandbox) << "cannot write" << file << out.errorString();
        }
    }
    // An operation that was already running when the client came keeps running a while.
    while (!job->cancel && std::chrono::steady_clock::now() - began < std::chrono::milliseconds(job->minimumDurationMs))
        QThread::msleep(20);
    QMutexLocker locker(&m_mutex);
    BulkOperationState &state = job->state;
    state.completedAt = QDateTime::currentDateTimeUtc();
    if (!job->missingScope.isEmpty()) {
        state.status = u"FAILED"_s;
        state.errorCode = u"ACCESS_DENIED"_s;
    } else if (job->cancel || outcome == BulkExporter::Outcome::Canceled) {
        state.status = u"CANCELED"_s;
        QFile::remove(file);
    } else if (outcome == BulkExporter::Outcome::Failed) {
        state.status = u"FAILED"_s;
        state.errorCode = u"INTERNAL_SERVER_ERROR"_s;
        QFile::remove(path(state.id, true));
        QFile::rename(file, path(state.id, true));
        state.partialUrlPath = u"/bulk/%1-partial.jsonl"_s.arg(state.id);
    } else if (job->expire) {
        state.status = u"EXPIRED"_s;
        QFile::remove(file);
    } else {
        state.status = u"COMPLETED"_s;
        state.fileSize = QFileInfo(file).size();
        // Shopify gives no url when the query found nothing.
        if (objects > 0)
            state.urlPath = u"/bulk/%1.jsonl"_s.arg(state.id);
        else
            QFile::remove(file);
    }
    qCDebug(lcShopifySandbox) << "bulk operation" << state.id << state.status << state.objectCount << "objects";
}

BulkOperationResult BulkOperations::cancel(qint64 id)
{
    QMutexLocker locker(&m_mutex);
    Job *job = find(id);
    if (!job)
        return {std::nullopt, {{QJsonArray{u"id"_s}, u"Bulk operation does not exist"_s, QString()}}};
    if (!inProgress(job->state.status)) {
        return {job->state,
                {{QJsonValue::Null,
                  u"A bulk operation cannot be canceled when it is %1"_s.arg(job->state.status.toLower()),
                  QString()}}};
    }
    job->cancel = true;
    job->state.status = u"CANCELING"_s;
    return {job->state, {}};
}

std::optional<BulkOperationState> BulkOperations::current() const
{
    QMutexLocker locker(&m_mutex);
    return m_jobs.empty() ? std::nullopt : std::optional(m_jobs.back()->state);
}

std::optional<BulkOperationState> BulkOperations::operation(qint64 id) const
{
    QMutexLocker locker(&m_mutex);
    const Job *job = find(id);
    return job ? std::optional(job->state) : std::nullopt;
}

BulkOperations::Job *BulkOperations::find(qint64 id) const
{
    for (const auto &job : m_jobs) {
        if (job->state.id == id)
            return job.get();
    }
    return nullptr;
}

QString BulkOperations::path(qint64 id, bool partial) const
{
    return u"%1/%2%3.jsonl"_s.arg(m_directory).arg(id).arg(partial ? u"-partial"_s : QString());
}

QString BulkOperations::resultFile(const QString &name) const
{
    static const QRegularExpression pattern(u"^(\\d+)(-partial)?\\.jsonl$"_s);
    const auto match = pattern.match(name);
    if (!match.hasMatch())
        return {};
    QMutexLocker locker(&m_mutex);
    const Job *job = find(match.captured(1).toLongLong());
    if (!job)
        return {};
    const bool partial = match.capturedLength(2) > 0;
    const QString &served = partial ? job->state.partialUrlPath : job->state.urlPath;
    return served.isEmpty() ? QString() : path(job->state.id, partial);
}

void BulkOperations::setObjectsPerSecond(int rate)
{
    QMutexLocker locker(&m_mutex);
    m_objectsPerSecond = std::max(0, rate);
}

void BulkOperations::failNext(int count)
{
    QMutexLocker locker(&m_mutex);
    m_failNext += count;
}

void BulkOperations::expireNext(int count)
{
    QMutexLocker locker(&m_mutex);
    m_expireNext += count;
}

} // namespace storeloom::sandbox::shopify
