#include "connectform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace storeloom {

QString ConnectForm::Row::value() const
{
    return choice ? choice->currentData().toString() : edit->text();
}

ConnectForm::ConnectForm(const QList<ConnectField> &fields, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const ConnectField &field : fields) {
        Row row{field, nullptr, nullptr, new QLabel(this)};
        QWidget *editor = createEditor(row);
        row.error->setObjectName(field.id + QStringLiteral("Error"));
        row.error->setStyleSheet(QStringLiteral("color: #b3261e;"));
        row.error->setWordWrap(true);
        row.error->hide();

        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->addWidget(editor);
        cellLayout->addWidget(row.error);
        layout->addRow(field.label, cell);
        m_rows.append(row);
    }
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].edit)
            connect(m_rows[i].edit, &QLineEdit::textEdited, this, [this, i] { check(m_rows[i]); });
        else
            connect(m_rows[i].choice, &QComboBox::currentIndexChanged, this,
                    [this, i] { check(m_rows[i]); });
    }
}

QWidget *ConnectForm::createEditor(Row &row)
{
    const ConnectField &field = row.field;
    if (!field.choices.isEmpty()) {
        row.choice = new QComboBox(this);
        row.choice->setObjectName(field.id + QStringLiteral("Choice"));
        row.choice->setAccessibleName(field.label);
        for (const ConnectField::Choice &choice : field.choices)
            row.choice->addItem(choice.label, choice.value);
        return row.choice;
    }
    row.edit = new QLineEdit(this);
    row.edit->setObjectName(field.id + QStringLiteral("Edit"));
    row.edit->setPlaceholderText(field.placeholder);
    row.edit->setEchoMode(field.secret ? QLineEdit::Password : QLineEdit::Normal);
    row.edit->setAccessibleName(field.label);
    return row.edit;
}

bool ConnectForm::isComplete() const
{
    return std::all_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) {
        return row.field.problemWith(row.value()).isEmpty();
    });
}

QHash<QString, QString> ConnectForm::values() const
{
    QHash<QString, QString> values;
    for (const Row &row : m_rows)
        values.insert(row.field.id, row.field.valueOrDefault(row.value()).trimmed());
    return values;
}

void ConnectForm::fillEmpty(const QHash<QString, QString> &values)
{
    for (Row &row : m_rows) {
        const auto value = values.constFind(row.field.id);
        if (value == values.cend())
            continue;
        if (row.choice) {
            const int index = row.choice->findData(*value);
            if (index >= 0)
                row.choice->setCurrentIndex(index);
        } else if (row.edit->text().isEmpty()) {
            row.edit->setText(*value);
            check(row);
        }
    }
}

void ConnectForm::check(Row &row)
{
    // Only the field being typed in shows its problem: a form does not scold
    // fields the merchant has not reached yet.
    const QString problem = row.field.problemWith(row.value());
    row.error->setText(problem);
    row.error->setVisible(!problem.isEmpty());
    const bool complete = isComplete();
    if (complete != m_complete) {
        m_complete = complete;
        Q_EMIT completeChanged(complete);
    }
}

} // namespace storeloom
