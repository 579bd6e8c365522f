#include "etsylisting.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTextDocumentFragment>

namespace storeloom::etsy {

namespace {

std::optional<qint64> idSetting(const QJsonObject &settings, const QString &key)
{
    const QJsonValue value = settings.value(key);
    const qint64 id = value.isString() ? value.toString().toLongLong() : value.toInteger();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

QString digest(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
}

// A variant without a SKU still needs one: it is how a listing whose
// creation was not recorded is found again.
QString skuOf(const PublishableProduct &product, const Variant &variant)
{
    if (!variant.sku.isEmpty())
        return variant.sku;
    return QStringLiteral("SL-%1-%2").arg(product.product.id).arg(variant.id);
}

QJsonObject offering(const Variant &variant, qint64 available)
{
    return {{QStringLiteral("price"), decimalPrice(variant.price).toDouble()},
            {QStringLiteral("quantity"), std::clamp<qint64>(available, 0, kMaxQuantity)},
            {QStringLiteral("is_enabled"), true}};
}

QJsonObject inventoryOf(const PublishableProduct &source, QStringList &skus)
{
    const Product &product = source.product;
    // One variant is no variation (Shopify's "Title" = "Default Title"): a
    // single offering without property values, so has_variations stays false.
    const int properties = product.variants.size() > 1
                               ? int(std::min<qsizetype>(product.optionNames.size(), 2))
                               : 0;
    const qint64 propertyIds[] = {kFirstCustomProperty, kSecondCustomProperty};
    QJsonArray products;
    QSet<qint64> prices;
    for (const Variant &variant : product.variants) {
        QJsonArray values;
        for (int p = 0; p < properties && p < variant.optionValues.size(); ++p) {
            values.append(QJsonObject{
                {QStringLiteral("property_id"), propertyIds[p]},
                {QStringLiteral("property_name"), product.optionNames.at(p)},
                {QStringLiteral("value_ids"), QJsonArray()}, // custom values have no Etsy ids
                {QStringLiteral("values"), QJsonArray{variant.optionValues.at(p)}}});
        }
        const QString sku = skuOf(source, variant);
        skus.append(sku);
        prices.insert(variant.price.minorUnits);
        products.append(QJsonObject{
            {QStringLiteral("sku"), sku},
            {QStringLiteral("property_values"), values},
            {QStringLiteral("offerings"),
             QJsonArray{offering(variant, source.availableByVariant.value(variant.id))}}});
    }
    QJsonArray onProperty;
    for (int p = 0; p < properties; ++p)
        onProperty.append(propertyIds[p]);
    return {{QStringLiteral("products"), products},
            {QStringLiteral("price_on_property"), prices.size() > 1 ? onProperty : QJsonArray()},
            {QStringLiteral("quantity_on_property"), onProperty},
            {QStringLiteral("sku_on_property"), onProperty}};
}

QStringList tagsFrom(const QJsonValue &override, const QStringList &fallback)
{
    if (!override.isString())
        return fallback;
    QStringList tags;
    for (const QString &tag : override.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            tags.append(tag.trimmed());
    }
    return tags;
}

// Etsy drops blank tags from the form: they are not sent, and not counted.
QStringList normalizedTags(const QStringList &tags)
{
    QStringList normalized;
    for (const QString &tag : tags) {
        if (!tag.trimmed().isEmpty())
            normalized.append(etsyText(tag.trimmed()));
    }
    return normalized;
}

} // namespace

QString decimalPrice(const Money &money)
{
    const int digits = fractionDigits(money.currency);
    if (digits == 0)
        return QString::number(money.minorUnits);
    const qint64 whole = money.minorUnits / 100;
    const qint64 cents = std::abs(money.minorUnits % 100);
    return QStringLiteral("%1.%2").arg(whole).arg(cents, 2, 10, QLatin1Char('0'));
}

QString plainText(const QString &html)
{
    if (!html.contains(QLatin1Char('<')) && !html.contains(QLatin1Char('&')))
        return html.trimmed();
    QString text = html;
    static const QRegularExpression breaks(
        QStringLiteral("<\\s*(br|/p|/div|/li|/h[1-6])\\s*/?>"),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(breaks, QStringLiteral("\n"));
    QStringList lines = QTextDocumentFragment::fromHtml(text).toPlainText().split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = line.trimmed();
    return lines.join(QLatin1Char('\n')).trimmed();
}

EtsyListing EtsyListing::from(const PublishableProduct &source, const QJsonObject &settings)
{
    const Product &product = source.product;
    EtsyListing listing;
    ListingDraft &draft = listing.draft;
    // Checked and sent in NFC: Etsy reads a decomposed accent as a mark.
    draft.title = etsyText(settings.value(QStringLiteral("title")).toString(product.title).trimmed());
    draft.description =
        settings.value(QStringLiteral("description")).toString(plainText(product.description));
    draft.tags = normalizedTags(tagsFrom(settings.value(QStringLiteral("tags")), product.tags));
    for (const Variant &variant : product.variants) {
        if (draft.price.currency.isEmpty() || variant.price.minorUnits < draft.price.minorUnits)
            draft.price = variant.price;
        if (draft.highestPrice.currency.isEmpty() ||
            variant.price.minorUnits > draft.highestPrice.minorUnits)
            draft.highestPrice = variant.price;
    }
    draft.quantity = source.totalAvailable();
    draft.imageCount = int(source.images.size());
    draft.variationProperties = product.optionNames.size() > 0 && product.variants.size() > 1
                                    ? product.optionNames
                                    : QStringList();
    draft.variationCount = draft.variationProperties.isEmpty() ? 0 : int(product.variants.size());
    if (!draft.variationProperties.isEmpty()) {
        for (const Variant &variant : product.variants)
            draft.variationValues.append(variant.optionValues);
    }
    draft.whoMade = settings.value(QStringLiteral("who_made")).toString();
    draft.whenMade = settings.value(QStringLiteral("when_made")).toString();
    draft.taxonomyId = idSetting(settings, QStringLiteral("taxonomy_id"));
    draft.shippingProfileId = idSetting(settings, QStringLiteral("shipping_profile_id"));
    draft.readinessStateId = idSetting(settings, QStringLiteral("readiness_state_id"));

    listing.inventory = inventoryOf(source, listing.skus);
    draft.skus = listing.skus;
    listing.images = source.images.mid(0, kMaxImages);
    QByteArray images;
    for (const ProductImage &image : listing.images)
        images += image.url.toUtf8() + '\n' + image.altText.toUtf8() + '\n';
    listing.imagesDigest = digest(images);

    QByteArray all;
    all += listing.createForm().encoded() + '\n';
    all += QJsonDocument(listing.inventory).toJson(QJsonDocument::Compact) + '\n';
    all += listing.imagesDigest.toLatin1();
    listing.hash = digest(all);
    return listing;
}

namespace {

void addListingFields(ListingForm &form, const ListingDraft &draft)
{
    form.add(QStringLiteral("title"), draft.title)
        .add(QStringLiteral("description"), draft.description)
        .add(QStringLiteral("who_made"), draft.whoMade)
        .add(QStringLiteral("when_made"), draft.whenMade);
    if (draft.taxonomyId)
        form.add(QStringLiteral("taxonomy_id"), *draft.taxonomyId);
    if (draft.shippingProfileId)
        form.add(QStringLiteral("shipping_profile_id"), *draft.shippingProfileId);
    // Not in Etsy's 2024 OpenAPI file: physical listings need it since 2025.
    if (draft.readinessStateId)
        form.add(QStringLiteral("readiness_state_id"), *draft.readinessStateId);
    form.addAll(QStringLiteral("tags"), draft.tags);
}

} // namespace

ListingForm EtsyListing::updateForm() const
{
    // Price and quantity live in the inventory once the listing exists.
    ListingForm form;
    addListingFields(form, draft);
    return form;
}

ListingForm EtsyListing::createForm() const
{
    ListingForm form;
    form.add(QStringLiteral("quantity"), std::clamp<qint64>(draft.quantity, 1, kMaxQuantity))
        .add(QStringLiteral("price"), decimalPrice(draft.price));
    addListingFields(form, draft);
    return form;
}

int EtsyListing::callsToCreate() const
{
    return 2 + int(images.size()); // create, inventory, one upload per image
}

int EtsyListing::callsToUpdate() const
{
    // update, inventory; images again only when they changed, which the plan
    // cannot see from here: count them, so the budget is never underestimated.
    return 2 + int(images.size());
}

} // namespace storeloom::etsy
