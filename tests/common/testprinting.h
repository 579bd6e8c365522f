#pragma once

// Lets QCOMPARE print the hub's enums by name when a comparison fails.

#include "syncitem.h"
#include "syncrun.h"

#include <QTest>

namespace QTest {
template<> inline char *toString(const storeloom::SyncItem::State &state)
{
    return qstrdup(qPrintable(storeloom::nameOf(state)));
}
template<> inline char *toString(const storeloom::SyncRun::Status &status)
{
    return qstrdup(qPrintable(storeloom::nameOf(status)));
}
template<> inline char *toString(const storeloom::Direction &direction)
{
    return qstrdup(qPrintable(storeloom::nameOf(direction)));
}
} // namespace QTest
