#pragma once

#include "ratebudget.h"

#include <QLabel>
#include <functional>
#include <optional>

class QTimer;

namespace storeloom {

class ConnectorListModel;

// Status bar label with today's remaining API calls of the busiest
// connection — the one with the smallest share of its daily limit left —
// e.g. "Craft Shop: 1,204 of 10,000 API calls left today". Hidden until a
// platform has reported a daily limit. Budgets live in memory, so a slow
// timer reading them is cheap.
class BudgetIndicator : public QLabel
{
    Q_OBJECT

public:
    using DailyOf = std::function<std::optional<DailyBudget>(qint64 connectionId)>;
    static constexpr int kRefreshIntervalMs = 30 * 1000;

    BudgetIndicator(const ConnectorListModel *connections, DailyOf dailyOf,
                    QWidget *parent = nullptr);

public Q_SLOTS:
    void showBusiest();

private:
    const ConnectorListModel *m_connections;
    DailyOf m_dailyOf;
    QTimer *m_timer;
};

} // namespace storeloom
