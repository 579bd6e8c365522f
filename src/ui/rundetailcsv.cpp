#include "rundetailcsv.h"

#include "rundetailmodel.h"

#include <QDateTime>
#include <QSaveFile>
#include <algorithm>

namespace storeloom {

namespace {

const QString kLineEnd = QStringLiteral("\r\n");

QString utcTime(const std::optional<qint64> &ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

} // namespace

QString RunDetailCsv::field(const QString &value)
{
    static const QList<QChar> special = {QLatin1Char(','), QLatin1Char('"'), QLatin1Char('\n'),
                                         QLatin1Char('\r')};
    const bool quote = std::any_of(special.cbegin(), special.cend(),
                                   [&value](QChar c) { return value.contains(c); });
    if (!quote)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString RunDetailCsv::line(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &value : fields)
        quoted.append(field(value));
    return quoted.join(QLatin1Char(',')) + kLineEnd;
}

QStringList RunDetailCsv::header()
{
    return {tr("Item"),
            tr("Product ID"),
            tr("Product"),
            tr("State"),
            tr("Channel state"),
            tr("Listing URL"),
            tr("Last attempt (UTC)"),
            tr("Attempts"),
            tr("Error")};
}

QString RunDetailCsv::text(const QList<RunDetailRow> &rows)
{
    QString csv = line(header());
    for (const RunDetailRow &row : rows) {
        csv += line({QString::number(row.itemId),
                     row.productId > 0 ? QString::number(row.productId) : QString(), row.title,
                     RunDetailModel::stateText(row.state),
                     row.channelState ? RunDetailModel::channelText(*row.channelState) : QString(),
                     row.listingUrl, utcTime(row.lastAttemptAt), QString::number(row.attempts),
                     row.error});
    }
    return csv;
}

bool RunDetailCsv::write(const QList<RunDetailRow> &rows, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text(rows).toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace storeloom
