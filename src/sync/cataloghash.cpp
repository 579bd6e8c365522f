#include "cataloghash.h"

#include <QCryptographicHash>
#include <QStringEncoder>
#include <QtEndian>
#include <algorithm>
#include <cstring>

namespace storeloom {

namespace {

// Serializes values unambiguously (lengths before contents, integers
// little-endian, text as UTF-8) into a reused buffer, then digests it in one
// call: cheaper than feeding QCryptographicHash piece by piece.
class HashWriter
{
public:
    HashWriter(QByteArray &buffer, const char *tag) : m_buffer(buffer)
    {
        append(tag, qsizetype(qstrlen(tag)));
    }

    void add(qint64 value)
    {
        const qint64 little = qToLittleEndian(value);
        append(reinterpret_cast<const char *>(&little), sizeof little);
    }
    void add(const QString &text)
    {
        // Room for the length and the worst case of UTF-8 (3 bytes a unit).
        reserve(8 + m_encoder.requiredSpace(text.size()));
        char *const lengthAt = m_buffer.data() + m_size;
        char *const start = lengthAt + 8;
        char *const end = m_encoder.appendToBuffer(start, text);
        const qint64 length = qToLittleEndian(qint64(end - start));
        memcpy(lengthAt, &length, sizeof length);
        m_size = end - m_buffer.constData();
    }
    void add(const std::optional<qint64> &value)
    {
        add(qint64(value.has_value()));
        if (value)
            add(*value);
    }
    void add(const QStringList &list)
    {
        add(qint64(list.size()));
        for (const QString &text : list)
            add(text);
    }

    QString digest() const
    {
        const QByteArrayView bytes(m_buffer.constData(), m_size);
        return QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
    }

private:
    void reserve(qsizetype more)
    {
        if (m_buffer.size() < m_size + more)
            m_buffer.resize(std::max(m_buffer.size() * 2, m_size + more));
    }
    void append(const char *data, qsizetype length)
    {
        reserve(length);
        memcpy(m_buffer.data() + m_size, data, size_t(length));
        m_size += length;
    }

    QByteArray &m_buffer; // only grows; m_size bytes of it are this digest's
    qsizetype m_size = 0;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringConverter::Flag::Stateless};
};

// Visits `list` sorted by `key` without copying when it is sorted already
// (the usual case).
template<typename T, typename Key, typename Visit>
void forEachSorted(const QList<T> &list, Key key, Visit visit)
{
    const auto less = [&](const T &a, const T &b) { return key(a) < key(b); };
    if (std::is_sorted(list.begin(), list.end(), less)) {
        for (const T &item : list)
            visit(item);
        return;
    }
    QList<T> sorted = list;
    std::stable_sort(sorted.begin(), sorted.end(), less);
    for (const T &item : std::as_const(sorted))
        visit(item);
}

// The stored form of a product: Product and ImportedProduct share these
// field names, so one template hashes both identically.
template<typename P> void addContent(HashWriter &out, const P &product)
{
    out.add(product.title);
    out.add(product.description);
    out.add(product.vendor);
    out.add(product.productType);
    out.add(product.status);
    out.add(product.tags.join(QLatin1Char(','))); // tags are stored joined
    out.add(product.optionNames);
    out.add(qint64(product.variants.size()));
    for (const auto &variant : product.variants) {
        out.add(variant.title);
        out.add(variant.sku);
        out.add(variant.barcode);
        out.add(variant.price.minorUnits);
        out.add(variant.price.currency);
        out.add(variant.compareAtMinorUnits);
        out.add(variant.weightGrams);
        // Only values that have an option are stored.
        const qsizetype values = std::min(variant.optionValues.size(), product.optionNames.size());
        out.add(qint64(values));
        for (qsizetype i = 0; i < values; ++i)
            out.add(variant.optionValues.at(i));
    }
}

} // namespace

QString CatalogHasher::source(const ImportedProduct &product)
{
    HashWriter out(m_buffer, "source/1");
    out.add(product.externalId);
    out.add(product.title);
    out.add(product.description);
    out.add(product.vendor);
    out.add(product.productType);
    out.add(product.status);
    out.add(product.tags);
    out.add(product.optionNames);
    out.add(qint64(product.variants.size()));
    for (const ImportedVariant &variant : product.variants) {
        out.add(variant.externalId);
        out.add(variant.inventoryItemExternalId);
        out.add(variant.title);
        out.add(variant.sku);
        out.add(variant.barcode);
        out.add(variant.price.minorUnits);
        out.add(variant.price.currency);
        out.add(variant.compareAtMinorUnits);
        out.add(variant.weightGrams);
        out.add(variant.optionValues);
        out.add(qint64(variant.stock.size()));
        forEachSorted(
            variant.stock, [](const ImportedStock &s) { return s.locationExternalId; },
            [&](const ImportedStock &stock) {
                out.add(stock.locationExternalId);
                out.add(stock.available);
                out.add(stock.onHand);
            });
    }
    out.add(qint64(product.media.size()));
    for (const ImportedMedia &media : product.media) {
        out.add(media.externalId);
        out.add(media.url);
        out.add(media.altText);
        out.add(media.mimeType);
    }
    out.add(qint64(product.collectionExternalIds.size()));
    forEachSorted(
        product.collectionExternalIds, [](const QString &id) { return id; },
        [&](const QString &id) { out.add(id); });
    return out.digest();
}

QString CatalogHasher::content(const Product &product)
{
    HashWriter out(m_buffer, "content/1");
    addContent(out, product);
    return out.digest();
}

QString CatalogHasher::content(const ImportedProduct &product)
{
    HashWriter out(m_buffer, "content/1");
    addContent(out, product);
    return out.digest();
}

} // namespace storeloom
