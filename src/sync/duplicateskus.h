#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace storeloom {

// A SKU that more than one variant in the workspace carries, and the
// products those variants belong to (a product once, even when two of its
// own variants share it).
struct DuplicateSku
{
    struct Holder
    {
        qint64 productId = 0;
        QString title;
        friend bool operator==(const Holder &, const Holder &) = default;
    };

    QString sku;
    QList<Holder> products; // by id

    friend bool operator==(const DuplicateSku &, const DuplicateSku &) = default;
};

// Finds SKUs shared by several variants — within one store's catalog or
// across products in the workspace. Stock is linked across channels by SKU,
// so a shared one would move the stock of the wrong product.
class DuplicateSkus
{
public:
    explicit DuplicateSkus(QSqlDatabase db) : m_db(std::move(db)) {}

    // Per product among `productIds` that has any, the duplicates it carries.
    QHash<qint64, QList<DuplicateSku>> of(const QList<qint64> &productIds) const;

    // A condition on products aliased `p`: the product carries a duplicate SKU.
    static QString sqlCondition();

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
