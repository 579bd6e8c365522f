#pragma once

#include "shopify/graphql/gqlexecutor.h"

#include <QJsonObject>

#include <functional>

namespace storeloom::sandbox::shopify {

// Where an element sits in a sort order: the sort value (empty when sorting
// by id) and its id. Cursors carry exactly this, base64 JSON like Shopify's
// {"last_id":123,"last_value":"123"}, so paging is keyset paging: removing
// or adding elements between two pages neither repeats nor skips others.
struct SortKey
{
    QString value;
    qint64 id = 0;
};

// One connection's elements in sort order, addressed 0..size-1.
struct OrderedSource
{
    qsizetype size = 0;
    bool byId = true; // compare ids only; else value, then id
    std::function<SortKey(qsizetype)> keyAt;
    std::function<graphql::ObjRef(qsizetype)> nodeAt;
};

class Paginator
{
public:
    static QString encodeCursor(const SortKey &key, bool byId);
    static bool decodeCursor(const QString &cursor, SortKey *key);

    // The page first/after/last/before/reverse select; without first and last
    // (bulk queries) every element. False, with `error`, for a bad cursor.
    static bool page(const OrderedSource &source, const QJsonObject &arguments,
                     graphql::ConnectionPage *page, QString *error);

    // Sorted element indexes for a sort other than the natural one.
    static std::vector<qsizetype> order(qsizetype size,
                                        const std::function<bool(qsizetype, qsizetype)> &less);
};

} // namespace storeloom::sandbox::shopify
