#pragma once

#include <QCoreApplication>

namespace storeloom {

// Both programs must agree on these: QStandardPaths derives the default
// workspace location from them.
inline void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Storeloom"));
    QCoreApplication::setApplicationName(QStringLiteral("Storeloom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STORELOOM_VERSION));
}

} // namespace storeloom
