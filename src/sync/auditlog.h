#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace storeloom {

struct AuditEvent
{
    qint64 id = 0;
    qint64 at = 0;
    QString kind; // e.g. "run.created", "connection.added"
    qint64 connectionId = 0;
    qint64 runId = 0;
    QString message;
};

// The audit trail the Activity page shows. Written inside the caller's
// transaction so an event exists exactly when what it describes happened.
class AuditLog
{
public:
    explicit AuditLog(QSqlDatabase db) : m_db(std::move(db)) {}

    void record(const QString &kind, const QString &message, qint64 connectionId = 0,
                qint64 runId = 0);
    QList<AuditEvent> recent(int limit = 1000) const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
