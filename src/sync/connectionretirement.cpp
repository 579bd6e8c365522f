#include "connectionretirement.h"

#include "auditlog.h"
#include "connectionstore.h"
#include "logging.h"
#include "secretstore.h"
#include "sql.h"
#include "workspaceerror.h"

namespace storeloom {

ConnectionRetirement::ConnectionRetirement(Workspace workspace, SecretStore &secrets)
    : m_workspace(std::move(workspace)), m_secrets(secrets)
{}

void ConnectionRetirement::retire(qint64 connectionId, Mode mode, Done done)
{
    QString secretKey;
    {
        const DbHandle handle = m_workspace.openHandle();
        const Connection connection = ConnectionStore(handle.db()).get(connectionId); // throws
        if (mode == Mode::Disconnect && connection.status == Connection::Status::Disconnected) {
            throw WorkspaceError(
                WorkspaceError::Kind::InvalidState,
                QStringLiteral("Connection %1 is already disconnected.").arg(connectionId));
        }
        secretKey = connection.secretKey;
    }
    m_secrets.remove(secretKey,
                     [this, connectionId, mode, done](const SecretStore::Result &result) {
                         if (!result.ok()) {
                             qCInfo(lcWorkspace) << "connection" << connectionId
                                                    << "kept: its secret could not be removed";
                             done(result.message);
                             return;
                         }
                         finish(connectionId, mode, done);
                     });
}

void ConnectionRetirement::finish(qint64 connectionId, Mode mode, const Done &done)
{
    try {
        const DbHandle handle = m_workspace.openHandle();
        ConnectionStore connections(handle.db());
        if (mode == Mode::Disconnect) {
            connections.setStatus(connectionId, Connection::Status::Disconnected);
        } else {
            const Connection connection = connections.get(connectionId);
            sql::WriteTransaction transaction(handle.db());
            connections.remove(connectionId);
            AuditLog(handle.db())
                .record(QStringLiteral("connection.deleted"),
                        QStringLiteral("Deleted %1 (%2) and its stored keys")
                            .arg(connection.name, connection.domain));
            transaction.commit();
        }
        done({});
    } catch (const WorkspaceError &error) {
        done(error.message());
    }
}

} // namespace storeloom
