#include "connectfield.h"

#include <QCoreApplication>
#include <QStringList>

namespace storeloom {

QString ConnectField::problemWith(const QString &value) const
{
    const QString given = valueOrDefault(value).trimmed();
    if (given.isEmpty())
        return QCoreApplication::translate("ConnectField", "%1 is required.").arg(label);
    if (!choices.isEmpty()) {
        QStringList values;
        for (const Choice &choice : choices)
            values.append(choice.value);
        if (!values.contains(given))
            return QCoreApplication::translate("ConnectField", "%1 is one of: %2.")
                .arg(label, values.join(QStringLiteral(", ")));
    }
    return validate ? validate(given) : QString();
}

QString ConnectField::valueOrDefault(const QString &value) const
{
    return value.trimmed().isEmpty() && !choices.isEmpty() ? choices.first().value : value;
}

} // namespace storeloom
