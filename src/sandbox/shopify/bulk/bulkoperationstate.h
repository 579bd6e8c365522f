#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace storeloom::sandbox::shopify {

// A copy of one bulk operation as a query sees it.
struct BulkOperationState
{
    qint64 id = 0;
    QString status = QStringLiteral("CREATED");
    QString errorCode;      // empty: null
    qint64 objectCount = 0;
    qint64 rootObjectCount = 0;
    qint64 fileSize = -1;   // -1: null
    QString urlPath;        // "/bulk/3.jsonl"; empty: null
    QString partialUrlPath; // empty: null
    QString query;
    QDateTime createdAt;
    QDateTime completedAt;  // invalid: null
};

struct BulkUserError
{
    QJsonValue field; // null, or ["query"]
    QString message;
    QString code;
};

// What bulkOperationRunQuery / bulkOperationCancel answer.
struct BulkOperationResult
{
    std::optional<BulkOperationState> operation;
    std::vector<BulkUserError> userErrors;
};

// What the GraphQL resolvers may do with bulk operations.
class BulkOperationControl
{
public:
    virtual ~BulkOperationControl() = default;
    virtual BulkOperationResult runQuery(const QString &query, const QStringList &grantedScopes) = 0;
    virtual BulkOperationResult cancel(qint64 id) = 0;
    virtual std::optional<BulkOperationState> current() const = 0;
    virtual std::optional<BulkOperationState> operation(qint64 id) const = 0;
};

} // namespace storeloom::sandbox::shopify
