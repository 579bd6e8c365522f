#include "connectform.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace storeloom {

ConnectForm::ConnectForm(const QList<ConnectField> &fields, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const ConnectField &field : fields) {
        Row row{field, new QLineEdit(this), new QLabel(this)};
        row.edit->setObjectName(field.id + QStringLiteral("Edit"));
        row.edit->setPlaceholderText(field.placeholder);
        row.edit->setEchoMode(field.secret ? QLineEdit::Password : QLineEdit::Normal);
        row.edit->setAccessibleName(field.label);
        row.error->setObjectName(field.id + QStringLiteral("Error"));
        row.error->setStyleSheet(QStringLiteral("color: #b3261e;"));
        row.error->setWordWrap(true);
        row.error->hide();

        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->addWidget(row.edit);
        cellLayout->addWidget(row.error);
        layout->addRow(field.label, cell);
        m_rows.append(row);
    }
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        connect(m_rows[i].edit, &QLineEdit::textEdited, this, [this, i] { check(m_rows[i]); });
    }
}

bool ConnectForm::isComplete() const
{
    return std::all_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) {
        return row.field.problemWith(row.edit->text()).isEmpty();
    });
}

QHash<QString, QString> ConnectForm::values() const
{
    QHash<QString, QString> values;
    for (const Row &row : m_rows)
        values.insert(row.field.id, row.edit->text().trimmed());
    return values;
}

void ConnectForm::check(Row &row)
{
    // Only the field being typed in shows its problem: a form does not scold
    // fields the merchant has not reached yet.
    const QString problem = row.field.problemWith(row.edit->text());
    row.error->setText(problem);
    row.error->setVisible(!problem.isEmpty());
    const bool complete = isComplete();
    if (complete != m_complete) {
        m_complete = complete;
        Q_EMIT completeChanged(complete);
    }
}

} // namespace storeloom
