// ShopifyImport, second part: completing a page's products whose variants or
// media did not fit it, so that a page is only ever written whole.
#include "shopifydocuments.h"
#include "shopifyimport.h"
#include "shopifyjson.h"
#include "shopifynormalizer.h"

#include <QJsonArray>

namespace storeloom::shopify {

namespace {
constexpr int kMoreMediaFirst = 100; // media past the first page of a product
} // namespace

// Products whose variants or media did not fit the page are completed one by
// one before the page is written: a page is only ever written whole.
void ShopifyImport::completeProduct(int index)
{
    for (; index < m_pageNodes.size(); ++index) {
        const QJsonObject node = m_pageNodes.at(index).toObject();
        const QJsonObject variants = node.value(QLatin1String("variants")).toObject();
        const QJsonObject media = node.value(QLatin1String("media")).toObject();
        if (hasNextPage(variants)) {
            fetchMoreVariants(index, endCursor(variants));
            return;
        }
        if (hasNextPage(media)) {
            fetchMoreMedia(index, endCursor(media));
            return;
        }
    }
    applyProductPage();
}

void ShopifyImport::fetchMoreVariants(int index, const QString &after)
{
    const int levels = std::min(m_locationCount, 250);
    // A variant with its stock at every location, priced as Shopify does.
    const double perVariant = 8.0 + 3.0 * levels;
    const int first = std::clamp(int((m_options.maxQueryCost * 0.95 - 4) / perVariant), 1, 250);
    const QJsonObject variables{{QStringLiteral("id"), m_page.at(index).externalId},
                                {QStringLiteral("first"), first},
                                {QStringLiteral("after"), after},
                                {QStringLiteral("levelsFirst"), levels}};
    m_client->send(QStringLiteral("ProductVariantsPage/%1").arg(first),
                   document(QStringLiteral("ProductVariantsPage")), variables, 4 + first * perVariant,
                   [this, index](const GraphqlReply &reply) {
                       if (!accept(reply))
                           return;
                       const QJsonObject variants = at(reply.data, "product.variants");
                       ImportedProduct &product = m_page[index];
                       for (const QJsonValue &node : variants.value(QLatin1String("nodes")).toArray()) {
                           QString problem;
                           product.variants.append(normalizeVariant(node.toObject(), m_currency,
                                                                    product.optionNames, &problem));
                           if (!problem.isEmpty()) {
                               fail(tr("Shopify sent a variant Storeloom cannot read: %1").arg(problem));
                               return;
                           }
                       }
                       if (hasNextPage(variants)) {
                           fetchMoreVariants(index, endCursor(variants));
                           return;
                       }
                       markFetched(index, QStringLiteral("variants"));
                       completeProduct(index); // its media may still overflow
                   });
}

// Product `index`'s `connection` (variants or media) is complete now.
void ShopifyImport::markFetched(int index, const QString &connection)
{
    QJsonObject node = m_pageNodes.at(index).toObject();
    QJsonObject fetched = node.value(connection).toObject();
    fetched.insert(QStringLiteral("pageInfo"), QJsonObject{{QStringLiteral("hasNextPage"), false}});
    node.insert(connection, fetched);
    m_pageNodes.replace(index, node);
}

void ShopifyImport::fetchMoreMedia(int index, const QString &after)
{
    const QJsonObject variables{{QStringLiteral("id"), m_page.at(index).externalId},
                                {QStringLiteral("first"), kMoreMediaFirst},
                                {QStringLiteral("after"), after}};
    m_client->send(QStringLiteral("ProductMediaPage"), document(QStringLiteral("ProductMediaPage")),
                   variables, 4 + kMoreMediaFirst * 3.0, [this, index](const GraphqlReply &reply) {
                       if (!accept(reply))
                           return;
                       const QJsonObject media = at(reply.data, "product.media");
                       QJsonObject wrapper{{QStringLiteral("id"), m_page.at(index).externalId},
                                           {QStringLiteral("title"), m_page.at(index).title},
                                           {QStringLiteral("media"), media}};
                       QString problem;
                       const ImportedProduct more = normalizeProduct(wrapper, m_currency, &problem);
                       m_page[index].media += more.media;
                       if (hasNextPage(media)) {
                           fetchMoreMedia(index, endCursor(media));
                           return;
                       }
                       markFetched(index, QStringLiteral("media"));
                       completeProduct(index + 1);
                   });
}

} // namespace storeloom::shopify
