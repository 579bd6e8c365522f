#pragma once

#include "formdata.h"

#include <QJsonObject>

namespace storeloom::sandbox::etsy {

class EtsyShop;

// Checks createDraftListing / updateListing form fields the way Etsy does
// (required fields, enums, title and tag rules, shop-owned ids) and turns
// them into ShopListing fields.
class ListingValidator
{
public:
    explicit ListingValidator(const EtsyShop &shop) : m_shop(shop) {}

    // The ShopListing fields the form sets; on a refusal, empty and *error
    // says why, naming the field. `price` comes back as a Money object.
    QJsonObject validate(const FormFields &form, bool creating, QString *error) const;

    static QString titleError(const QString &title);
    static QString tagsError(const QStringList &tags);

private:
    bool takeInteger(const FormFields &form, const QString &key, qint64 min, qint64 max, QJsonObject *out,
                     QString *error) const;
    bool takeEnum(const FormFields &form, const QString &key, const QStringList &allowed, QJsonObject *out,
                  QString *error) const;

    const EtsyShop &m_shop;
};

} // namespace storeloom::sandbox::etsy
