#pragma once

#include <QJsonObject>

namespace storeloom::sandbox::etsy {

// Checks an updateListingInventory body the way Etsy does: at least one
// product, one offering each, at most two variation properties with at
// most 70 values, the same properties on every product, no duplicate
// combinations, quantity 0–999, price > 0, sku ≤ 32, and consistent
// *_on_property lists. Returns the inventory without ids (prices in cents).
class InventoryValidator
{
public:
    // Empty with *error set on a refusal. A draft may have nothing for sale.
    static QJsonObject validate(const QJsonObject &body, bool draft, QString *error);

private:
    static QJsonObject product(const QJsonValue &value, int index, QString *error);
    static QString onPropertyError(const QJsonArray &products, const QJsonObject &body, const QString &list,
                                   const QString &field);
};

} // namespace storeloom::sandbox::etsy
