#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

namespace storeloom::etsy {

// The fields of a createDraftListing / updateListing body, in order, sent as
// application/x-www-form-urlencoded. Every key and value is percent-encoded
// on its own (QUrlQuery leaves '+' and friends ambiguous), so a title such as
// "Salt & Pepper + Co" arrives as written. Array fields are repeated keys:
// tags=a&tags=b.
class ListingForm
{
public:
    using Field = std::pair<QString, QString>;

    ListingForm &add(const QString &key, const QString &value);
    ListingForm &add(const QString &key, qint64 value);
    ListingForm &addFlag(const QString &key, bool value); // "true" / "false"
    ListingForm &addAll(const QString &key, const QStringList &values);

    const QList<Field> &fields() const { return m_fields; }
    bool isEmpty() const { return m_fields.isEmpty(); }
    QByteArray encoded() const;

private:
    QList<Field> m_fields;
};

} // namespace storeloom::etsy
