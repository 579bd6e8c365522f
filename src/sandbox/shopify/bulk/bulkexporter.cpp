#include "bulkexporter.h"

#include "shopify/api/shopifyresolvers.h"
#include "shopify/api/shopifyschema.h"
#include "shopify/graphql/gqlinput.h"

#include <QThread>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using namespace graphql;

namespace {
constexpr int ChunkSize = 250;
} // namespace

BulkExporter::BulkExporter(const ShopifyCatalog &catalog, const Document &document, Options options)
    : m_catalog(catalog),
      m_document(document),
      m_options(std::move(options)),
      m_collector(shopifySchema(), document, m_variables)
{
}

BulkExporter::Outcome BulkExporter::run(QIODevice *out)
{
    m_started = std::chrono::steady_clock::now();
    const Schema &schema = shopifySchema();
    const Operation &operation = m_document.operations.front();
    for (const CollectedField &rootField : m_collector.collect(schema.queryType()->name, {&operation.selections})) {
        QString after;
        bool more = true;
        while (more) {
            std::vector<Line> lines;
            more = readChunk(rootField, &after, &lines);
            if (const Outcome outcome = flush(lines, out); outcome != Outcome::Completed)
                return outcome;
        }
    }
    if (m_options.progress)
        m_options.progress(m_objects, m_roots);
    return Outcome::Completed;
}

bool BulkExporter::readChunk(const CollectedField &rootField, QString *after, std::vector<Line> *lines)
{
    const Schema &schema = shopifySchema();
    const auto access = m_catalog.read();
    ShopifyResolvers resolvers(schema, {access.data(), nullptr, m_options.grantedScopes, {}});
    Executor executor(schema, m_document, m_variables, resolvers);
    executor.deferConnections([this](const ObjRef &parent, const CollectedField &field) {
        m_deferred->push_back({parent, field});
    });
    const FieldDef &def = *schema.queryType()->field(rootField.first->name);
    // The query's own arguments (sortKey, reverse) with the paging taken over.
    QJsonObject args = InputCoercion::fieldArguments(def, *rootField.first, m_variables);
    args.remove(u"last"_s);
    args.remove(u"before"_s);
    args.insert(u"first"_s, ChunkSize);
    if (!after->isEmpty())
        args.insert(u"after"_s, *after);
    const ObjRef root{schema.queryType(), nullptr, nullptr, 0, 0};
    FieldContext context{root, def, args, executor.arena(), &executor.errors(), nullptr, {}};
    const Resolved connection = resolvers.resolve(context);
    if (connection.kind != Resolved::Kind::Object || !connection.object)
        return false;
    const auto *page = connection.object.as<ConnectionPage>();
    const auto sets = nodeSelections(def, rootField);
    for (const ObjRef &node : page->nodes)
        writeLine(executor, resolvers, node, sets, {}, true, lines);
    if (!page->nodes.empty())
        *after = page->cursorAt(page->nodes.size() - 1);
    return page->hasNextPage;
}

void BulkExporter::writeLine(Executor &executor, ShopifyResolvers &resolvers, const ObjRef &node,
                             const std::vector<const SelectionSet *> &sets, const QString &parentId, bool root,
                             std::vector<Line> *lines)
{
    std::vector<Deferred> deferred;
    std::vector<Deferred> *saved = std::exchange(m_deferred, &deferred);
    JsonWriter writer;
    writer.reserve(1024);
    executor.writeObject(node, sets, &writer);
    m_deferred = saved;
    QByteArray json = writer.take();
    if (!parentId.isEmpty()) {
        json.chop(1);
        if (json.size() > 1)
            json.append(',');
        json.append("\"__parentId\":");
        JsonWriter::appendString(&json, parentId);
        json.append('}');
    }
    lines->push_back({std::move(json), root});
    if (deferred.empty())
        return;
    QString lineId;
    if (const FieldDef *idField = node.type->field(u"id"_s)) {
        const QJsonObject none;
        FieldContext context{node, *idField, none, executor.arena(), &executor.errors(), nullptr, {}};
        lineId = resolvers.resolve(context).json().toString();
    }
    for (const Deferred &each : deferred) {
        const FieldDef &def = *each.parent.type->field(each.field.first->name);
        const Resolved connection = executor.resolve(each.parent, def, each.field);
        if (connection.kind != Resolved::Kind::Object || !connection.object)
            continue;
        const auto nested = nodeSelections(def, each.field);
        for (const ObjRef &child : connection.object.as<ConnectionPage>()->nodes)
            writeLine(executor, resolvers, child, nested, lineId, false, lines);
    }
}

std::vector<const SelectionSet *> BulkExporter::nodeSelections(const FieldDef &connection,
                                                               const CollectedField &field) const
{
    const Schema &schema = shopifySchema();
    const TypeDef *type = schema.type(connection.namedType);
    std::vector<const SelectionSet *> sets;
    for (const CollectedField &part : m_collector.collect(type->name, field.subSelections)) {
        if (part.first->name == u"nodes"_s) {
            sets.insert(sets.end(), part.subSelections.begin(), part.subSelections.end());
        } else if (part.first->name == u"edges"_s) {
            const TypeDef *edge = schema.type(type->field(u"edges"_s)->namedType);
            for (const CollectedField &inner : m_collector.collect(edge->name, part.subSelections)) {
                if (inner.first->name == u"node"_s)
                    sets.insert(sets.end(), inner.subSelections.begin(), inner.subSelections.end());
            }
        }
    }
    return sets;
}

BulkExporter::Outcome BulkExporter::flush(const std::vector<Line> &lines, QIODevice *out)
{
    for (const Line &line : lines) {
        if (cancelled())
            return Outcome::Canceled;
        if (line.root && m_options.failAfterRoots >= 0 && m_roots >= m_options.failAfterRoots)
            return Outcome::Failed;
        if (m_options.objectsPerSecond > 0) {
            // Paced: line n goes out no earlier than n / rate seconds after the start.
            const auto due = m_started + std::chrono::microseconds(m_objects * 1'000'000 / m_options.objectsPerSecond);
            while (std::chrono::steady_clock::now() < due && !cancelled())
                QThread::msleep(std::min<qint64>(
                    50, std::chrono::duration_cast<std::chrono::milliseconds>(due - std::chrono::steady_clock::now())
                                .count() + 1));
        }
        out->write(line.json);
        out->write("\n", 1);
        ++m_objects;
        if (line.root)
            ++m_roots;
        if (m_options.progress && (m_objects % 64 == 0 || m_options.objectsPerSecond > 0))
            m_options.progress(m_objects, m_roots);
    }
    return Outcome::Completed;
}

} // namespace storeloom::sandbox::shopify
