#pragma once

#include "catalogquery.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace storeloom {

// The Catalog page's search and filters, with the count of what they match:
// a search box (title or SKU; applied kSearchDelayMs after the last key, or
// at once on Enter), the source (all, each connection, made here), the
// collection, the stock, and the state on the channels products are
// published to (a channel or any, and a state or "has problems"), and the
// products with problems (a duplicate SKU, or failed or out of sync on a
// channel). Object names: catalogSearch, catalogSourceFilter,
// catalogCollectionFilter, catalogStockFilter, catalogChannelFilter,
// catalogChannelStateFilter, catalogProblemsFilter, catalogCount.
class CatalogFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSearchDelayMs = 200;

    explicit CatalogFilterBar(QWidget *parent = nullptr);

    CatalogFilter filter() const;

    // The choices offered; a chosen one that is gone falls back to "all".
    void setSources(const QList<CatalogChoice> &sources);
    void setCollections(const QList<CatalogChoice> &collections);
    void setChannels(const QList<CatalogChoice> &channels);
    // The channel state filter looks at this channel only and the channel
    // choice hides (the Publish dialog's target); 0 offers the choice again.
    void setFixedChannel(qint64 connectionId);
    // "12,345 products", or "12 of 100,000 match" while filtered.
    void setCounts(qint64 shown, qint64 total, bool filtered);

Q_SIGNALS:
    void filterChanged(const storeloom::CatalogFilter &filter);

private:
    void announce();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void updateChannelChoice();

    QLineEdit *m_search = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_collection = nullptr;
    QComboBox *m_stock = nullptr;
    QComboBox *m_channel = nullptr;
    QComboBox *m_channelState = nullptr;
    QComboBox *m_problems = nullptr;
    qint64 m_fixedChannel = 0;
    QLabel *m_count = nullptr;
    QTimer *m_searchDelay = nullptr;
};

} // namespace storeloom
