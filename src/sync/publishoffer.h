#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace storeloom {

// Why a product is not offered to a channel unless the merchant includes it:
// a draft (or any status other than active and archived), archived, or gone
// from the store it was imported from (flagged by an import, never deleted).
enum class NotOfferedReason { Draft, Archived, Gone };

// "draft", "archived", "gone": the words of --include and of the plan's JSON.
QString nameOf(NotOfferedReason reason);
// "gone from the store"
QString labelOf(NotOfferedReason reason);

// What a publish offers besides active products. Active products are always
// offered; the others only when the merchant asks for them by reason.
struct OfferIncludes
{
    bool draft = false;
    bool archived = false;
    bool gone = false;

    bool includes(NotOfferedReason reason) const;
    void set(NotOfferedReason reason, bool included);
    // "draft,archived,gone" (any of them, in any order; "all" is the three).
    // nullopt for an unknown word.
    static std::optional<OfferIncludes> parse(const QString &text);
    static OfferIncludes all() { return {true, true, true}; }

    friend bool operator==(const OfferIncludes &, const OfferIncludes &) = default;
};

// A product left out of a publish, and why.
struct NotOfferedProduct
{
    qint64 productId = 0;
    QString title;
    NotOfferedReason reason = NotOfferedReason::Draft;

    friend bool operator==(const NotOfferedProduct &, const NotOfferedProduct &) = default;
};

// Splits the products a merchant chose into those offered to a channel and
// those left out. Publishing a draft, an archived product or one the store
// no longer sells would put on sale what the merchant took off sale.
class ProductOffer
{
public:
    explicit ProductOffer(QSqlDatabase db) : m_db(std::move(db)) {}

    struct Split
    {
        QList<qint64> offered; // in the order given
        QList<NotOfferedProduct> notOffered;
    };

    // Ids the workspace does not have are in neither list.
    Split split(const QList<qint64> &productIds, const OfferIncludes &includes) const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
