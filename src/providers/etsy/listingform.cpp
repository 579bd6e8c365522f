#include "listingform.h"

#include <QUrl>

namespace storeloom::etsy {

ListingForm &ListingForm::add(const QString &key, const QString &value)
{
    m_fields.append({key, value});
    return *this;
}

ListingForm &ListingForm::add(const QString &key, qint64 value)
{
    return add(key, QString::number(value));
}

ListingForm &ListingForm::addFlag(const QString &key, bool value)
{
    return add(key, value ? QStringLiteral("true") : QStringLiteral("false"));
}

ListingForm &ListingForm::addAll(const QString &key, const QStringList &values)
{
    for (const QString &value : values)
        add(key, value);
    return *this;
}

QByteArray ListingForm::encoded() const
{
    QByteArray body;
    for (const Field &field : m_fields) {
        if (!body.isEmpty())
            body += '&';
        // Only unreserved characters stay as they are; a space becomes %20,
        // which every form decoder reads as a space (a literal '+' is %2B).
        body += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return body;
}

} // namespace storeloom::etsy
