#include "productselectiondialog.h"

#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "channelbadgedelegate.h"
#include "productchecklist.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <array>
#include <tuple>

namespace storeloom {

namespace {

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAutoDefault(false); // Enter stays Next
    return b;
}

} // namespace

ProductSelectionDialog::ProductSelectionDialog(const Workspace &workspace,
                                               const QList<Connection> &targets,
                                               const QList<qint64> &preselected, QWidget *parent)
    : QDialog(parent), m_catalog(new CatalogModel(workspace, this)),
      m_checklist(new ProductChecklist(m_catalog, this))
{
    setObjectName(QStringLiteral("productSelectionDialog"));
    setWindowTitle(tr("Publish to…"));

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("publishTarget"));
    m_target->setAccessibleName(tr("Channel to publish to"));
    m_target->setPlaceholderText(tr("Choose a channel…"));
    for (const Connection &target : targets)
        m_target->addItem(target.name, QVariant::fromValue(target.id));
    m_target->setCurrentIndex(targets.size() == 1 ? 0 : -1); // several: the merchant picks

    m_noTargets = new QLabel(tr("Connect a channel to publish to first"), this);
    m_noTargets->setObjectName(QStringLiteral("publishNoTargets"));
    m_noTargets->setWordWrap(true);
    m_noTargets->setVisible(targets.isEmpty());

    auto *buttons = new QDialogButtonBox(this);
    m_next = buttons->addButton(tr("&Next"), QDialogButtonBox::AcceptRole);
    m_next->setObjectName(QStringLiteral("publishNext"));
    m_next->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("publishCancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Publish to:"), m_target);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_noTargets);
    layout->addWidget(buildProducts(), 1);
    layout->addWidget(buttons);
    m_products->setVisible(!targets.isEmpty());
    resize(900, 600);

    m_checklist->setChecked(preselected, true);
    connect(m_target, &QComboBox::currentIndexChanged, this, &ProductSelectionDialog::targetChosen);
    connect(m_checklist, &ProductChecklist::checkedChanged, this,
            &ProductSelectionDialog::updateSelection);
    targetChosen();
    m_catalog->refresh();
    (targets.size() > 1 ? static_cast<QWidget *>(m_target) : m_table)->setFocus();
}

ProductSelectionDialog::~ProductSelectionDialog() = default;

QWidget *ProductSelectionDialog::buildProducts()
{
    m_products = new QWidget(this);
    m_bar = new CatalogFilterBar(m_products);
    m_bar->setObjectName(QStringLiteral("publishFilterBar"));

    m_table = new QTableView(m_products);
    m_table->setObjectName(QStringLiteral("publishProducts"));
    m_table->setModel(m_checklist);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights keep scrolling through 100k products cheap.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int em = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(CatalogModel::Title, 40 * em);
    m_table->setColumnWidth(CatalogModel::Skus, 18 * em);
    m_table->setColumnWidth(CatalogModel::Price, 16 * em);
    m_table->setColumnWidth(CatalogModel::Source, 16 * em);
    m_table->setColumnHidden(CatalogModel::Variants, true);
    m_table->setColumnHidden(CatalogModel::Stock, true);
    m_table->setItemDelegateForColumn(CatalogModel::Channels,
                                      new ChannelBadgeDelegate(CatalogModel::BadgesRole, m_table));
    m_table->installEventFilter(this);

    auto *selectAll = button(tr("Select &all"), QStringLiteral("publishSelectAll"), m_products);
    selectAll->setToolTip(tr("Check every product the search and filters show (drafts, archived "
                             "products and those gone from the store are offered only when "
                             "included below)"));
    auto *selectNone = button(tr("Select n&one"), QStringLiteral("publishSelectNone"), m_products);
    selectNone->setToolTip(tr("Uncheck every product the search and filters show"));
    m_count = new QLabel(m_products);
    m_count->setObjectName(QStringLiteral("publishSelectedCount"));
    connect(selectAll, &QPushButton::clicked, this,
            [this] { m_checklist->setChecked(m_catalog->productIds(), true); });
    connect(selectNone, &QPushButton::clicked, this,
            [this] { m_checklist->setChecked(m_catalog->productIds(), false); });

    connect(m_bar, &CatalogFilterBar::filterChanged, m_catalog, &CatalogModel::setFilter);
    connect(m_catalog, &CatalogModel::choicesChanged, this, [this] {
        m_bar->setSources(m_catalog->sources());
        m_bar->setCollections(m_catalog->collections());
    });
    connect(m_catalog, &CatalogModel::countsChanged, this, [this] {
        m_bar->setCounts(m_catalog->rowCount(), m_catalog->totalProducts(),
                         !m_catalog->appliedFilter().matchesAll());
    });

    auto *actions = new QHBoxLayout;
    actions->addWidget(selectAll);
    actions->addWidget(selectNone);
    actions->addStretch();
    actions->addWidget(m_count);
    auto *layout = new QVBoxLayout(m_products);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addLayout(buildIncludes());
    return m_products;
}

QLayout *ProductSelectionDialog::buildIncludes()
{
    auto *row = new QHBoxLayout;
    auto *lead = new QLabel(tr("Only active products are offered. Also offer:"), m_products);
    row->addWidget(lead);
    const std::array<std::tuple<NotOfferedReason, QString, QString>, 3> boxes{{
        {NotOfferedReason::Draft, tr("&Drafts"), QStringLiteral("publishIncludeDraft")},
        {NotOfferedReason::Archived, tr("A&rchived"), QStringLiteral("publishIncludeArchived")},
        {NotOfferedReason::Gone, tr("&Gone from the store"), QStringLiteral("publishIncludeGone")},
    }};
    for (const auto &[reason, text, objectName] : boxes) {
        auto *box = new QCheckBox(text, m_products);
        box->setObjectName(objectName);
        box->setToolTip(tr("Publish the checked products that are %1 too; otherwise the plan "
                           "lists them as not offered")
                            .arg(labelOf(reason)));
        row->addWidget(box);
        m_includes.append({reason, box});
    }
    row->addStretch();
    return row;
}

OfferIncludes ProductSelectionDialog::includes() const
{
    OfferIncludes includes;
    for (const auto &[reason, box] : m_includes)
        includes.set(reason, box->isChecked());
    return includes;
}

qint64 ProductSelectionDialog::targetConnectionId() const
{
    return m_target->currentIndex() < 0 ? 0 : m_target->currentData().toLongLong();
}

QList<qint64> ProductSelectionDialog::selectedProductIds() const
{
    return m_checklist->checkedIds();
}

void ProductSelectionDialog::targetChosen()
{
    const qint64 target = targetConnectionId();
    m_bar->setFixedChannel(target);
    m_products->setEnabled(target > 0); // the channel first
    updateSelection();
}

void ProductSelectionDialog::updateSelection()
{
    m_count->setText(tr("%1 selected").arg(QLocale().toString(m_checklist->checkedCount())));
    m_next->setEnabled(targetConnectionId() > 0 && m_checklist->checkedCount() > 0);
}

// Space checks the selected rows, or unchecks them when the current one is
// checked: the keyboard way to pick many products at once.
void ProductSelectionDialog::toggleSelectedRows()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    QList<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        ids.append(m_catalog->productId(row.row()));
    if (ids.isEmpty())
        ids.append(m_catalog->productId(current.row()));
    m_checklist->setChecked(ids, !m_checklist->isChecked(current.row()));
}

bool ProductSelectionDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space) {
        toggleSelectedRows();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace storeloom
