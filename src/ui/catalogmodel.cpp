#include "catalogmodel.h"

#include "catalogstore.h"
#include "displayformat.h"

#include <QLocale>

namespace storeloom {

namespace {

QList<ProductSummary> fetchProducts(const QSqlDatabase &db)
{
    return CatalogStore(db).summaries();
}

// A long SKU list stays readable: the first few, then how many more.
constexpr int kSkusShown = 3;

} // namespace

CatalogModel::CatalogModel(Workspace workspace, QObject *parent)
    : WorkspaceTableModel(std::move(workspace), &fetchProducts, parent)
{
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool CatalogModel::sameRow(const ProductSummary &a, const ProductSummary &b) const
{
    return a.id == b.id && a.title == b.title && a.skus == b.skus &&
           a.variantCount == b.variantCount && a.minPrice == b.minPrice &&
           a.maxPrice == b.maxPrice && a.totalAvailable == b.totalAvailable &&
           a.sourceName == b.sourceName;
}

QVariant CatalogModel::display(const ProductSummary &row, int column) const
{
    switch (column) {
    case Title: return row.title;
    case Skus:
        if (row.skus.size() <= kSkusShown)
            return row.skus.join(QStringLiteral(", "));
        return tr("%1 +%2 more")
            .arg(row.skus.mid(0, kSkusShown).join(QStringLiteral(", ")))
            .arg(row.skus.size() - kSkusShown);
    case Variants: return QLocale().toString(row.variantCount);
    case Price: return DisplayFormat::priceRange(row.minPrice, row.maxPrice);
    case Stock: return QLocale().toString(row.totalAvailable);
    case Source: return row.sourceName.isEmpty() ? tr("Made here") : row.sourceName;
    }
    return {};
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProductSummary &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Skus && row.skus.size() > kSkusShown)
            return row.skus.join(QLatin1Char('\n'));
        if (index.column() == Title)
            return row.title;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Variants || index.column() == Price || index.column() == Stock)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return row.id;
    default:
        return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title: return tr("Product");
    case Skus: return tr("SKUs");
    case Variants: return tr("Variants");
    case Price: return tr("Price");
    case Stock: return tr("Stock");
    case Source: return tr("Source");
    }
    return {};
}

} // namespace storeloom
