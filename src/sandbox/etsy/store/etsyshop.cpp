#include "etsyshop.h"

#include <QList>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 ShippingProfileBase = 190000000001;
constexpr qint64 ReadinessStateBase = 1400000001;
constexpr qint64 ShopCreated = 1577836800; // 2020-01-01

struct TaxonomyNode
{
    qint64 id = 0;
    qint64 parentId = 0; // 0: a top-level node
    const char16_t *name = u"";
};

// A sandbox-sized slice of Etsy's seller taxonomy (ids are the sandbox's own).
const QList<TaxonomyNode> &taxonomyNodes()
{
    static const QList<TaxonomyNode> nodes = {
        {1179, 0, u"Jewelry"},        {1207, 1179, u"Necklaces"},    {1211, 1207, u"Pendants"},
        {1220, 1179, u"Rings"},       {891, 0, u"Home & Living"},    {1002, 891, u"Candles"},
        {1028, 891, u"Home Decor"},   {374, 0, u"Clothing"},         {482, 374, u"Shirts"},
        {489, 482, u"T-shirts"},      {501, 374, u"Sweaters"},
    };
    return nodes;
}

QJsonObject nodeJson(const TaxonomyNode &node)
{
    QList<qint64> path{node.id};
    for (qint64 parent = node.parentId; parent != 0;) {
        path.prepend(parent);
        const auto it = std::find_if(taxonomyNodes().cbegin(), taxonomyNodes().cend(),
                                     [&](const TaxonomyNode &n) { return n.id == parent; });
        parent = it->parentId;
    }
    QJsonArray children;
    QJsonArray childIds;
    for (const TaxonomyNode &child : taxonomyNodes()) {
        if (child.parentId == node.id) {
            children.append(nodeJson(child));
            childIds.append(child.id);
        }
    }
    QJsonArray fullPath;
    for (qint64 id : path)
        fullPath.append(id);
    return {{u"id"_s, node.id},
            {u"level"_s, path.size() - 1},
            {u"name"_s, QString::fromUtf16(node.name)},
            {u"parent_id"_s, node.parentId ? QJsonValue(node.parentId) : QJsonValue()},
            {u"child_ids"_s, childIds},
            {u"full_path_taxonomy_ids"_s, fullPath},
            {u"children"_s, children}};
}

} // namespace

QJsonObject EtsyShop::shop(int activeListings) const
{
    const QString url = u"https://www.etsy.com/shop/"_s + m_settings.shopName;
    return {{u"shop_id"_s, m_settings.shopId},
            {u"user_id"_s, m_settings.userId},
            {u"shop_name"_s, m_settings.shopName},
            {u"create_date"_s, ShopCreated},
            {u"created_timestamp"_s, ShopCreated},
            {u"title"_s, u"Handmade things from the sandbox"_s},
            {u"announcement"_s, QJsonValue()},
            {u"currency_code"_s, m_settings.currency},
            {u"is_vacation"_s, false},
            {u"vacation_message"_s, QJsonValue()},
            {u"update_date"_s, ShopCreated},
            {u"updated_timestamp"_s, ShopCreated},
            {u"listing_active_count"_s, activeListings},
            {u"digital_listing_count"_s, 0},
            {u"login_name"_s, m_settings.shopName.toLower()},
            {u"accepts_custom_requests"_s, false},
            {u"url"_s, url},
            {u"icon_url_fullxfull"_s, QJsonValue()},
            {u"num_favorers"_s, 0},
            {u"languages"_s, QJsonArray{u"en-US"_s}},
            {u"is_shop_us_based"_s, true},
            {u"transaction_sold_count"_s, 0},
            {u"shipping_from_country_iso"_s, u"US"_s},
            {u"shop_location_country_iso"_s, u"US"_s},
            {u"review_count"_s, 0},
            {u"review_average"_s, QJsonValue()}};
}

QJsonArray EtsyShop::shippingProfiles() const
{
    auto profile = [&](qint64 offset, const QString &title, int minDays, int maxDays) {
        return QJsonObject{{u"shipping_profile_id"_s, ShippingProfileBase + offset},
                           {u"title"_s, title},
                           {u"user_id"_s, m_settings.userId},
                           {u"min_processing_days"_s, minDays},
                           {u"max_processing_days"_s, maxDays},
                           {u"processing_days_display_label"_s, u"%1-%2 business days"_s.arg(minDays).arg(maxDays)},
                           {u"origin_country_iso"_s, u"US"_s},
                           {u"origin_postal_code"_s, u"90210"_s},
                           {u"is_deleted"_s, false},
                           {u"profile_type"_s, u"manual"_s},
                           {u"domestic_handling_fee"_s, 0},
                           {u"international_handling_fee"_s, 0},
                           {u"shipping_profile_destinations"_s, QJsonArray()},
                           {u"shipping_profile_upgrades"_s, QJsonArray()}};
    };
    return {profile(0, u"Standard shipping"_s, 1, 3), profile(1, u"Made to order shipping"_s, 5, 10)};
}

QJsonArray EtsyShop::readinessStates() const
{
    auto state = [&](qint64 offset, const QString &readiness, int minDays, int maxDays) {
        return QJsonObject{{u"readiness_state_id"_s, ReadinessStateBase + offset},
                           {u"shop_id"_s, m_settings.shopId},
                           {u"readiness_state"_s, readiness},
                           {u"min_processing_time"_s, minDays},
                           {u"max_processing_time"_s, maxDays},
                           {u"processing_time_unit"_s, u"days"_s}};
    };
    return {state(0, u"ready_to_ship"_s, 1, 2), state(1, u"made_to_order"_s, 5, 14)};
}

QJsonArray EtsyShop::taxonomyTree() const
{
    QJsonArray roots;
    for (const TaxonomyNode &node : taxonomyNodes()) {
        if (node.parentId == 0)
            roots.append(nodeJson(node));
    }
    return roots;
}

bool EtsyShop::hasShippingProfile(qint64 id) const
{
    return id >= ShippingProfileBase && id < ShippingProfileBase + shippingProfiles().size();
}

std::optional<QJsonObject> EtsyShop::readinessState(qint64 id) const
{
    for (const QJsonValue &state : readinessStates()) {
        if (state[u"readiness_state_id"_s].toInteger() == id)
            return state.toObject();
    }
    return std::nullopt;
}

bool EtsyShop::hasTaxonomyNode(qint64 id) const
{
    return std::any_of(taxonomyNodes().cbegin(), taxonomyNodes().cend(),
                       [&](const TaxonomyNode &node) { return node.id == id; });
}

qint64 EtsyShop::firstShippingProfileId() const { return ShippingProfileBase; }
qint64 EtsyShop::firstReadinessStateId() const { return ReadinessStateBase; }

qint64 EtsyShop::anyTaxonomyId(int index)
{
    static const QList<qint64> leaves{1211, 1220, 1002, 1028, 489, 501};
    return leaves.at(index % leaves.size());
}

} // namespace storeloom::sandbox::etsy
