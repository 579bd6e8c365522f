#pragma once

#include "connection.h"
#include "publishoffer.h"
#include "workspace.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableView;

namespace storeloom {

class CatalogFilterBar;
class CatalogModel;
class ProductChecklist;

// "Publish to…", first step: the channel to publish to, then the products
// (those selected in the Catalog checked already) with the Catalog's search
// and filters — the channel state filter looks at the chosen channel — Select
// all / Select none for what the filters show, and how many are checked.
// The products are read off the GUI thread, as the Catalog page reads them.
// Space checks or unchecks the selected rows; Enter is Next.
// Only active products are offered to the channel: drafts, archived products
// and products gone from their store are left out of the plan (and counted
// there) unless the merchant ticks "Also offer" for them.
//
// Object names: publishTarget, publishNoTargets, publishFilterBar (with the
// Catalog filter bar's children), publishProducts, publishSelectAll,
// publishSelectNone, publishSelectedCount, publishIncludeDraft,
// publishIncludeArchived, publishIncludeGone, publishNext, publishCancel.
class ProductSelectionDialog : public QDialog
{
    Q_OBJECT

public:
    ProductSelectionDialog(const Workspace &workspace, const QList<Connection> &targets,
                           const QList<qint64> &preselected, QWidget *parent = nullptr);
    ~ProductSelectionDialog() override;

    // 0 until a channel is chosen.
    qint64 targetConnectionId() const;
    // The checked products, shown or filtered out, by id.
    QList<qint64> selectedProductIds() const;
    // What is offered besides active products (the "Also offer" boxes).
    OfferIncludes includes() const;
    CatalogModel *catalogModel() const { return m_catalog; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildProducts();
    QLayout *buildIncludes();
    void targetChosen();
    void toggleSelectedRows();
    void updateSelection();

    CatalogModel *m_catalog;
    ProductChecklist *m_checklist;
    QComboBox *m_target = nullptr;
    QLabel *m_noTargets = nullptr;
    QWidget *m_products = nullptr;
    CatalogFilterBar *m_bar = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QList<std::pair<NotOfferedReason, QCheckBox *>> m_includes;
    QPushButton *m_next = nullptr;
};

} // namespace storeloom
