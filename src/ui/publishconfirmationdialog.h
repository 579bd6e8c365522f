#pragma once

#include "publishplan.h"

#include <QDialog>
#include <QSet>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace storeloom {

// "Publish to…", last step: what the plan would do — the summary line, the
// API calls it needs against what the channel allows today (over budget:
// Confirm waits), which products an unfinished run is already writing (they
// are left to it), and a tab per group (Create, Update, Unchanged, Cannot
// publish) listing the products with their problems, fix hints and warnings.
// The merchant can exclude products (Delete; the counts update at once) or
// ask to edit one product's channel overrides (editOverridesRequested; a new
// plan comes back through setPlan). Confirm accepts, Cancel rejects; the
// dialog itself changes nothing anywhere.
//
// Products chosen but not offered (drafts, archived, gone from the store)
// are counted by reason and listed in their own tab; they are never sent.
//
// Object names: planSummary, planBudget, planBudgetWarning, planQueued, planBusy,
// planNotOffered, planTabs, planCreateList, planUpdateList, planUnchangedList,
// planInvalidList, planNotOfferedList, planExclude, planEditOverrides, planConfirm, planCancel.
class PublishConfirmationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PublishConfirmationDialog(const PublishPlan &plan, QWidget *parent = nullptr);

    // What Confirm publishes: the plan without the excluded products.
    PublishPlan plan() const { return m_plan; }
    QList<qint64> excludedProductIds() const;
    // The plan made again (the overrides changed); what was excluded stays out.
    void setPlan(const PublishPlan &plan);
    // While a new plan is being made: Confirm and the actions wait.
    void setBusy(bool busy);

Q_SIGNALS:
    void editOverridesRequested(qint64 productId);

private:
    QTreeWidget *list(const QString &objectName);
    void showPlan();
    void fillList(int group); // index in m_lists
    void fillNotOffered();
    QList<qint64> chosenProducts() const;
    void excludeChosen();
    void updateActions();

    PublishPlan m_plan;
    QSet<qint64> m_excluded;
    bool m_busy = false;
    QLabel *m_summary = nullptr;
    QLabel *m_budget = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_queued = nullptr;
    QLabel *m_busyNote = nullptr;
    QLabel *m_notOffered = nullptr;
    QTreeWidget *m_notOfferedList = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<QTreeWidget *> m_lists; // one per action, in the order of PlanEntry::Action
    QPushButton *m_exclude = nullptr;
    QPushButton *m_editOverrides = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace storeloom
