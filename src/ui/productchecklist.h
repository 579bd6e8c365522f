#pragma once

#include <QIdentityProxyModel>
#include <QSet>

namespace storeloom {

class CatalogModel;

// The Catalog model's products with a check box each (first column), for
// choosing what to publish. Checks belong to products, not rows: they stay
// when a search or filter hides a product and shows it again.
class ProductChecklist : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit ProductChecklist(CatalogModel *catalog, QObject *parent = nullptr);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    bool isChecked(int row) const;
    void setChecked(const QList<qint64> &productIds, bool checked);
    // Every checked product, shown or not, by id.
    QList<qint64> checkedIds() const;
    int checkedCount() const { return int(m_checked.size()); }

Q_SIGNALS:
    void checkedChanged();

private:
    CatalogModel *m_catalog;
    QSet<qint64> m_checked;
};

} // namespace storeloom
