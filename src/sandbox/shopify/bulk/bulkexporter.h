#pragma once

#include "shopify/catalog/shopifycatalog.h"
#include "shopify/graphql/gqlexecutor.h"

#include <QIODevice>

#include <atomic>

namespace storeloom::sandbox::shopify {

class ShopifyResolvers;

// Runs a checked bulk query over the catalog and writes Shopify's JSONL:
// every node reached through a connection is a line of its own; nodes of a
// nested connection carry "__parentId", the id of the nearest ancestor line;
// other nested objects stay inline; parents come before their children.
// Root nodes are read a chunk at a time under the catalog's read lock, and
// written (paced, if a rate is set) with the lock released.
class BulkExporter
{
public:
    struct Options
    {
        int objectsPerSecond = 0;   // 0: as fast as it goes
        qint64 failAfterRoots = -1; // stop, as if the export failed, after this many roots
        const std::atomic_bool *cancel = nullptr;
        std::function<void(qint64 objects, qint64 roots)> progress;
        QStringList grantedScopes;
    };
    enum class Outcome { Completed, Failed, Canceled };

    BulkExporter(const ShopifyCatalog &catalog, const graphql::Document &document, Options options);

    Outcome run(QIODevice *out);
    qint64 objectCount() const { return m_objects; }
    qint64 rootObjectCount() const { return m_roots; }

private:
    struct Line
    {
        QByteArray json;
        bool root = false;
    };
    struct Deferred
    {
        graphql::ObjRef parent;
        graphql::CollectedField field;
    };

    bool readChunk(const graphql::CollectedField &rootField, QString *after, std::vector<Line> *lines);
    void writeLine(graphql::Executor &executor, ShopifyResolvers &resolvers, const graphql::ObjRef &node,
                   const std::vector<const graphql::SelectionSet *> &sets, const QString &parentId,
                   bool root, std::vector<Line> *lines);
    std::vector<const graphql::SelectionSet *> nodeSelections(const graphql::FieldDef &connection,
                                                              const graphql::CollectedField &field) const;
    Outcome flush(const std::vector<Line> &lines, QIODevice *out);
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    const ShopifyCatalog &m_catalog;
    const graphql::Document &m_document;
    Options m_options;
    const QJsonObject m_variables;
    graphql::FieldCollector m_collector;
    std::vector<Deferred> *m_deferred = nullptr;
    qint64 m_objects = 0;
    qint64 m_roots = 0;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace storeloom::sandbox::shopify
