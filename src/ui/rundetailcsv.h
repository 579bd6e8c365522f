#pragma once

#include "rundetailreader.h"

#include <QCoreApplication>
#include <QStringList>

namespace storeloom {

// A run's products as CSV (RFC 4180): a header row, then one row per item;
// fields with a comma, quote or line break are quoted, quotes doubled; CRLF
// between rows; UTF-8. Times are UTC ISO 8601 so spreadsheets and scripts
// read them the same everywhere.
class RunDetailCsv
{
    Q_DECLARE_TR_FUNCTIONS(RunDetailCsv)

public:
    static QString field(const QString &value);
    static QString line(const QStringList &fields);
    static QStringList header();
    static QString text(const QList<RunDetailRow> &rows);
    // Writes atomically: a failed export leaves what was at `path` alone.
    static bool write(const QList<RunDetailRow> &rows, const QString &path, QString *error);
};

} // namespace storeloom
