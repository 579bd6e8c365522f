#include "paginator.h"

#include <QJsonDocument>

#include <algorithm>
#include <numeric>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

namespace {

int compareKeys(const SortKey &a, const SortKey &b, bool byId)
{
    if (!byId) {
        if (const int c = a.value.compare(b.value); c != 0)
            return c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// The first index in [0, size) for which `beyond` holds (it holds for a suffix).
qsizetype firstWhere(qsizetype size, const std::function<bool(qsizetype)> &beyond)
{
    qsizetype low = 0;
    qsizetype high = size;
    while (low < high) {
        const qsizetype middle = low + (high - low) / 2;
        if (beyond(middle))
            high = middle;
        else
            low = middle + 1;
    }
    return low;
}

} // namespace

QString Paginator::encodeCursor(const SortKey &key, bool byId)
{
    const QJsonObject object{{u"last_id"_s, double(key.id)},
                             {u"last_value"_s, byId ? QString::number(key.id) : key.value}};
    return QString::fromLatin1(QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64());
}

bool Paginator::decodeCursor(const QString &cursor, SortKey *key)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QJsonObject object = QJsonDocument::fromJson(*decoded).object();
    if (!object.value(u"last_id"_s).isDouble())
        return false;
    key->id = qint64(object.value(u"last_id"_s).toDouble());
    key->value = object.value(u"last_value"_s).toString();
    return true;
}

bool Paginator::page(const OrderedSource &source, const QJsonObject &arguments,
                     graphql::ConnectionPage *page, QString *error)
{
    const qsizetype size = source.size;
    const bool reverse = arguments.value(u"reverse"_s).toBool();
    auto natural = [&](qsizetype e) { return reverse ? size - 1 - e : e; };
    auto compareAt = [&](qsizetype e, const SortKey &cursor) {
        const int c = compareKeys(source.keyAt(natural(e)), cursor, source.byId);
        return reverse ? -c : c;
    };
    qsizetype from = 0;
    qsizetype to = size;
    SortKey cursor;
    if (const QString after = arguments.value(u"after"_s).toString(); !after.isEmpty()) {
        if (!decodeCursor(after, &cursor)) {
            *error = u"Invalid cursor for current pagination sort."_s;
            return false;
        }
        from = firstWhere(size, [&](qsizetype e) { return compareAt(e, cursor) > 0; });
    }
    if (const QString before = arguments.value(u"before"_s).toString(); !before.isEmpty()) {
        if (!decodeCursor(before, &cursor)) {
            *error = u"Invalid cursor for current pagination sort."_s;
            return false;
        }
        to = std::max(from, firstWhere(size, [&](qsizetype e) { return compareAt(e, cursor) >= 0; }));
    }
    const QJsonValue first = arguments.value(u"first"_s);
    const QJsonValue last = arguments.value(u"last"_s);
    if (first.isDouble())
        to = std::min(to, from + std::max<qsizetype>(0, qsizetype(first.toDouble())));
    if (last.isDouble())
        from = std::max(from, to - std::max<qsizetype>(0, qsizetype(last.toDouble())));
    auto keys = std::make_shared<std::vector<SortKey>>();
    page->nodes.reserve(size_t(to - from));
    keys->reserve(size_t(to - from));
    for (qsizetype e = from; e < to; ++e) {
        page->nodes.push_back(source.nodeAt(natural(e)));
        keys->push_back(source.keyAt(natural(e)));
    }
    page->cursorAt = [keys, byId = source.byId](size_t i) { return encodeCursor(keys->at(i), byId); };
    page->hasNextPage = to < size;
    page->hasPreviousPage = from > 0;
    return true;
}

std::vector<qsizetype> Paginator::order(qsizetype size, const std::function<bool(qsizetype, qsizetype)> &less)
{
    std::vector<qsizetype> indexes(size_t(size), 0);
    std::iota(indexes.begin(), indexes.end(), 0);
    std::stable_sort(indexes.begin(), indexes.end(), less);
    return indexes;
}

} // namespace storeloom::sandbox::shopify
