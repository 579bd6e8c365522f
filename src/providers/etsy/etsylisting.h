#pragma once

#include "listingform.h"
#include "listingvalidation.h"
#include "publishableproduct.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace storeloom::etsy {

// A catalog product as an Etsy listing: what createDraftListing /
// updateListing send, the whole inventory updateListingInventory sends (one
// product per variant, variations on Etsy's custom properties), and the
// images to upload. Built from the product and the channel settings (keys
// who_made, when_made, taxonomy_id, shipping_profile_id, readiness_state_id;
// a product's overrides may also set title, description and tags).
struct EtsyListing
{
    ListingDraft draft;        // what the channel rules are checked against
    QJsonObject inventory;     // the whole inventory, never a part of it
    QList<ProductImage> images; // in rank order
    QStringList skus;          // every offering's SKU: how a lost listing is found again
    QString imagesDigest;
    QString hash; // digest of everything the listing is written from

    ListingForm createForm() const;
    ListingForm updateForm() const;
    int callsToCreate() const;
    int callsToUpdate() const;

    static EtsyListing from(const PublishableProduct &product, const QJsonObject &settings);
};

// Etsy's custom variation properties: the first and second option of a product.
constexpr qint64 kFirstCustomProperty = 513;
constexpr qint64 kSecondCustomProperty = 514;

// "12.50" for 1250 minor units of a two-decimal currency.
QString decimalPrice(const Money &money);
// The text of an HTML description (Etsy descriptions are plain text).
QString plainText(const QString &html);

} // namespace storeloom::etsy
