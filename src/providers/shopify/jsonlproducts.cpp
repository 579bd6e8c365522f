#include "jsonlproducts.h"

#include "shopifynormalizer.h"
#include "stockmap.h"

#include <QJsonDocument>

namespace storeloom::shopify {

namespace {
QJsonObject connection(const QJsonArray &nodes)
{
    return {{QStringLiteral("nodes"), nodes}};
}
} // namespace

bool JsonlProducts::addLine(const QByteArray &line, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(line, &error);
    if (!json.isObject()) {
        *problem = QStringLiteral("a line of the export is not JSON (%1)").arg(error.errorString());
        return false;
    }
    QJsonObject object = json.object();
    const QString parent = object.value(QLatin1String("__parentId")).toString();
    if (parent.isEmpty()) {
        if (!complete(problem))
            return false;
        m_product = object;
        m_productId = m_product.value(QLatin1String("id")).toString();
        return true;
    }
    if (m_product.isEmpty() || parent != m_productId) {
        *problem = QStringLiteral("a line for %1 arrived away from its product (the export is "
                                  "not grouped)")
                       .arg(parent);
        return false;
    }
    // __parentId stays: the normalizer reads only the fields it knows.
    const QString id = object.value(QLatin1String("id")).toString();
    if (id.startsWith(QLatin1String("gid://shopify/ProductVariant/")))
        m_variants.append(object);
    else if (id.startsWith(QLatin1String("gid://shopify/Collection/")))
        m_collections.append(object);
    else
        m_media.append(object);
    return true;
}

bool JsonlProducts::finish(QString *problem)
{
    return complete(problem);
}

bool JsonlProducts::complete(QString *problem)
{
    if (m_product.isEmpty())
        return true;
    m_product.insert(QStringLiteral("variants"), connection(std::exchange(m_variants, {})));
    m_product.insert(QStringLiteral("media"), connection(std::exchange(m_media, {})));
    m_product.insert(QStringLiteral("collections"), connection(std::exchange(m_collections, {})));
    ImportedProduct product = normalizeProduct(std::exchange(m_product, {}), m_currency, problem);
    if (!problem->isEmpty())
        return false;
    if (m_stock) {
        for (ImportedVariant &variant : product.variants)
            variant.stock = m_stock->levelsOf(variant.externalId);
    }
    m_ready.append(std::move(product));
    return true;
}

} // namespace storeloom::shopify
