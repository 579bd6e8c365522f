#include "publishoffer.h"

#include "sql.h"

#include <QHash>
#include <QStringList>

namespace storeloom {

namespace {

constexpr qsizetype kIdsPerStatement = 500;

struct ProductStatus
{
    QString title;
    QString status;
    bool gone = false;
};

} // namespace

QString nameOf(NotOfferedReason reason)
{
    switch (reason) {
    case NotOfferedReason::Draft:
        return QStringLiteral("draft");
    case NotOfferedReason::Archived:
        return QStringLiteral("archived");
    case NotOfferedReason::Gone:
        return QStringLiteral("gone");
    }
    return {};
}

QString labelOf(NotOfferedReason reason)
{
    return reason == NotOfferedReason::Gone ? QStringLiteral("gone from the store")
                                            : nameOf(reason);
}

bool OfferIncludes::includes(NotOfferedReason reason) const
{
    switch (reason) {
    case NotOfferedReason::Draft:
        return draft;
    case NotOfferedReason::Archived:
        return archived;
    case NotOfferedReason::Gone:
        return gone;
    }
    return false;
}

void OfferIncludes::set(NotOfferedReason reason, bool included)
{
    switch (reason) {
    case NotOfferedReason::Draft:
        draft = included;
        break;
    case NotOfferedReason::Archived:
        archived = included;
        break;
    case NotOfferedReason::Gone:
        gone = included;
        break;
    }
}

std::optional<OfferIncludes> OfferIncludes::parse(const QString &text)
{
    OfferIncludes includes;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString word = part.trimmed().toLower();
        if (word == QLatin1String("all"))
            includes = all();
        else if (word == QLatin1String("draft") || word == QLatin1String("drafts"))
            includes.draft = true;
        else if (word == QLatin1String("archived"))
            includes.archived = true;
        else if (word == QLatin1String("gone"))
            includes.gone = true;
        else
            return std::nullopt;
    }
    return includes;
}

ProductOffer::Split ProductOffer::split(const QList<qint64> &productIds,
                                        const OfferIncludes &includes) const
{
    QHash<qint64, ProductStatus> statuses;
    statuses.reserve(productIds.size());
    for (qsizetype at = 0; at < productIds.size(); at += kIdsPerStatement) {
        QStringList ids;
        for (qint64 id : productIds.mid(at, kIdsPerStatement))
            ids.append(QString::number(id)); // our own integers: safe to inline
        QSqlQuery query = sql::prepare(
            m_db, QStringLiteral("SELECT id, title, status, source_deleted_at IS NOT NULL "
                                 "FROM products WHERE id IN (%1)")
                      .arg(ids.join(QLatin1Char(','))));
        query.setForwardOnly(true);
        sql::exec(query);
        while (query.next())
            statuses.insert(query.value(0).toLongLong(),
                            {query.value(1).toString(), query.value(2).toString().toLower(),
                             query.value(3).toBool()});
    }

    Split split;
    for (qint64 id : productIds) {
        const auto it = statuses.constFind(id);
        if (it == statuses.cend())
            continue;
        // Gone first: a product the store no longer has is gone whatever its status was.
        std::optional<NotOfferedReason> reason;
        if (it->gone)
            reason = NotOfferedReason::Gone;
        else if (it->status == QLatin1String("archived"))
            reason = NotOfferedReason::Archived;
        else if (it->status != QLatin1String("active"))
            reason = NotOfferedReason::Draft;
        if (!reason || includes.includes(*reason))
            split.offered.append(id);
        else
            split.notOffered.append({id, it->title, *reason});
    }
    return split;
}

} // namespace storeloom
