#pragma once

#include "apikeyprovider.h"
#include "connectsession.h"

#include <QNetworkAccessManager>

namespace storeloom {

// Connects a store with pasted keys: the connection is Authorizing while one
// authenticated request checks them, then Live with the keys in the keychain —
// or, when the store refuses them, gone again (a new connection) or Failed
// with the store's reason (one that existed).
class ApiKeyConnectSession : public ConnectSession
{
    Q_OBJECT

public:
    ApiKeyConnectSession(Workspace workspace, SecretStore &secrets, const ApiKeyProvider &provider,
                         QHash<QString, QString> fields, QObject *parent = nullptr);

    void start() override;
    void cancel() override;
    bool completeWithRedirectUrl(const QUrl &) override { return false; }
    void setOpensBrowser(bool) override {}

private:
    void onVerified(const ShopIdentity &shop);
    void giveUp(const QString &message);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const ApiKeyProvider &m_provider;
    QHash<QString, QString> m_fields;
    QNetworkAccessManager m_network;
    qint64 m_connectionId = 0;
    bool m_existed = false;
    bool m_finished = false;
};

} // namespace storeloom
