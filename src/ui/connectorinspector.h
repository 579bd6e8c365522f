#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QPushButton;
class QTableView;

namespace storeloom {

class ConnectionAccess;
class ConnectionEventsModel;
class ConnectorListModel;
struct ConnectorRow;
class SecretStore;

// The Inspect panel of the Connectors area: what the workspace knows of one
// connection — name, platform, shop id, domain, status with its reason,
// granted scopes, last activity, sign-in expiry, API version, rate budget
// (from ConnectionAccess, when given) and its recent audit events — and what a
// merchant can do with it: Disconnect (asks first; removes the stored keys
// from the keychain, then marks the connection Disconnected), Reconnect,
// Import now, and Channel settings… for a channel products are published to.
// Shows the model's rows, so it follows every refresh; the events are read on
// a worker thread. Never shows a token or the keychain key.
class ConnectorInspector : public QWidget
{
    Q_OBJECT

public:
    // Asked before disconnecting; true goes ahead. `question` names the store.
    using Confirm = std::function<bool(const QString &question)>;
    static constexpr int kEventCount = 8;   // events shown
    static constexpr int kEventScan = 1000; // latest workspace events searched for them

    // `model` and `secrets` must outlive the panel.
    ConnectorInspector(ConnectorListModel *model, SecretStore *secrets, QWidget *parent = nullptr);

    // Shows the connection in `view`'s current row from now on. The view
    // keeps a row current while it has rows, also across model resets.
    void follow(QTableView *view);
    // What the running app knows of the connection beyond the workspace.
    void setAccess(const ConnectionAccess *access);
    // Which connections Import now can import (by platform id); none by default.
    void setImportable(std::function<bool(const QString &providerId)> importable)
    {
        m_importable = std::move(importable);
        updateActions();
    }
    // Which connections products are published to (by platform id); none by
    // default. Only theirs show "Channel settings…", usable while connected.
    void setPublishable(std::function<bool(const QString &providerId)> publishable)
    {
        m_publishable = std::move(publishable);
        updateActions();
    }
    // Replaces the question box (QMessageBox::question by default).
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    qint64 connectionId() const { return m_connectionId; } // 0: none shown
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    // Shows the connection with `id`, or hides the panel for 0.
    void showConnection(qint64 id);
    void disconnectConnection();
    void reloadEvents();

Q_SIGNALS:
    void reconnectRequested(qint64 connectionId);
    void importRequested(qint64 connectionId);
    void channelSettingsRequested(qint64 connectionId);
    // Its keys are gone and it is Disconnected in the workspace.
    void connectionDisconnected(qint64 connectionId);

private:
    const ConnectorRow *currentRow() const;
    void updateFields();
    void updateAccessFields();
    void updateActions();
    void showError(const QString &message);
    void finishDisconnect(qint64 id, const QString &name, const QString &error);
    void showEventsNote(const QString &error);

    ConnectorListModel *m_model;
    SecretStore *m_secrets;
    const ConnectionAccess *m_access = nullptr;
    Confirm m_confirm;
    std::function<bool(const QString &)> m_importable;
    std::function<bool(const QString &)> m_publishable;
    qint64 m_connectionId = 0;
    bool m_busy = false;

    QLabel *m_name = nullptr;
    QLabel *m_platform = nullptr;
    QLabel *m_shopId = nullptr;
    QLabel *m_domain = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_scopes = nullptr;
    QLabel *m_lastActive = nullptr;
    QLabel *m_signIn = nullptr;
    QLabel *m_apiVersion = nullptr;
    QLabel *m_rateBudget = nullptr;
    ConnectionEventsModel *m_eventsModel = nullptr;
    QListView *m_events = nullptr;
    QLabel *m_noEvents = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_channelSettings = nullptr;
    QPushButton *m_reconnect = nullptr;
    QPushButton *m_disconnect = nullptr;
};

} // namespace storeloom
