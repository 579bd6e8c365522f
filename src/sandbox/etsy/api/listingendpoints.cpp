// Listings: createDraftListing, updateListing, getListing, deleteListing,
// getListingsByShop.
#include "etsyapi.h"

#include "etsy/store/etsyshop.h"
#include "etsy/store/listingstore.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

bool isForm(const HttpRequest &request)
{
    return mediaType(request.header("content-type")) == u"application/x-www-form-urlencoded"_s;
}

} // namespace

HttpResponse EtsyApi::createDraftListing(qint64 shopId, const HttpRequest &request)
{
    if (!isOurShop(shopId))
        return error(403, u"shop_id %1 does not belong to the authenticated user"_s.arg(shopId));
    if (!isForm(request))
        return error(400, u"The request body must be application/x-www-form-urlencoded"_s);
    QString message;
    const QJsonObject fields = m_validator.validate(FormFields::parse(request.body), true, &message);
    if (!message.isEmpty())
        return error(400, message);
    return HttpResponse::json(201, m_store.create(fields));
}

HttpResponse EtsyApi::updateListing(qint64 shopId, qint64 listingId, const HttpRequest &request)
{
    if (!isOurShop(shopId) || !m_store.listing(listingId))
        return listingNotFound();
    if (!isForm(request))
        return error(400, u"The request body must be application/x-www-form-urlencoded"_s);
    QString message;
    const QJsonObject fields = m_validator.validate(FormFields::parse(request.body), false, &message);
    if (!message.isEmpty())
        return error(400, message);
    const auto updated = m_store.update(listingId, fields, &message);
    return updated ? HttpResponse::json(200, *updated) : error(400, message);
}

HttpResponse EtsyApi::getListing(qint64 listingId) const
{
    const auto listing = m_store.listing(listingId);
    return listing ? HttpResponse::json(200, *listing) : listingNotFound();
}

HttpResponse EtsyApi::deleteListing(qint64 listingId)
{
    return m_store.remove(listingId) ? noContent() : listingNotFound();
}

HttpResponse EtsyApi::getListingsByShop(qint64 shopId, const HttpRequest &request) const
{
    if (!isOurShop(shopId))
        return shopNotFound(shopId);
    const QUrlQuery query(request.url);
    auto param = [&](const QString &name, const QString &fallback) {
        return query.hasQueryItem(name) ? query.queryItemValue(name, QUrl::FullyDecoded) : fallback;
    };
    bool limitOk = false;
    bool offsetOk = false;
    const int limit = param(u"limit"_s, u"25"_s).toInt(&limitOk);
    const int offset = param(u"offset"_s, u"0"_s).toInt(&offsetOk);
    const QString state = param(u"state"_s, u"active"_s);
    const QString sortOn = param(u"sort_on"_s, u"created"_s);
    const QString sortOrder = param(u"sort_order"_s, u"desc"_s);
    if (!limitOk || limit < 1 || limit > 100)
        return error(400, u"limit must be an integer between 1 and 100"_s);
    if (!offsetOk || offset < 0)
        return error(400, u"offset must be an integer greater than or equal to 0"_s);
    const QStringList states{u"active"_s, u"inactive"_s, u"sold_out"_s, u"draft"_s, u"expired"_s};
    if (!states.contains(state))
        return error(400, u"state must be one of: %1"_s.arg(states.join(u", "_s)));
    const QStringList sorts{u"created"_s, u"price"_s, u"updated"_s, u"score"_s};
    if (!sorts.contains(sortOn))
        return error(400, u"sort_on must be one of: %1"_s.arg(sorts.join(u", "_s)));
    const QStringList descending{u"desc"_s, u"descending"_s, u"down"_s};
    const QStringList ascending{u"asc"_s, u"ascending"_s, u"up"_s};
    if (!descending.contains(sortOrder) && !ascending.contains(sortOrder))
        return error(400, u"sort_order must be one of: asc, ascending, desc, descending, up, down"_s);
    int count = 0;
    QJsonArray page;
    for (const QJsonObject &listing :
         m_store.page(state, sortOn, descending.contains(sortOrder), limit, offset, &count))
        page.append(listing);
    return HttpResponse::json(200, QJsonObject{{u"count"_s, count}, {u"results"_s, page}});
}

} // namespace storeloom::sandbox::etsy
