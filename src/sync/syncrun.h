#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace storeloom {

// A job a person sees: an import, a publish, an inventory pass.
struct SyncRun
{
    enum class Status { Running, Succeeded, Failed, Cancelled };

    qint64 id = 0;
    QString kind;
    qint64 connectionId = 0;
    Status status = Status::Running;
    qint64 total = 0;
    qint64 succeeded = 0;
    qint64 failed = 0; // items that ended dead
    qint64 skipped = 0;
    qint64 cancelled = 0;
    QString createdBy;
    QString plan;
    qint64 createdAt = 0;
    std::optional<qint64> finishedAt;

    qint64 remaining() const { return total - succeeded - failed - skipped - cancelled; }
    bool isFinished() const { return finishedAt.has_value(); }
};

QString nameOf(SyncRun::Status status);
std::optional<SyncRun::Status> runStatusFromString(const QString &text);

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::SyncRun)
