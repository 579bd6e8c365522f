#pragma once

#include "catalog.h"
#include "workspacetablemodel.h"

namespace storeloom {

// The catalog's products, one row each (ProductSummary).
class CatalogModel : public WorkspaceTableModel<ProductSummary>
{
    Q_OBJECT

public:
    enum Column { Title, Skus, Variants, Price, Stock, Source, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 product id
    };

    explicit CatalogModel(Workspace workspace, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool sameRow(const ProductSummary &a, const ProductSummary &b) const override;

private:
    QVariant display(const ProductSummary &row, int column) const;
};

} // namespace storeloom
