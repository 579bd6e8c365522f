#include "budgetindicator.h"

#include "connectorlistmodel.h"

#include <QLocale>
#include <QTimer>

namespace storeloom {

BudgetIndicator::BudgetIndicator(const ConnectorListModel *connections, DailyOf dailyOf,
                                 QWidget *parent)
    : QLabel(parent), m_connections(connections), m_dailyOf(std::move(dailyOf)),
      m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("apiBudget"));
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &BudgetIndicator::showBusiest);
    connect(connections, &ConnectorListModel::loaded, this, &BudgetIndicator::showBusiest);
    m_timer->start();
    showBusiest();
}

void BudgetIndicator::showBusiest()
{
    const ConnectorRow *busiest = nullptr;
    DailyBudget least;
    for (const ConnectorRow &row : m_connections->rows()) {
        const std::optional<DailyBudget> daily = m_dailyOf(row.id);
        if (!daily || daily->limit <= 0)
            continue;
        // Compare the shares left without dividing: remaining/limit < least.remaining/least.limit.
        if (!busiest || daily->remaining * least.limit < least.remaining * daily->limit) {
            busiest = &row;
            least = *daily;
        }
    }
    setVisible(busiest != nullptr);
    if (!busiest)
        return;
    const QLocale locale;
    setText(
        tr("%1: %2 of %3 API calls left today")
            .arg(busiest->name, locale.toString(least.remaining), locale.toString(least.limit)));
    setToolTip(tr("The connection that has used the largest share of its daily API limit."));
}

} // namespace storeloom
