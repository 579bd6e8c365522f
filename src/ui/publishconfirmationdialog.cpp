#include "publishconfirmationdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace storeloom {

namespace {

using Action = PlanEntry::Action;
constexpr std::array kActions{Action::Create, Action::Update, Action::Unchanged, Action::Invalid};
constexpr int kProductIdRole = Qt::UserRole + 1;

QString groupTitle(Action action)
{
    switch (action) {
    case Action::Create:
        return PublishConfirmationDialog::tr("Create");
    case Action::Update:
        return PublishConfirmationDialog::tr("Update");
    case Action::Unchanged:
        return PublishConfirmationDialog::tr("Unchanged");
    case Action::Invalid:
        return PublishConfirmationDialog::tr("Cannot publish");
    }
    return {};
}

QLabel *label(const QString &objectName, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    return l;
}

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    // No default button: Enter on a product opens it, it must not confirm.
    b->setAutoDefault(false);
    return b;
}

// A product, with a child row per issue: the problem, then how to fix it.
QTreeWidgetItem *entryItem(const PlanEntry &entry)
{
    auto *item = new QTreeWidgetItem;
    item->setText(0, entry.title.isEmpty()
                         ? PublishConfirmationDialog::tr("Product %1").arg(entry.productId)
                         : entry.title);
    item->setData(0, kProductIdRole, entry.productId);
    const QStyle *style = QApplication::style();
    for (const ChannelIssue &issue : entry.issues) {
        auto *child = new QTreeWidgetItem(item);
        const bool error = issue.severity == ChannelIssue::Severity::Error;
        child->setIcon(0, style->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                    : QStyle::SP_MessageBoxWarning));
        child->setText(0, issue.message);
        child->setText(1, issue.fixHint);
        child->setToolTip(0, issue.message);
        child->setToolTip(1, issue.fixHint);
        child->setData(0, kProductIdRole, entry.productId);
    }
    // The price the channel gets when its price rule changes it: old → new.
    QStringList notes;
    if (const QString change = entry.priceChange(); !change.isEmpty())
        notes.append(change);
    const qsizetype warnings = entry.issues.size();
    if (warnings > 0 && entry.action != Action::Invalid)
        notes.append(warnings == 1 ? PublishConfirmationDialog::tr("1 warning")
                                   : PublishConfirmationDialog::tr("%1 warnings").arg(warnings));
    item->setText(1, notes.join(QStringLiteral(" · ")));
    return item;
}

} // namespace

PublishConfirmationDialog::PublishConfirmationDialog(const PublishPlan &plan, QWidget *parent)
    : QDialog(parent), m_plan(plan)
{
    setObjectName(QStringLiteral("publishConfirmationDialog"));
    setWindowTitle(tr("Publish to %1").arg(plan.channelName));
    m_summary = label(QStringLiteral("planSummary"), this);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_budget = label(QStringLiteral("planBudget"), this);
    m_warning = label(QStringLiteral("planBudgetWarning"), this);
    m_warning->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_queued = label(QStringLiteral("planQueued"), this);
    m_busyNote = label(QStringLiteral("planBusy"), this);
    m_busyNote->setText(tr("Updating the plan…"));
    m_busyNote->hide();
    m_notOffered = label(QStringLiteral("planNotOffered"), this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("planTabs"));
    for (const char *name :
         {"planCreateList", "planUpdateList", "planUnchangedList", "planInvalidList"})
        m_lists.append(list(QString::fromLatin1(name)));
    m_notOfferedList = list(QStringLiteral("planNotOfferedList"));
    m_notOfferedList->setHeaderLabels({tr("Product"), tr("Why not offered")});
    auto *excludeKey = new QShortcut(QKeySequence::Delete, m_tabs);
    excludeKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(excludeKey, &QShortcut::activated, this, &PublishConfirmationDialog::excludeChosen);
    connect(m_tabs, &QTabWidget::currentChanged, this, &PublishConfirmationDialog::updateActions);

    m_exclude = button(tr("E&xclude"), QStringLiteral("planExclude"), this);
    m_exclude->setToolTip(tr("Leave the selected products out of this publish (Delete)"));
    m_editOverrides = button(tr("&Edit overrides…"), QStringLiteral("planEditOverrides"), this);
    m_editOverrides->setToolTip(
        tr("Change how the selected product is listed on %1").arg(plan.channelName));
    connect(m_exclude, &QPushButton::clicked, this, &PublishConfirmationDialog::excludeChosen);
    connect(m_editOverrides, &QPushButton::clicked, this, [this] {
        const QList<qint64> chosen = chosenProducts();
        if (chosen.size() == 1)
            Q_EMIT editOverridesRequested(chosen.first());
    });

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = button(tr("&Confirm"), QStringLiteral("planConfirm"), this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = button(tr("Cancel"), QStringLiteral("planCancel"), this);
    buttons->addButton(cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_exclude);
    actions->addWidget(m_editOverrides);
    actions->addStretch();
    actions->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_budget);
    layout->addWidget(m_warning);
    layout->addWidget(m_queued);
    layout->addWidget(m_notOffered);
    layout->addWidget(m_busyNote);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(actions);
    resize(820, 560);

    showPlan();
    // The problems first when there are any, else the first group with products.
    const auto shown = m_plan.count(Action::Invalid) > 0
                           ? kActions.end() - 1
                           : std::find_if(kActions.begin(), kActions.end(), [this](Action action) {
                                 return m_plan.count(action) > 0;
                             });
    m_tabs->setCurrentIndex(shown == kActions.end() ? 0 : int(shown - kActions.begin()));
}

QTreeWidget *PublishConfirmationDialog::list(const QString &objectName)
{
    auto *tree = new QTreeWidget(m_tabs);
    tree->setObjectName(objectName);
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Product"), tr("What to do")});
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree->setUniformRowHeights(true); // thousands of products stay quick
    tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree->header()->resizeSection(0, 420);
    connect(tree, &QTreeWidget::itemSelectionChanged, this,
            &PublishConfirmationDialog::updateActions);
    connect(tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, kProductIdRole).toLongLong();
        if (!m_busy && id > 0) // not-offered rows carry no id: nothing to edit
            Q_EMIT editOverridesRequested(id);
    });
    m_tabs->addTab(tree, QString());
    return tree;
}

QList<qint64> PublishConfirmationDialog::excludedProductIds() const
{
    QList<qint64> ids(m_excluded.cbegin(), m_excluded.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void PublishConfirmationDialog::setPlan(const PublishPlan &plan)
{
    m_plan = plan.without(excludedProductIds());
    m_busy = false;
    showPlan();
}

void PublishConfirmationDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyNote->setVisible(busy);
    updateActions();
}

void PublishConfirmationDialog::showPlan()
{
    const QLocale locale;
    m_summary->setText(m_plan.summary());
    const QString calls = locale.toString(m_plan.apiCalls());
    m_budget->setText(
        m_plan.remainingToday
            ? tr("API calls needed: %1 · %2 allows %3 more today")
                  .arg(calls, m_plan.channelName, locale.toString(*m_plan.remainingToday))
            : tr("API calls needed: %1 · %2 has not said how many more it "
                 "allows today")
                  .arg(calls, m_plan.channelName));
    m_warning->setVisible(m_plan.exceedsDailyBudget());
    if (m_plan.exceedsDailyBudget())
        m_warning->setText(tr("This needs %1 more API calls than %2 allows today. Exclude "
                              "products, or publish the rest tomorrow.")
                               .arg(locale.toString(m_plan.apiCalls() - *m_plan.remainingToday),
                                    m_plan.channelName));
    m_queued->setText(m_plan.queuedNote());
    m_queued->setVisible(!m_queued->text().isEmpty());
    for (int i = 0; i < int(kActions.size()); ++i) {
        fillList(i);
        m_tabs->setTabText(i, tr("%1 (%2)").arg(groupTitle(kActions.at(i)),
                                                locale.toString(m_plan.count(kActions.at(i)))));
    }
    fillNotOffered();
    m_busyNote->setVisible(m_busy);
    updateActions();
}

void PublishConfirmationDialog::fillNotOffered()
{
    const bool any = !m_plan.notOffered.isEmpty();
    m_notOffered->setVisible(any);
    m_notOffered->setText(any ? tr("%1 (not sent; to publish them, include them when choosing "
                                   "the products)")
                                    .arg(m_plan.notOfferedSummary())
                              : QString());
    m_notOfferedList->clear();
    QList<QTreeWidgetItem *> items;
    for (const NotOfferedProduct &product : std::as_const(m_plan.notOffered)) {
        auto *item = new QTreeWidgetItem;
        item->setText(0, product.title.isEmpty() ? tr("Product %1").arg(product.productId)
                                                 : product.title);
        item->setText(1, labelOf(product.reason));
        items.append(item);
    }
    m_notOfferedList->insertTopLevelItems(0, items);
    const int tab = m_tabs->indexOf(m_notOfferedList);
    m_tabs->setTabText(tab, tr("Not offered (%1)").arg(QLocale().toString(items.size())));
    m_tabs->setTabVisible(tab, any);
}

void PublishConfirmationDialog::fillList(int group)
{
    const Action action = kActions.at(group);
    QTreeWidget *tree = m_lists.at(group);
    QList<QTreeWidgetItem *> items;
    for (const PlanEntry &entry : std::as_const(m_plan.entries)) {
        if (entry.action == action)
            items.append(entryItem(entry));
    }
    tree->clear();
    tree->insertTopLevelItems(0, items);
    tree->expandAll(); // the reasons and warnings show without a click
}

// The products selected in the visible list (an issue row stands for its product).
QList<qint64> PublishConfirmationDialog::chosenProducts() const
{
    QList<qint64> ids;
    const auto *tree = qobject_cast<const QTreeWidget *>(m_tabs->currentWidget());
    if (!tree)
        return ids;
    for (const QTreeWidgetItem *item : tree->selectedItems()) {
        const qint64 id = item->data(0, kProductIdRole).toLongLong();
        if (id > 0 && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void PublishConfirmationDialog::excludeChosen()
{
    const QList<qint64> chosen = chosenProducts();
    if (chosen.isEmpty() || m_busy)
        return;
    for (qint64 id : chosen)
        m_excluded.insert(id);
    m_plan = m_plan.without(chosen);
    showPlan();
}

void PublishConfirmationDialog::updateActions()
{
    const qsizetype chosen = chosenProducts().size();
    m_exclude->setEnabled(!m_busy && chosen > 0);
    m_editOverrides->setEnabled(!m_busy && chosen == 1);
    const bool work = m_plan.count(Action::Create) + m_plan.count(Action::Update) > 0;
    m_confirm->setEnabled(!m_busy && work && !m_plan.exceedsDailyBudget());
    m_confirm->setToolTip(!work ? tr("Nothing to create or update")
                          : m_plan.exceedsDailyBudget()
                              ? tr("More API calls than %1 allows today").arg(m_plan.channelName)
                              : tr("Start publishing in the background; the run shows in "
                                   "Sync jobs"));
}

} // namespace storeloom
