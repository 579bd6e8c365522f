#include "texttable.h"

#include <algorithm>

namespace storeloom::cli {

void TextTable::addRow(QStringList cells)
{
    // One record, one line: whatever a message holds, it cannot break the table.
    for (QString &cell : cells)
        cell = cell.simplified();
    m_rows.append(std::move(cells));
}

QString TextTable::toString() const
{
    QList<qsizetype> widths;
    for (const Column &column : m_columns)
        widths.append(column.header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }

    const auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            const QString cell = cells.value(i);
            if (i > 0)
                text += QStringLiteral("  ");
            text += m_columns.at(i).align == Align::Right ? cell.rightJustified(widths.at(i))
                                                          : cell.leftJustified(widths.at(i));
        }
        // The last column is usually left-aligned free text: no trailing blanks.
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };

    QStringList headers;
    for (const Column &column : m_columns)
        headers.append(column.header);
    QString text = line(headers);
    for (const QStringList &row : m_rows)
        text += line(row);
    return text;
}

QString fieldList(const QList<QPair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size() + 1);
    QString text;
    for (const auto &field : fields) {
        text +=
            (field.first + QLatin1Char(':')).leftJustified(width + 2) + field.second.simplified();
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace storeloom::cli
