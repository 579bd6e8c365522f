#include "leaseowner.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSysInfo>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace storeloom::LeaseOwner {

QString unique()
{
    return QStringLiteral("pid%1-%2@%3")
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(8), QSysInfo::machineHostName());
}

QString ofThisProcess()
{
    static const QString id = unique();
    return id;
}

bool isGone(const QString &owner)
{
    static const QRegularExpression pattern(QStringLiteral("^pid(\\d+)-[^@/]*@([^/]*)"));
    const QRegularExpressionMatch match = pattern.match(owner);
    if (!match.hasMatch() || match.captured(2) != QSysInfo::machineHostName())
        return false;
#ifdef Q_OS_UNIX
    const pid_t pid = pid_t(match.captured(1).toLongLong());
    return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
#else
    return false;
#endif
}

} // namespace storeloom::LeaseOwner
