#pragma once

#include <QElapsedTimer>
#include <QString>
#include <cstdio>

namespace storeloom::cli {

// A one-line progress bar redrawn in place on a terminal: the bar, counts,
// rate, time left and what is being waited for. At most ten redraws a second.
class ProgressBar
{
public:
    explicit ProgressBar(FILE *stream);

    void show(qint64 done, qint64 total, const QString &unit, const QString &note = {});
    // Ends the line so what follows starts on its own.
    void finish();

private:
    FILE *m_stream;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1000;
    bool m_drawn = false;
};

} // namespace storeloom::cli
