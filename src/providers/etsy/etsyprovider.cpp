#include "etsyprovider.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace storeloom {

QList<ConnectField> EtsyProvider::connectFields() const
{
    const auto alphanumeric = [](const QString &value) {
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]+$"));
        return pattern.match(value).hasMatch()
                   ? QString()
                   : QCoreApplication::translate("EtsyProvider",
                                                 "Copy it from your app on etsy.com/developers: "
                                                 "letters and digits only.");
    };
    return {
        {QStringLiteral("keystring"), QCoreApplication::translate("EtsyProvider", "App keystring"),
         QString(), false, alphanumeric},
        {QStringLiteral("shared_secret"),
         QCoreApplication::translate("EtsyProvider", "App shared secret"), QString(), true,
         alphanumeric},
    };
}

} // namespace storeloom
