#include "graphqlendpoint.h"

#include "shopify/api/shopifyresolvers.h"
#include "shopify/api/shopifyschema.h"
#include "shopify/auth/shopifyauth.h"
#include "shopify/bulk/bulkoperations.h"
#include "shopify/catalog/shopifycatalog.h"
#include "shopify/graphql/gqlinput.h"
#include "shopify/graphql/gqlparser.h"
#include "shopify/graphql/gqlvalidator.h"
#include "shopify/graphql/querycost.h"
#include "shopify/shopifylogging.h"

#include <QJsonArray>

#include <cmath>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using namespace graphql;

namespace {

Error plainError(const QString &message, const QJsonObject &extensions = {})
{
    Error error;
    error.message = message;
    error.extensions = extensions;
    return error;
}

QByteArray costJson(qint64 requested, std::optional<qint64> actual, const ThrottleStatus &status)
{
    QByteArray out = "{\"requestedQueryCost\":" + QByteArray::number(requested) + ",\"actualQueryCost\":" +
                     (actual ? QByteArray::number(*actual) : QByteArray("null")) +
                     ",\"throttleStatus\":{\"maximumAvailable\":" +
                     QByteArray::number(status.maximumAvailable, 'f', 1) + ",\"currentlyAvailable\":" +
                     QByteArray::number(qint64(std::floor(status.currentlyAvailable))) +
                     ",\"restoreRate\":" + QByteArray::number(status.restoreRate, 'f', 1) + "}}";
    return out;
}

} // namespace

GraphqlEndpoint::GraphqlEndpoint(ShopifyCatalog &catalog, ShopifyAuth &auth, CostBucket &bucket,
                                 BulkOperations &bulk, CounterBoard &counters)
    : m_catalog(catalog), m_auth(auth), m_bucket(bucket), m_bulk(bulk), m_counters(counters)
{
}

void GraphqlEndpoint::setApiVersions(const QStringList &versions)
{
    QMutexLocker locker(&m_mutex);
    m_versions = versions;
}

QStringList GraphqlEndpoint::apiVersions() const
{
    QMutexLocker locker(&m_mutex);
    return m_versions;
}

HttpResponse GraphqlEndpoint::handle(const QString &version, const HttpRequest &request, const QString &origin,
                                     bool forceThrottle)
{
    if (!apiVersions().contains(version))
        return HttpResponse::json(404, QJsonObject{{u"errors"_s, u"Not Found"_s}});
    m_counters.update([](SandboxCounters &c) { ++c.requests; });
    const auto scopes = m_auth.scopesOf(QString::fromUtf8(request.header("x-shopify-access-token")));
    if (!scopes) {
        return HttpResponse::json(
            401, QJsonObject{{u"errors"_s,
                              u"[API] Invalid API key or access token (unrecognized login or wrong password)"_s}});
    }
    QJsonParseError jsonError;
    const QJsonObject body = QJsonDocument::fromJson(request.body, &jsonError).object();
    if (jsonError.error != QJsonParseError::NoError || !body.value(u"query"_s).isString()) {
        return HttpResponse::json(
            400, QJsonObject{{u"errors"_s, QJsonObject{{u"query"_s, u"Required parameter missing or invalid"_s}}}});
    }
    auto parsed = Parser(body.value(u"query"_s).toString()).parseDocument();
    if (const auto *syntax = std::get_if<SyntaxError>(&parsed)) {
        Error error = plainError(syntax->message);
        error.locations = {syntax->location};
        return reply({}, {error}, {0, 0, m_bucket.status()});
    }
    const Document document = std::get<Document>(std::move(parsed));
    const QString wanted = body.value(u"operationName"_s).toString();
    const Operation *operation = nullptr;
    for (const Operation &candidate : document.operations) {
        if (wanted.isEmpty() ? document.operations.size() == 1 : candidate.name == wanted)
            operation = &candidate;
    }
    if (!operation) {
        const QString message = wanted.isEmpty() ? u"An operation name is required"_s
                                                 : u"No operation named \"%1\""_s.arg(wanted);
        return reply({}, {plainError(message)}, {0, 0, m_bucket.status()});
    }
    m_counters.update([&](SandboxCounters &c) { ++c.operations[operation->name]; });
    std::vector<Error> errors = Validator(shopifySchema(), document).validate();
    if (operation->type == Operation::Type::Subscription)
        errors.push_back(plainError(u"Subscriptions are not supported"_s));
    QJsonObject variables;
    if (errors.empty())
        coerceVariables(*operation, body.value(u"variables"_s).toObject(), &variables, &errors);
    if (!errors.empty())
        return reply({}, errors, {0, 0, m_bucket.status()});
    return execute(document, *operation, variables, *scopes, origin, forceThrottle);
}

bool GraphqlEndpoint::coerceVariables(const Operation &operation, const QJsonObject &given, QJsonObject *coerced,
                                      std::vector<Error> *errors) const
{
    const InputCoercion coercion(shopifySchema());
    for (const VariableDefinition &variable : operation.variables) {
        QJsonValue input = given.value(variable.name);
        if (!given.contains(variable.name)) {
            if (variable.defaultValue)
                input = InputCoercion::toJson(*variable.defaultValue, {});
            else if (!variable.type.nonNull)
                continue; // absent: the argument's own default applies
        }
        QJsonValue value;
        QString explanation;
        if (!coercion.coerceVariable(variable.type, input, &value, &explanation)) {
            Error error = plainError(
                u"Variable $%1 of type %2 was provided invalid value"_s.arg(variable.name, variable.type.toString()),
                {{u"value"_s, input.isUndefined() ? QJsonValue(QJsonValue::Null) : input},
                 {u"problems"_s, QJsonArray{QJsonObject{{u"path"_s, QJsonArray{}}, {u"explanation"_s, explanation}}}}});
            error.locations = {variable.location};
            errors->push_back(std::move(error));
            continue;
        }
        coerced->insert(variable.name, value);
    }
    return errors->empty();
}

HttpResponse GraphqlEndpoint::execute(const Document &document, const Operation &operation,
                                      const QJsonObject &variables, const QStringList &scopes,
                                      const QString &origin, bool forceThrottle)
{
    std::vector<Error> errors;
    const qint64 requested = QueryCost(shopifySchema(), document, variables).requested(operation, &errors);
    if (!errors.empty())
        return reply({}, errors, {requested, 0, m_bucket.status()});
    if (requested > MaxQueryCost) {
        const QString message =
            u"Query cost is %1, which exceeds the single query max cost limit (%2)."_s.arg(requested).arg(MaxQueryCost);
        return reply({},
                     {plainError(message, {{u"code"_s, u"MAX_COST_EXCEEDED"_s},
                                           {u"cost"_s, requested},
                                           {u"maxCost"_s, MaxQueryCost},
                                           {u"documentation"_s, u"https://shopify.dev/api/usage/rate-limits"_s}})},
                     {requested, std::nullopt, m_bucket.status()});
    }
    ThrottleStatus status;
    if (forceThrottle || !m_bucket.tryCharge(requested, &status)) {
        if (forceThrottle)
            status = m_bucket.status();
        m_counters.update([](SandboxCounters &c) { ++c.throttled; });
        return reply({},
                     {plainError(u"Throttled"_s, {{u"code"_s, u"THROTTLED"_s},
                                                 {u"documentation"_s, u"https://shopify.dev/api/usage/rate-limits"_s}})},
                     {requested, std::nullopt, status});
    }
    QByteArray data;
    qint64 actual = 0;
    {
        const auto access = m_catalog.read();
        ShopifyResolvers resolvers(shopifySchema(), {access.data(), &m_bulk, scopes, origin});
        Executor executor(shopifySchema(), document, variables, resolvers);
        JsonWriter writer;
        executor.execute(operation, &writer);
        data = writer.take();
        actual = executor.actualCost();
        errors = executor.errors();
    }
    m_bucket.refund(requested - actual, &status);
    m_counters.update([actual](SandboxCounters &c) { c.actualCostCharged += actual; });
    qCDebug(lcShopifySandbox) << "graphql" << operation.name << "requested" << requested << "actual" << actual;
    return reply(data, errors, {requested, actual, status});
}

HttpResponse GraphqlEndpoint::reply(const QByteArray &data, const std::vector<Error> &errors, const Cost &cost)
{
    QByteArray body = "{";
    if (!data.isEmpty())
        body += "\"data\":" + data + ",";
    if (!errors.empty()) {
        QJsonArray list;
        for (const Error &error : errors)
            list.append(error.toJson());
        body += "\"errors\":" + QJsonDocument(list).toJson(QJsonDocument::Compact) + ",";
    }
    body += "\"extensions\":{\"cost\":" + costJson(cost.requested, cost.actual, cost.status) + "}}";
    return HttpResponse::json(200, body);
}

} // namespace storeloom::sandbox::shopify
