#pragma once

#include "oauthprovider.h"
#include "workspace.h"

#include <QHash>
#include <QObject>
#include <QUrl>

namespace storeloom {

class SecretStore;

// One attempt to connect a store, whatever way its platform authorizes: the
// UI and the CLI start it, show the address when there is one, and learn how
// it ended. Whatever happens, a failed attempt leaves no half-made connection.
class ConnectSession : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void cancel() = 0;
    // The browser's final address, pasted by the merchant. False: not this attempt's.
    virtual bool completeWithRedirectUrl(const QUrl &pasted) = 0;
    // For programs without a desktop session (the CLI): announce the address only.
    virtual void setOpensBrowser(bool opens) = 0;
    // The sign-in waiting for the browser, for another run of the program to
    // finish (resume() there, then completeWithRedirectUrl()). Secret: it
    // holds the form's fields and the PKCE verifier. Empty when nothing waits
    // or the platform has no browser step.
    virtual QByteArray suspend() const { return {}; }
    virtual bool resume(const QByteArray &suspended)
    {
        Q_UNUSED(suspended);
        return false;
    }
    // The form's fields a suspended sign-in was started with.
    static QHash<QString, QString> fieldsOf(const QByteArray &suspended);

    // The session for `provider`'s way of authorizing, or null if this build cannot connect it.
    static ConnectSession *create(const Provider &provider, const QHash<QString, QString> &fields,
                                  Workspace workspace, SecretStore &secrets,
                                  QObject *parent = nullptr);

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void connected(qint64 connectionId, const QString &shopName);
    void failed(const QString &message);

protected:
    // The platform accepted and named the shop: connection `connectionId`
    // becomes that shop's (it may merge into the shop's existing connection,
    // whose id is then written back) and goes Live; `credentials` go to the
    // keychain, and connected() — or failed(), the connection then Failed —
    // says how that ended. Returns the workspace's refusal, if any, having
    // changed nothing.
    QString goLive(const Workspace &workspace, SecretStore &secrets, qint64 &connectionId,
                   const ShopIdentity &shop, const QStringList &scopes,
                   const QByteArray &credentials);
};

} // namespace storeloom
