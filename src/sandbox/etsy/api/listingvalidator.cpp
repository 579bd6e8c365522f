#include "listingvalidator.h"

#include "etsy/store/etsyshop.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

constexpr double MaxPrice = 50000.0;

const QStringList &whenMadeValues()
{
    // The 2024 spec's eras plus the ones Etsy moved to in 2025.
    static const QStringList values{
        u"made_to_order"_s, u"2020_2025"_s, u"2020_2024"_s, u"2010_2019"_s, u"2006_2009"_s, u"2005_2009"_s,
        u"before_2006"_s,   u"before_2005"_s, u"2000_2004"_s, u"1990s"_s,     u"1980s"_s,     u"1970s"_s,
        u"1960s"_s,         u"1950s"_s,       u"1940s"_s,     u"1930s"_s,     u"1920s"_s,     u"1910s"_s,
        u"1900s"_s,         u"1800s"_s,       u"1700s"_s,     u"before_1700"_s};
    return values;
}

// Etsy's booleans arrive as "true"/"false" (or 1/0).
bool parseBool(const QString &text, bool *ok)
{
    const QString lower = text.toLower();
    *ok = lower == u"true"_s || lower == u"false"_s || lower == u"1"_s || lower == u"0"_s;
    return lower == u"true"_s || lower == u"1"_s;
}

QString invalidCharacters(const QString &text, const QRegularExpression &allowedComplement)
{
    QString found;
    for (auto it = allowedComplement.globalMatch(text); it.hasNext();) {
        const QString character = it.next().captured();
        if (!found.contains(character))
            found += character;
    }
    return found;
}

// Etsy counts characters, not UTF-16 units: "𝐀" is one.
qsizetype characters(const QString &text)
{
    return text.toUcs4().size();
}

} // namespace

QString ListingValidator::titleError(const QString &title)
{
    static const QRegularExpression invalid(u"[^\\p{L}\\p{Nd}\\p{P}\\p{Sm}\\p{Zs}™©®]"_s);
    if (title.trimmed().isEmpty())
        return u"title cannot be empty"_s;
    if (characters(title) > 140)
        return u"title must be 140 characters or fewer (got %1)"_s.arg(characters(title));
    if (const QString bad = invalidCharacters(title, invalid); !bad.isEmpty())
        return u"title contains characters that are not allowed: %1"_s.arg(bad);
    for (const QChar once : {u'%', u':', u'&', u'+'}) {
        if (title.count(once) > 1)
            return u"title may use the characters %, :, & and + only once each"_s;
    }
    return {};
}

QString ListingValidator::tagsError(const QStringList &tags)
{
    static const QRegularExpression invalid(u"[^\\p{L}\\p{Nd}\\p{Zs}\\-'™©®]"_s);
    if (tags.size() > 13)
        return u"tags: a listing may have at most 13 tags (got %1)"_s.arg(tags.size());
    QSet<QString> seen;
    for (const QString &tag : tags) {
        if (characters(tag) > 20)
            return u"tags: \"%1\" is longer than 20 characters"_s.arg(tag);
        if (const QString bad = invalidCharacters(tag, invalid); !bad.isEmpty())
            return u"tags: \"%1\" contains characters that are not allowed: %2"_s.arg(tag, bad);
        if (seen.contains(tag.toLower()))
            return u"tags: \"%1\" is a duplicate tag"_s.arg(tag);
        seen.insert(tag.toLower());
    }
    return {};
}

bool ListingValidator::takeInteger(const FormFields &form, const QString &key, qint64 min, qint64 max,
                                   QJsonObject *out, QString *error) const
{
    if (!form.has(key))
        return true;
    bool ok = false;
    const qint64 value = form.value(key).toLongLong(&ok);
    if (!ok)
        *error = u"%1 must be an integer"_s.arg(key);
    else if (value < min || value > max)
        *error = u"%1 must be between %2 and %3"_s.arg(key).arg(min).arg(max);
    else
        out->insert(key, value);
    return error->isEmpty();
}

bool ListingValidator::takeEnum(const FormFields &form, const QString &key, const QStringList &allowed,
                                QJsonObject *out, QString *error) const
{
    if (!form.has(key))
        return true;
    const QString value = form.value(key);
    if (!allowed.contains(value))
        *error = u"%1 must be one of: %2"_s.arg(key, allowed.join(u", "_s));
    else
        out->insert(key, value);
    return error->isEmpty();
}

QJsonObject ListingValidator::validate(const FormFields &form, bool creating, QString *error) const
{
    error->clear();
    if (creating) {
        for (const QString &required :
             {u"quantity"_s, u"title"_s, u"description"_s, u"price"_s, u"who_made"_s, u"when_made"_s,
              u"taxonomy_id"_s}) {
            if (!form.has(required)) {
                *error = u"Missing required parameter: %1"_s.arg(required);
                return {};
            }
        }
    }
    QJsonObject fields;
    const bool scalarsOk =
        takeInteger(form, u"taxonomy_id"_s, 1, std::numeric_limits<qint64>::max(), &fields, error) &&
        takeInteger(form, u"shipping_profile_id"_s, 1, std::numeric_limits<qint64>::max(), &fields, error) &&
        takeInteger(form, u"readiness_state_id"_s, 1, std::numeric_limits<qint64>::max(), &fields, error) &&
        takeInteger(form, u"return_policy_id"_s, 1, std::numeric_limits<qint64>::max(), &fields, error) &&
        takeInteger(form, u"shop_section_id"_s, 1, std::numeric_limits<qint64>::max(), &fields, error) &&
        takeEnum(form, u"who_made"_s, {u"i_did"_s, u"someone_else"_s, u"collective"_s}, &fields, error) &&
        takeEnum(form, u"when_made"_s, whenMadeValues(), &fields, error) &&
        takeEnum(form, u"type"_s, {u"physical"_s, u"download"_s, u"both"_s}, &fields, error) &&
        (creating ? takeInteger(form, u"quantity"_s, 1, 999, &fields, error)
                  : takeEnum(form, u"state"_s, {u"active"_s, u"inactive"_s}, &fields, error));
    if (!scalarsOk)
        return {};
    if (fields.contains(u"type"_s))
        fields.insert(u"listing_type"_s, fields.take(u"type"_s));
    if (form.has(u"title"_s)) {
        if (*error = titleError(form.value(u"title"_s)); !error->isEmpty())
            return {};
        fields.insert(u"title"_s, form.value(u"title"_s));
    }
    if (form.has(u"description"_s)) {
        if (form.value(u"description"_s).trimmed().isEmpty()) {
            *error = u"description cannot be empty"_s;
            return {};
        }
        fields.insert(u"description"_s, form.value(u"description"_s));
    }
    if (creating) {
        bool ok = false;
        const double price = form.value(u"price"_s).toDouble(&ok);
        if (!ok || !std::isfinite(price) || price <= 0 || price > MaxPrice) {
            *error = u"price must be a number greater than 0 and at most 50000.00"_s;
            return {};
        }
        fields.insert(u"price"_s, std::llround(price * 100));
    }
    if (form.has(u"tags"_s)) {
        const QStringList tags = form.list(u"tags"_s);
        if (*error = tagsError(tags); !error->isEmpty())
            return {};
        fields.insert(u"tags"_s, QJsonArray::fromStringList(tags));
    }
    if (form.has(u"materials"_s)) {
        static const QRegularExpression invalid(u"[^\\p{L}\\p{Nd}\\p{Zs}]"_s);
        const QStringList materials = form.list(u"materials"_s);
        for (const QString &material : materials) {
            if (!invalidCharacters(material, invalid).isEmpty()) {
                *error = u"materials: \"%1\" may contain only letters, numbers and spaces"_s.arg(material);
                return {};
            }
        }
        fields.insert(u"materials"_s, QJsonArray::fromStringList(materials));
    }
    for (const QString &flag : {u"is_supply"_s, u"is_taxable"_s, u"should_auto_renew"_s, u"is_customizable"_s,
                                u"is_personalizable"_s}) {
        if (!form.has(flag))
            continue;
        bool ok = false;
        fields.insert(flag, parseBool(form.value(flag), &ok));
        if (!ok) {
            *error = u"%1 must be true or false"_s.arg(flag);
            return {};
        }
    }
    if (fields.contains(u"taxonomy_id"_s) && !m_shop.hasTaxonomyNode(fields[u"taxonomy_id"_s].toInteger())) {
        *error = u"taxonomy_id %1 is not a valid seller taxonomy id"_s.arg(fields[u"taxonomy_id"_s].toInteger());
        return {};
    }
    if (fields.contains(u"shipping_profile_id"_s) &&
        !m_shop.hasShippingProfile(fields[u"shipping_profile_id"_s].toInteger())) {
        *error = u"shipping_profile_id %1 does not belong to this shop"_s.arg(
            fields[u"shipping_profile_id"_s].toInteger());
        return {};
    }
    if (fields.contains(u"readiness_state_id"_s) &&
        !m_shop.readinessState(fields[u"readiness_state_id"_s].toInteger())) {
        *error = u"readiness_state_id %1 does not exist"_s.arg(fields[u"readiness_state_id"_s].toInteger());
        return {};
    }
    const bool physical = fields.value(u"listing_type"_s).toString(u"physical"_s) == u"physical"_s;
    if (creating && physical) {
        for (const QString &required : {u"shipping_profile_id"_s, u"readiness_state_id"_s}) {
            if (!fields.contains(required)) {
                *error = u"%1 is required for a physical listing"_s.arg(required);
                return {};
            }
        }
    }
    return fields;
}

} // namespace storeloom::sandbox::etsy
