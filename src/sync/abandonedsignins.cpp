#include "abandonedsignins.h"

#include "auditlog.h"
#include "logging.h"
#include "secretstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QSet>
#include <memory>

namespace storeloom {

namespace {

// A placeholder names no shop until the grant does (ConnectionStore::beginAuthorization).
const QString kPlaceholders = QStringLiteral(
    "status = 'authorizing' AND external_shop_id LIKE 'pending/%'");

struct Expired
{
    QList<qint64> ids;
    QStringList keys; // keychain entries to remove before the rows
};

Expired findExpired(const QSqlDatabase &db, qint64 cutoffMs)
{
    QSqlQuery query = sql::prepare(
        db, QStringLiteral("SELECT id, provider, secret_key, created_at FROM connections WHERE ") +
                kPlaceholders);
    sql::exec(query);
    Expired expired;
    QSet<QString> staleProviders;
    QSet<QString> freshProviders;
    while (query.next()) {
        const QString provider = query.value(1).toString();
        if (query.value(3).toLongLong() >= cutoffMs) {
            freshProviders.insert(provider);
            continue;
        }
        expired.ids.append(query.value(0).toLongLong());
        expired.keys.append(query.value(2).toString());
        staleProviders.insert(provider);
    }
    // A later sign-in to the same platform wrote over the suspended entry:
    // that entry is the fresh one's now.
    for (const QString &provider : staleProviders) {
        if (!freshProviders.contains(provider))
            expired.keys.append(AbandonedSignIns::suspendedKey(provider));
    }
    return expired;
}

int removeRows(const Workspace &workspace, const QList<qint64> &ids, qint64 cutoffMs)
{
    const DbHandle handle = workspace.openHandle();
    sql::WriteTransaction transaction(handle.db());
    int removed = 0;
    for (const qint64 id : ids) {
        // Still waiting and still old: a sign-in finished meanwhile stays.
        QSqlQuery remove = sql::prepare(
            handle.db(), QStringLiteral("DELETE FROM connections WHERE id = :id AND "
                                        "created_at < :cutoff AND ") + kPlaceholders);
        remove.bindValue(QStringLiteral(":id"), id);
        remove.bindValue(QStringLiteral(":cutoff"), cutoffMs);
        sql::exec(remove);
        if (remove.numRowsAffected() > 0) {
            ++removed;
            AuditLog(handle.db()).record(QStringLiteral("connection.expired"),
                                         QStringLiteral("An unfinished sign-in expired and was removed"));
        }
    }
    transaction.commit();
    return removed;
}

// Removes `keys` one after the other; stops at the first the keychain refuses.
void removeKeys(SecretStore &secrets, std::shared_ptr<QStringList> keys,
                std::function<void(const QString &error)> done)
{
    if (keys->isEmpty()) {
        done({});
        return;
    }
    const QString key = keys->takeFirst();
    secrets.remove(key, [&secrets, keys, done](const SecretStore::Result &result) {
        if (!result.ok())
            done(result.message);
        else
            removeKeys(secrets, keys, done);
    });
}

} // namespace

qint64 AbandonedSignIns::expiryFromEnvironment()
{
    bool ok = false;
    const qint64 seconds = qEnvironmentVariable("STORELOOM_SIGNIN_EXPIRY_SECONDS").toLongLong(&ok);
    return ok && seconds >= 0 ? seconds : DefaultExpirySeconds;
}

QString AbandonedSignIns::suspendedKey(const QString &providerId)
{
    return QStringLiteral("pending-connect/") + providerId;
}

AbandonedSignIns::AbandonedSignIns(Workspace workspace, SecretStore &secrets, qint64 expirySeconds)
    : m_workspace(std::move(workspace)), m_secrets(secrets), m_expirySeconds(expirySeconds)
{}

void AbandonedSignIns::sweep(Done done) const
{
    const qint64 cutoffMs = sql::nowMs() - m_expirySeconds * 1000;
    Expired expired;
    try {
        const DbHandle handle = m_workspace.openHandle();
        expired = findExpired(handle.db(), cutoffMs);
    } catch (const WorkspaceError &error) {
        done(0, error.message());
        return;
    }
    if (expired.ids.isEmpty()) {
        done(0, {});
        return;
    }
    qCInfo(lcWorkspace) << expired.ids.size() << "unfinished sign-in(s) expired; removing them";
    const Workspace workspace = m_workspace;
    removeKeys(m_secrets, std::make_shared<QStringList>(expired.keys),
               [workspace, ids = expired.ids, cutoffMs, done](const QString &error) {
                   if (!error.isEmpty()) { // kept whole: the next sweep tries again
                       done(0, error);
                       return;
                   }
                   try {
                       done(removeRows(workspace, ids, cutoffMs), {});
                   } catch (const WorkspaceError &e) {
                       done(0, e.message());
                   }
               });
}

} // namespace storeloom
