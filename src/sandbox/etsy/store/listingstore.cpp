#include "listingstore.h"

#include "etsyshop.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 ListingIdStep = 7919;
constexpr qint64 ImageIdStep = 331;
constexpr qint64 ListingLifetimeSecs = 120 * 24 * 3600; // Etsy listings run four months
constexpr qint64 SeedEpoch = 1735689600;                 // 2025-01-01

} // namespace

QJsonObject ListingStore::money(qint64 cents) const
{
    return {{u"amount"_s, cents}, {u"divisor"_s, 100}, {u"currency_code"_s, m_shop.settings().currency}};
}

void ListingStore::seed(int count)
{
    for (int i = 0; i < count; ++i) {
        const qint64 cents = 500 + (i * 137) % 9500;
        const int quantity = 1 + (i * 7) % 50;
        const QJsonObject listing = create(
            {{u"title"_s, u"Sandbox listing %1"_s.arg(i + 1)},
             {u"description"_s, u"A generated listing for tests and benchmarks."_s},
             {u"quantity"_s, quantity},
             {u"price"_s, cents},
             {u"who_made"_s, u"i_did"_s},
             {u"when_made"_s, u"made_to_order"_s},
             {u"taxonomy_id"_s, EtsyShop::anyTaxonomyId(i)},
             {u"shipping_profile_id"_s, m_shop.firstShippingProfileId()},
             {u"readiness_state_id"_s, m_shop.firstReadinessStateId()},
             {u"tags"_s, QJsonArray{u"sandbox"_s}}});
        Listing &stored = m_listings[listing[u"listing_id"_s].toInteger()];
        const qint64 created = SeedEpoch + i * 3600LL;
        for (const QString &key : {u"creation_timestamp"_s, u"created_timestamp"_s, u"original_creation_timestamp"_s,
                                   u"last_modified_timestamp"_s, u"updated_timestamp"_s, u"state_timestamp"_s})
            stored.json[key] = created;
        stored.json[u"ending_timestamp"_s] = created + ListingLifetimeSecs;
        stored.json[u"state"_s] = u"active"_s;
        QJsonObject product = stored.inventory[u"products"_s][0].toObject();
        product[u"sku"_s] = u"SBX-%1"_s.arg(i + 1, 5, 10, QChar(u'0'));
        stored.inventory[u"products"_s] = QJsonArray{product};
        followInventory(&stored);
    }
}

QJsonObject ListingStore::create(const QJsonObject &fields)
{
    const qint64 id = m_nextListingId;
    m_nextListingId += ListingIdStep;
    const qint64 now = m_clock.nowSecs();
    const auto readiness = m_shop.readinessState(fields[u"readiness_state_id"_s].toInteger());
    QJsonObject json{
        {u"listing_id"_s, id},
        {u"user_id"_s, m_shop.settings().userId},
        {u"shop_id"_s, m_shop.settings().shopId},
        {u"state"_s, u"draft"_s},
        {u"creation_timestamp"_s, now},
        {u"created_timestamp"_s, now},
        {u"ending_timestamp"_s, now + ListingLifetimeSecs},
        {u"original_creation_timestamp"_s, now},
        {u"last_modified_timestamp"_s, now},
        {u"updated_timestamp"_s, now},
        {u"state_timestamp"_s, now},
        {u"shop_section_id"_s, QJsonValue()},
        {u"featured_rank"_s, -1},
        {u"url"_s, u"https://www.etsy.com/listing/%1"_s.arg(id)},
        {u"num_favorers"_s, 0},
        {u"non_taxable"_s, false},
        {u"is_taxable"_s, true},
        {u"is_customizable"_s, false},
        {u"is_personalizable"_s, false},
        {u"personalization_is_required"_s, false},
        {u"personalization_char_count_max"_s, QJsonValue()},
        {u"personalization_instructions"_s, QJsonValue()},
        {u"listing_type"_s, u"physical"_s},
        {u"tags"_s, QJsonArray()},
        {u"materials"_s, QJsonArray()},
        {u"shipping_profile_id"_s, QJsonValue()},
        {u"return_policy_id"_s, QJsonValue()},
        {u"readiness_state_id"_s, QJsonValue()},
        {u"processing_min"_s, readiness ? (*readiness)[u"min_processing_time"_s] : QJsonValue()},
        {u"processing_max"_s, readiness ? (*readiness)[u"max_processing_time"_s] : QJsonValue()},
        {u"is_supply"_s, false},
        {u"item_weight"_s, QJsonValue()},
        {u"item_weight_unit"_s, QJsonValue()},
        {u"item_length"_s, QJsonValue()},
        {u"item_width"_s, QJsonValue()},
        {u"item_height"_s, QJsonValue()},
        {u"item_dimensions_unit"_s, QJsonValue()},
        {u"is_private"_s, false},
        {u"style"_s, QJsonArray()},
        {u"file_data"_s, u""_s},
        {u"has_variations"_s, false},
        {u"should_auto_renew"_s, false},
        {u"language"_s, u"en-US"_s},
        {u"views"_s, 0},
        {u"skus"_s, QJsonArray()}};
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key() != u"price"_s)
            json.insert(it.key(), it.value());
    }
    Listing listing;
    listing.json = json;
    listing.inventory = QJsonObject{
        {u"products"_s,
         QJsonArray{QJsonObject{{u"product_id"_s, m_nextProductId++},
                                {u"sku"_s, u""_s},
                                {u"property_values"_s, QJsonArray()},
                                {u"offerings"_s, QJsonArray{QJsonObject{{u"offering_id"_s, m_nextOfferingId++},
                                                                        {u"price"_s, fields[u"price"_s]},
                                                                        {u"quantity"_s, fields[u"quantity"_s]},
                                                                        {u"is_enabled"_s, true}}}}}}},
        {u"price_on_property"_s, QJsonArray()},
        {u"quantity_on_property"_s, QJsonArray()},
        {u"sku_on_property"_s, QJsonArray()}};
    followInventory(&listing);
    m_listings.insert(id, listing);
    return listing.json;
}

std::optional<QJsonObject> ListingStore::update(qint64 id, const QJsonObject &fields, QString *error)
{
    const auto found = m_listings.find(id);
    if (found == m_listings.end()) {
        *error = u"Listing not found"_s;
        return std::nullopt;
    }
    if (fields[u"state"_s].toString() == u"active"_s && found->images.isEmpty()) {
        *error = u"state: a listing needs at least one image before it can be active"_s;
        return std::nullopt;
    }
    for (auto it = fields.begin(); it != fields.end(); ++it)
        found->json.insert(it.key(), it.value());
    if (const auto readiness = m_shop.readinessState(fields[u"readiness_state_id"_s].toInteger())) {
        found->json[u"processing_min"_s] = (*readiness)[u"min_processing_time"_s];
        found->json[u"processing_max"_s] = (*readiness)[u"max_processing_time"_s];
    }
    const qint64 now = m_clock.nowSecs();
    found->json[u"updated_timestamp"_s] = now;
    found->json[u"last_modified_timestamp"_s] = now;
    if (fields.contains(u"state"_s))
        found->json[u"state_timestamp"_s] = now;
    return found->json;
}

bool ListingStore::remove(qint64 id)
{
    return m_listings.remove(id) > 0;
}

std::optional<QJsonObject> ListingStore::listing(qint64 id) const
{
    const auto found = m_listings.constFind(id);
    return found == m_listings.cend() ? std::nullopt : std::optional(found->json);
}

QList<QJsonObject> ListingStore::listings() const
{
    QList<QJsonObject> all;
    for (const Listing &listing : m_listings)
        all.append(listing.json);
    return all;
}

int ListingStore::activeCount() const
{
    return int(std::count_if(m_listings.cbegin(), m_listings.cend(),
                             [](const Listing &l) { return l.json[u"state"_s].toString() == u"active"_s; }));
}

QList<QJsonObject> ListingStore::page(const QString &state, const QString &sortOn, bool descending, int limit,
                                      int offset, int *count) const
{
    QList<QJsonObject> matching;
    for (const Listing &listing : m_listings) {
        if (listing.json[u"state"_s].toString() == state)
            matching.append(listing.json);
    }
    auto key = [&](const QJsonObject &listing) -> qint64 {
        if (sortOn == u"price"_s)
            return listing[u"price"_s][u"amount"_s].toInteger();
        if (sortOn == u"updated"_s)
            return listing[u"updated_timestamp"_s].toInteger();
        if (sortOn == u"created"_s)
            return listing[u"created_timestamp"_s].toInteger();
        return listing[u"listing_id"_s].toInteger(); // "score": no search, so a stable order
    };
    std::stable_sort(matching.begin(), matching.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const auto left = std::pair(key(a), a[u"listing_id"_s].toInteger());
        const auto right = std::pair(key(b), b[u"listing_id"_s].toInteger());
        return descending ? right < left : left < right;
    });
    *count = int(matching.size());
    return matching.mid(offset, limit);
}

QJsonObject ListingStore::inventoryJson(const Listing &listing) const
{
    QJsonArray products;
    for (const QJsonValue &value : listing.inventory[u"products"_s].toArray()) {
        QJsonObject product = value.toObject();
        QJsonObject offering = product[u"offerings"_s][0].toObject();
        offering[u"price"_s] = money(offering[u"price"_s].toInteger());
        offering[u"is_deleted"_s] = false;
        product[u"offerings"_s] = QJsonArray{offering};
        product[u"is_deleted"_s] = false;
        products.append(product);
    }
    QJsonObject json = listing.inventory;
    json[u"products"_s] = products;
    return json;
}

QJsonObject ListingStore::inventory(qint64 id) const
{
    const auto found = m_listings.constFind(id);
    return found == m_listings.cend() ? QJsonObject() : inventoryJson(*found);
}

QJsonObject ListingStore::replaceInventory(qint64 id, const QJsonObject &validated)
{
    const auto found = m_listings.find(id);
    if (found == m_listings.end())
        return {};
    QJsonArray products;
    for (const QJsonValue &value : validated[u"products"_s].toArray()) {
        QJsonObject product = value.toObject();
        QJsonObject offering = product[u"offerings"_s][0].toObject();
        offering.insert(u"offering_id"_s, m_nextOfferingId++);
        product.insert(u"product_id"_s, m_nextProductId++);
        product[u"offerings"_s] = QJsonArray{offering};
        products.append(product);
    }
    found->inventory = validated;
    found->inventory[u"products"_s] = products; // the whole inventory: products left out are gone
    followInventory(&*found);
    found->json[u"updated_timestamp"_s] = m_clock.nowSecs();
    found->json[u"last_modified_timestamp"_s] = m_clock.nowSecs();
    return inventoryJson(*found);
}

void ListingStore::followInventory(Listing *listing)
{
    int quantity = 0;
    qint64 lowest = -1;
    QJsonArray skus;
    bool variations = false;
    for (const QJsonValue &value : listing->inventory[u"products"_s].toArray()) {
        const QJsonObject offering = value[u"offerings"_s][0].toObject();
        if (offering[u"is_enabled"_s].toBool()) {
            quantity += offering[u"quantity"_s].toInt();
            const qint64 price = offering[u"price"_s].toInteger();
            lowest = lowest < 0 ? price : std::min(lowest, price);
        }
        if (const QString sku = value[u"sku"_s].toString(); !sku.isEmpty() && !skus.contains(sku))
            skus.append(sku);
        variations = variations || !value[u"property_values"_s].toArray().isEmpty();
    }
    listing->json[u"quantity"_s] = quantity;
    if (lowest >= 0)
        listing->json[u"price"_s] = money(lowest);
    listing->json[u"skus"_s] = skus;
    listing->json[u"has_variations"_s] = variations;
    if (quantity == 0 && listing->json[u"state"_s].toString() == u"active"_s)
        listing->json[u"state"_s] = u"sold_out"_s;
}

QList<EtsyImage> ListingStore::images(qint64 id) const
{
    return m_listings.value(id).images;
}

QJsonObject ListingStore::addImage(qint64 listingId, const ImageUpload &upload, QString *error)
{
    const auto found = m_listings.find(listingId);
    if (found == m_listings.end()) {
        *error = u"Listing not found"_s;
        return {};
    }
    QList<EtsyImage> &images = found->images;
    const int rank = upload.rank < 1 ? int(images.size()) + 1 : std::min(upload.rank, int(images.size()) + 1);
    const bool replacing = upload.overwrite && rank <= images.size();
    if (!replacing && images.size() >= 10) {
        *error = u"A listing may have at most 10 images"_s;
        return {};
    }
    const qint64 imageId = m_nextImageId;
    m_nextImageId += ImageIdStep;
    const QByteArray sha = QCryptographicHash::hash(upload.bytes, QCryptographicHash::Sha256).toHex();
    const QString base = u"https://i.etsystatic.com/%1/r/il/%2/%3/il_"_s.arg(m_shop.settings().shopId)
                             .arg(QString::fromLatin1(sha.left(6)))
                             .arg(imageId);
    const QString file = u".%1_%2.jpg"_s.arg(imageId).arg(QString::fromLatin1(sha.left(4)));
    EtsyImage image;
    image.sha256 = sha;
    image.bytes = upload.bytes.size();
    image.json = {{u"listing_id"_s, listingId},
                  {u"listing_image_id"_s, imageId},
                  {u"hex_code"_s, QString::fromLatin1(sha.left(6)).toUpper()},
                  {u"red"_s, QJsonValue()},
                  {u"green"_s, QJsonValue()},
                  {u"blue"_s, QJsonValue()},
                  {u"hue"_s, QJsonValue()},
                  {u"saturation"_s, QJsonValue()},
                  {u"brightness"_s, QJsonValue()},
                  {u"is_black_and_white"_s, false},
                  {u"creation_tsz"_s, m_clock.nowSecs()},
                  {u"created_timestamp"_s, m_clock.nowSecs()},
                  {u"rank"_s, rank},
                  {u"url_75x75"_s, base + u"75x75"_s + file},
                  {u"url_170x135"_s, base + u"170x135"_s + file},
                  {u"url_570xN"_s, base + u"570xN"_s + file},
                  {u"url_fullxfull"_s, base + u"fullxfull"_s + file},
                  {u"full_height"_s, upload.info.height},
                  {u"full_width"_s, upload.info.width},
                  {u"alt_text"_s, upload.altText}};
    if (replacing)
        images[rank - 1] = image;
    else
        images.insert(rank - 1, image);
    rerank(&*found);
    return images.at(rank - 1).json;
}

bool ListingStore::removeImage(qint64 listingId, qint64 imageId)
{
    const auto found = m_listings.find(listingId);
    if (found == m_listings.end())
        return false;
    const qsizetype removed = found->images.removeIf(
        [&](const EtsyImage &image) { return image.json[u"listing_image_id"_s].toInteger() == imageId; });
    rerank(&*found);
    return removed > 0;
}

void ListingStore::rerank(Listing *listing)
{
    for (int i = 0; i < listing->images.size(); ++i)
        listing->images[i].json[u"rank"_s] = i + 1;
}

} // namespace storeloom::sandbox::etsy
