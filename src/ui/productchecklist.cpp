#include "productchecklist.h"

#include "catalogmodel.h"

#include <algorithm>

namespace storeloom {

ProductChecklist::ProductChecklist(CatalogModel *catalog, QObject *parent)
    : QIdentityProxyModel(parent), m_catalog(catalog)
{
    setSourceModel(catalog);
}

Qt::ItemFlags ProductChecklist::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
    return index.column() == 0 ? flags | Qt::ItemIsUserCheckable : flags;
}

QVariant ProductChecklist::data(const QModelIndex &index, int role) const
{
    if (role == Qt::CheckStateRole && index.column() == 0)
        return isChecked(index.row()) ? Qt::Checked : Qt::Unchecked;
    return QIdentityProxyModel::data(index, role);
}

bool ProductChecklist::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != 0)
        return QIdentityProxyModel::setData(index, value, role);
    setChecked({m_catalog->productId(index.row())}, Qt::CheckState(value.toInt()) == Qt::Checked);
    return true;
}

bool ProductChecklist::isChecked(int row) const
{
    return row >= 0 && row < rowCount() && m_checked.contains(m_catalog->productId(row));
}

void ProductChecklist::setChecked(const QList<qint64> &productIds, bool checked)
{
    const qsizetype before = m_checked.size();
    for (qint64 id : productIds) {
        if (checked)
            m_checked.insert(id);
        else
            m_checked.remove(id);
    }
    if (rowCount() > 0) // one repaint for any number of products
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::CheckStateRole});
    if (m_checked.size() != before)
        Q_EMIT checkedChanged();
}

QList<qint64> ProductChecklist::checkedIds() const
{
    QList<qint64> ids(m_checked.cbegin(), m_checked.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace storeloom
