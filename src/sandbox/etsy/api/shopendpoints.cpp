// The shop and what listings refer to: getMe, getShop, shipping and
// processing profiles, the seller taxonomy.
#include "etsyapi.h"

#include "etsy/store/etsyshop.h"
#include "etsy/store/listingstore.h"

#include <QJsonArray>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

HttpResponse EtsyApi::error(int status, const QString &message)
{
    return HttpResponse::json(status, QJsonObject{{u"error"_s, message}});
}

HttpResponse EtsyApi::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

bool EtsyApi::isOurShop(qint64 shopId) const
{
    return shopId == m_shop.settings().shopId;
}

HttpResponse EtsyApi::listingNotFound()
{
    return error(404, u"Listing not found"_s);
}

HttpResponse EtsyApi::shopNotFound(qint64 shopId)
{
    return error(404, u"Shop with shop_id %1 not found"_s.arg(shopId));
}

HttpResponse EtsyApi::results(const QJsonArray &items)
{
    return HttpResponse::json(200, QJsonObject{{u"count"_s, items.size()}, {u"results"_s, items}});
}

HttpResponse EtsyApi::ping() const
{
    return HttpResponse::json(200, QJsonObject{{u"application_id"_s, 1234567}});
}

HttpResponse EtsyApi::getMe() const
{
    return HttpResponse::json(
        200, QJsonObject{{u"user_id"_s, m_shop.settings().userId}, {u"shop_id"_s, m_shop.settings().shopId}});
}

HttpResponse EtsyApi::getShop(qint64 shopId) const
{
    if (!isOurShop(shopId))
        return shopNotFound(shopId);
    return HttpResponse::json(200, m_shop.shop(m_store.activeCount()));
}

HttpResponse EtsyApi::getShopShippingProfiles(qint64 shopId) const
{
    return isOurShop(shopId) ? results(m_shop.shippingProfiles()) : shopNotFound(shopId);
}

HttpResponse EtsyApi::getShopReadinessStateDefinitions(qint64 shopId) const
{
    return isOurShop(shopId) ? results(m_shop.readinessStates()) : shopNotFound(shopId);
}

HttpResponse EtsyApi::getSellerTaxonomyNodes() const
{
    return results(m_shop.taxonomyTree());
}

} // namespace storeloom::sandbox::etsy
