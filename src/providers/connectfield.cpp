#include "connectfield.h"

#include <QCoreApplication>

namespace storeloom {

QString ConnectField::problemWith(const QString &value) const
{
    if (value.trimmed().isEmpty())
        return QCoreApplication::translate("ConnectField", "%1 is required.").arg(label);
    return validate ? validate(value.trimmed()) : QString();
}

} // namespace storeloom
