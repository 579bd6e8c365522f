#include "progressbar.h"

#include <QLocale>

namespace storeloom::cli {

namespace {
constexpr int kWidth = 30;
constexpr qint64 kRedrawMs = 100;

QString duration(qint64 seconds)
{
    return seconds >= 3600 ? QStringLiteral("%1:%2:%3")
                                 .arg(seconds / 3600)
                                 .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                                 .arg(seconds % 60, 2, 10, QLatin1Char('0'))
                           : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10,
                                                                             QLatin1Char('0'));
}
} // namespace

ProgressBar::ProgressBar(FILE *stream) : m_stream(stream)
{
    m_clock.start();
}

void ProgressBar::show(qint64 done, qint64 total, const QString &unit, const QString &note)
{
    const qint64 now = m_clock.elapsed();
    if (now - m_lastDrawMs < kRedrawMs && done < total)
        return;
    m_lastDrawMs = now;
    const double fraction = total > 0 ? std::min(1.0, double(done) / double(total)) : 0;
    const int filled = int(fraction * kWidth);
    const double seconds = now / 1000.0;
    const double rate = seconds > 0 ? done / seconds : 0;
    QString line = QStringLiteral("\r[%1%2] %3/%4 %5")
                       .arg(QString(filled, QLatin1Char('#')),
                            QString(kWidth - filled, QLatin1Char('.')),
                            QLocale().toString(done), QLocale().toString(total), unit);
    if (rate > 0)
        line += QStringLiteral("  %1/s").arg(QLocale().toString(qRound64(rate)));
    if (rate > 0 && total > done)
        line += QStringLiteral("  %1 left").arg(duration(qint64((total - done) / rate)));
    if (!note.isEmpty())
        line += QStringLiteral("  (%1)").arg(note);
    line += QStringLiteral("\x1b[K"); // clear what a longer line left behind
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_stream);
    std::fflush(m_stream);
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_drawn)
        std::fputs("\n", m_stream);
    std::fflush(m_stream);
}

} // namespace storeloom::cli
