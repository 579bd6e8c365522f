#pragma once

#include "connectfield.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace storeloom {

// The fields a platform needs to connect, as a form: one line edit per field
// (masked for secrets) with its problem shown inline under it once the
// merchant has typed there, or a combo box for a field with choices.
// Object names: "<id>Edit", "<id>Choice", "<id>Error".
class ConnectForm : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectForm(const QList<ConnectField> &fields, QWidget *parent = nullptr);

    bool isComplete() const;                // every field has an acceptable value
    QHash<QString, QString> values() const; // trimmed, by field id
    // Sets the fields that are still empty (secret ones too, if given).
    void fillEmpty(const QHash<QString, QString> &values);

Q_SIGNALS:
    void completeChanged(bool complete);

private:
    struct Row
    {
        ConnectField field;
        QLineEdit *edit = nullptr;    // or
        QComboBox *choice = nullptr; // for a field with choices
        QLabel *error = nullptr;

        QString value() const;
    };

    QWidget *createEditor(Row &row);

    void check(Row &row);

    QList<Row> m_rows;
    bool m_complete = false;
};

} // namespace storeloom
