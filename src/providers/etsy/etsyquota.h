#pragma once

#include <QDateTime>
#include <QMutex>

namespace storeloom::etsy {

// Etsy's day budget for the app as last reported (x-limit-per-day,
// x-remaining-today): written by a connection's workers, read by the GUI.
class EtsyQuota
{
public:
    void record(int limitPerDay, int remainingToday);

    int limitPerDay() const;    // -1 until Etsy has said
    int remainingToday() const; // -1 until Etsy has said
    QDateTime observedAt() const; // UTC; invalid until Etsy has said

private:
    mutable QMutex m_mutex;
    int m_limitPerDay = -1;
    int m_remainingToday = -1;
    QDateTime m_observedAt;
};

} // namespace storeloom::etsy
