#include "shopifydocuments.h"

#include <QFile>
#include <QHash>
#include <QMutex>

static void initShopifyDocuments()
{
    Q_INIT_RESOURCE(shopifydocuments);
}

namespace storeloom::shopify {

QString document(const QString &name)
{
    static QMutex mutex;
    static QHash<QString, QString> loaded;
    const QMutexLocker lock(&mutex);
    if (loaded.isEmpty())
        initShopifyDocuments();
    auto it = loaded.find(name);
    if (it == loaded.end()) {
        QFile file(QStringLiteral(":/shopify/graphql/%1.graphql").arg(name));
        // A missing document is a build mistake, not a runtime condition.
        Q_ASSERT_X(file.exists(), "shopify::document", qPrintable(name));
        file.open(QIODevice::ReadOnly);
        it = loaded.insert(name, QString::fromUtf8(file.readAll()));
    }
    return *it;
}

} // namespace storeloom::shopify
