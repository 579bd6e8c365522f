#pragma once

// Lets QCOMPARE print the hub's enums by name when a comparison fails.

#include "channelstate.h"
#include "publishplan.h"
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
template<> inline char *toString(const storeloom::ChannelState::State &state)
{
    return qstrdup(qPrintable(storeloom::nameOf(state)));
}
template<> inline char *toString(const storeloom::PlanEntry::Action &action)
{
    return qstrdup(qPrintable(storeloom::nameOf(action)));
}
} // namespace QTest
