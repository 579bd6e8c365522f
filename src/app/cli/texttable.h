#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace storeloom::cli {

// Plain-text columns for people: a header row, then one row per record,
// columns two spaces apart, numbers right-aligned.
class TextTable
{
public:
    enum class Align { Left, Right };
    struct Column
    {
        QString header;
        Align align = Align::Left;
    };

    explicit TextTable(QList<Column> columns) : m_columns(std::move(columns)) {}

    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    QString toString() const;

private:
    QList<Column> m_columns;
    QList<QStringList> m_rows;
};

// "Label:  value" lines with the values aligned.
QString fieldList(const QList<QPair<QString, QString>> &fields);

} // namespace storeloom::cli
