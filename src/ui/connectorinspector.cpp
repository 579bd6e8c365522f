#include "connectorinspector.h"

#include "auditlog.h"
#include "connectionaccess.h"
#include "connectionretirement.h"
#include "connectionstore.h"
#include "connectorlistmodel.h"
#include "displayformat.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace storeloom {

// The latest audit events of one connection, newest first; read on a worker
// thread like the area models. The audit log has no per-connection query, so
// the latest kEventScan events of the workspace are searched.
class ConnectionEventsModel : public WorkspaceModel
{
public:
    using WorkspaceModel::WorkspaceModel;

    qint64 connectionId = 0;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_events.size());
    }
    int columnCount(const QModelIndex & = {}) const override { return 1; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid))
            return {};
        const AuditEvent &event = m_events.at(index.row());
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1  %2").arg(DisplayFormat::dateTime(event.at), event.message);
        return role == Qt::ToolTipRole ? QVariant(event.kind) : QVariant();
    }
    void setEvents(const QList<AuditEvent> &events)
    {
        beginResetModel();
        m_events = events;
        endResetModel();
    }

protected:
    Query query() const override
    {
        return [id = connectionId](const QSqlDatabase &db) -> Apply {
            QList<AuditEvent> events;
            for (const AuditEvent &event : AuditLog(db).recent(ConnectorInspector::kEventScan)) {
                if (event.connectionId == id && events.size() < ConnectorInspector::kEventCount)
                    events.append(event);
            }
            return [events](WorkspaceModel *model) {
                static_cast<ConnectionEventsModel *>(model)->setEvents(events);
            };
        };
    }

private:
    QList<AuditEvent> m_events;
};

namespace {

// A label for a value; with a `form`, in a row named `title`.
QLabel *field(const QString &objectName, QWidget *parent, QFormLayout *form = nullptr,
              const QString &title = {})
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // store names are data, not markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (form)
        form->addRow(title, label);
    return label;
}

QPushButton *button(const QString &objectName, const QString &text, const QString &toolTip,
                    QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setToolTip(toolTip);
    return b;
}

} // namespace

ConnectorInspector::ConnectorInspector(ConnectorListModel *model, SecretStore *secrets,
                                       QWidget *parent)
    : QWidget(parent), m_model(model), m_secrets(secrets)
{
    setObjectName(QStringLiteral("connectorInspector"));
    setAccessibleName(tr("Inspect connection"));
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Disconnect store"), question,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };

    m_name = field(QStringLiteral("inspectorName"), this);
    QFont font = m_name->font();
    font.setBold(true);
    m_name->setFont(font);
    auto *form = new QFormLayout;
    m_platform = field(QStringLiteral("inspectorPlatform"), this, form, tr("Platform:"));
    m_shopId = field(QStringLiteral("inspectorShopId"), this, form, tr("Shop id:"));
    m_domain = field(QStringLiteral("inspectorDomain"), this, form, tr("Domain:"));
    m_status = field(QStringLiteral("inspectorStatus"), this, form, tr("Status:"));
    m_reason = field(QStringLiteral("inspectorStatusReason"), this, form);
    m_scopes = field(QStringLiteral("inspectorScopes"), this, form, tr("Scopes:"));
    m_lastActive = field(QStringLiteral("inspectorLastActive"), this, form, tr("Last active:"));
    m_signIn = field(QStringLiteral("inspectorSignIn"), this, form, tr("Sign-in:"));
    m_apiVersion = field(QStringLiteral("inspectorApiVersion"), this, form, tr("API version:"));
    m_rateBudget = field(QStringLiteral("inspectorRateBudget"), this, form, tr("Rate budget:"));
    m_noEvents = field(QStringLiteral("inspectorNoEvents"), this);
    m_error = field(QStringLiteral("inspectorError"), this);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_import = button(QStringLiteral("importNowButton"), tr("Import now"),
                      tr("Bring the store's catalog into the workspace"), this);
    m_import->setEnabled(false);
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (m_connectionId != 0)
            Q_EMIT importRequested(m_connectionId);
    });
    m_channelSettings =
        button(QStringLiteral("channelSettingsButton"), tr("Channel settings…"),
               tr("The defaults every product published to this store is listed with"), this);
    m_channelSettings->hide();
    connect(m_channelSettings, &QPushButton::clicked, this, [this] {
        if (m_connectionId != 0)
            Q_EMIT channelSettingsRequested(m_connectionId);
    });
    m_reconnect = button(QStringLiteral("reconnectButton"), tr("Reconnect…"),
                         tr("Sign in to this store again"), this);
    m_disconnect = button(
        QStringLiteral("disconnectButton"), tr("Disconnect…"),
        tr("Stop syncing with this store and remove its stored keys from your keyring"), this);
    connect(m_reconnect, &QPushButton::clicked, this, [this] {
        if (m_connectionId != 0)
            Q_EMIT reconnectRequested(m_connectionId);
    });
    connect(m_disconnect, &QPushButton::clicked, this, &ConnectorInspector::disconnectConnection);
    auto *actions = new QHBoxLayout;
    for (QPushButton *action : {m_import, m_channelSettings, m_reconnect, m_disconnect})
        actions->addWidget(action);
    actions->addStretch();

    auto *eventsTitle = new QLabel(tr("Recent activity"), this);
    eventsTitle->setFont(font);
    m_eventsModel = new ConnectionEventsModel(model->workspace(), this);
    m_eventsModel->setObjectName(QStringLiteral("connectionEventsModel"));
    m_events = new QListView(this);
    m_events->setObjectName(QStringLiteral("inspectorEvents"));
    m_events->setAccessibleName(tr("Recent activity"));
    m_events->setModel(m_eventsModel);
    m_events->setWordWrap(true);
    m_events->setSelectionMode(QAbstractItemView::NoSelection);
    connect(m_eventsModel, &WorkspaceModel::loaded, this, [this] { showEventsNote({}); });
    connect(m_eventsModel, &WorkspaceModel::loadFailed, this, &ConnectorInspector::showEventsNote);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    layout->addWidget(eventsTitle);
    layout->addWidget(m_noEvents);
    layout->addWidget(m_events, 1);

    connect(model, &QAbstractItemModel::dataChanged, this, &ConnectorInspector::updateFields);
    connect(model, &QAbstractItemModel::modelReset, this, &ConnectorInspector::updateFields);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectorInspector::updateFields);
    connect(model, &WorkspaceModel::loaded, this, [this] {
        if (m_connectionId != 0 && isVisible())
            reloadEvents();
    });
    hide();
}

void ConnectorInspector::follow(QTableView *view)
{
    Q_ASSERT(view->model() == m_model);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showConnection(
                    current.isValid() ? current.data(ConnectorListModel::IdRole).toLongLong() : 0);
            });
    // A reset forgets the current row: find the shown connection again, or
    // start at the first row.
    auto keepCurrent = [this, view] {
        if (view->currentIndex().isValid())
            return;
        int row = 0;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            if (m_model->rowAt(i).id == m_connectionId)
                row = i;
        }
        if (m_model->rowCount() > 0)
            view->setCurrentIndex(m_model->index(row, 0));
        else
            showConnection(0);
    };
    connect(m_model, &QAbstractItemModel::modelReset, view, keepCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, view, keepCurrent);
    connect(m_model, &QAbstractItemModel::rowsRemoved, view, keepCurrent);
    keepCurrent();
}

const ConnectorRow *ConnectorInspector::currentRow() const
{
    for (const ConnectorRow &row : m_model->rows()) {
        if (row.id == m_connectionId)
            return &row;
    }
    return nullptr;
}

void ConnectorInspector::showConnection(qint64 id)
{
    if (id != m_connectionId) {
        m_connectionId = id;
        showError({});
        m_eventsModel->setEvents({});
        m_noEvents->setText(tr("Loading…"));
        m_noEvents->show();
        reloadEvents();
    }
    updateFields();
}

void ConnectorInspector::updateFields()
{
    const ConnectorRow *row = currentRow();
    if (!row) {
        hide();
        return;
    }
    const int at = int(row - m_model->rows().constData());
    auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m_model->index(at, column).data(role);
    };
    m_name->setText(row->name);
    m_platform->setText(cell(ConnectorListModel::Platform).toString());
    m_shopId->setText(row->externalShopId.isEmpty() ? tr("not known yet") : row->externalShopId);
    m_domain->setText(row->domain);
    m_status->setText(cell(ConnectorListModel::Status).toString());
    QPalette statusPalette = palette();
    statusPalette.setColor(QPalette::WindowText,
                           cell(ConnectorListModel::Status, Qt::DecorationRole).value<QColor>());
    m_status->setPalette(statusPalette);
    const bool troubled =
        row->status == Connection::Status::Failed || row->status == Connection::Status::Expiring;
    m_reason->setText(row->statusReason);
    m_reason->setVisible(troubled && !row->statusReason.isEmpty());
    m_scopes->setText(row->scopes.isEmpty() ? tr("none granted")
                                            : row->scopes.join(QStringLiteral(", ")));
    m_lastActive->setText(cell(ConnectorListModel::LastActive).toString());
    m_lastActive->setToolTip(cell(ConnectorListModel::LastActive, Qt::ToolTipRole).toString());
    updateAccessFields();
    updateActions();
    if (parentWidget())
        show(); // beside its table; never as a window of its own
}

void ConnectorInspector::setAccess(const ConnectionAccess *access)
{
    m_access = access;
    connect(access, &ConnectionAccess::changed, this, [this](qint64 id) {
        if (id == m_connectionId)
            updateAccessFields();
    });
    updateAccessFields();
}

// Times and numbers only: the tokens themselves never reach a view.
void ConnectorInspector::updateAccessFields()
{
    const ConnectorRow *row = currentRow();
    const bool live = row && (row->status == Connection::Status::Live ||
                              row->status == Connection::Status::Expiring);
    if (!m_access || !row) {
        for (QLabel *label : {m_signIn, m_apiVersion, m_rateBudget})
            label->setText(tr("not known"));
        return;
    }
    const ConnectionAccess::Details details = m_access->details(row->id);
    m_apiVersion->setText(details.apiVersion.isEmpty() ? tr("not known") : details.apiVersion);
    if (!live)
        m_signIn->setText(tr("none: the store is not connected"));
    else if (!details.oauth)
        m_signIn->setText(tr("keys pasted by you; they do not expire"));
    else if (!details.signInLoaded)
        m_signIn->setText(tr("reading from the keyring…"));
    else if (!details.expiresAt.isValid())
        m_signIn->setText(tr("does not expire"));
    else
        m_signIn->setText(
            (details.renewsItself ? tr("expires %1; renewed automatically")
                                  : tr("expires %1; reconnect before then"))
                .arg(DisplayFormat::dateTime(details.expiresAt.toMSecsSinceEpoch())));
    if (details.budget)
        m_rateBudget->setText(tr("%1 of %2 available, refilling %3 per second")
                                  .arg(QLocale().toString(qRound64(details.budget->available)),
                                       QLocale().toString(qRound64(details.budget->capacity)),
                                       QLocale().toString(details.budget->refillPerSecond)));
    else
        m_rateBudget->setText(tr("not measured yet (nothing sent this session)"));
}

void ConnectorInspector::updateActions()
{
    using S = Connection::Status;
    const ConnectorRow *row = currentRow();
    const S status = row ? row->status : S::Inactive;
    const bool reconnectable =
        status == S::Failed || status == S::Expiring || status == S::Disconnected;
    m_reconnect->setEnabled(row && !m_busy && reconnectable);
    const bool live = status == S::Live || status == S::Expiring;
    m_import->setEnabled(row && !m_busy && live && m_importable && m_importable(row->provider));
    // The shop's choices (shipping profiles, …) need its sign-in: shown for
    // every such store, usable while connected.
    m_channelSettings->setVisible(row && m_publishable && m_publishable(row->provider));
    m_channelSettings->setEnabled(row && !m_busy && live);
    m_channelSettings->setToolTip(
        live ? tr("The defaults every product published to this store is listed with")
             : tr("Reconnect the store to change its channel settings"));
    m_disconnect->setEnabled(row && !m_busy && ConnectionStore::canMove(status, S::Disconnected));
    m_disconnect->setText(m_busy ? tr("Disconnecting…") : tr("Disconnect…"));
}

void ConnectorInspector::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConnectorInspector::disconnectConnection()
{
    const ConnectorRow *row = currentRow();
    if (!row || m_busy)
        return;
    const qint64 id = row->id;
    const QString name = row->name;
    const QString store = row->domain.isEmpty() ? name : tr("%1 (%2)").arg(name, row->domain);
    if (!m_confirm(tr("Disconnect %1?\n\nIts stored keys will be removed from your "
                      "password keyring and Storeloom stops syncing with it. You can "
                      "reconnect it later.")
                       .arg(store)))
        return;

    showError({});
    m_busy = true;
    updateActions();
    qCInfo(lcUi) << "disconnecting connection" << id;
    // Kept alive by its own callback until the keychain answers.
    auto retirement = std::make_shared<ConnectionRetirement>(m_model->workspace(), *m_secrets);
    const QPointer<ConnectorInspector> self(this);
    try {
        retirement->retire(id, ConnectionRetirement::Mode::Disconnect,
                           [self, retirement, id, name](const QString &error) {
                               if (self)
                                   self->finishDisconnect(id, name, error);
                           });
    } catch (const WorkspaceError &error) {
        finishDisconnect(id, name, error.message());
    }
}

void ConnectorInspector::finishDisconnect(qint64 id, const QString &name, const QString &error)
{
    m_busy = false;
    updateActions();
    if (error.isEmpty()) {
        qCInfo(lcUi) << "connection" << id << "disconnected";
        Q_EMIT connectionDisconnected(id);
    } else {
        showError(tr("%1 was not disconnected: %2").arg(name, error));
    }
    m_model->refresh();
    reloadEvents();
}

void ConnectorInspector::reloadEvents()
{
    m_eventsModel->connectionId = m_connectionId;
    if (m_connectionId != 0)
        m_eventsModel->refresh(); // a load still running for another connection is dropped
}

void ConnectorInspector::showEventsNote(const QString &error)
{
    const bool none = m_eventsModel->rowCount() == 0;
    m_noEvents->setText(error.isEmpty() ? tr("No activity recorded for this store yet.")
                                        : tr("Recent activity could not be read: %1").arg(error));
    m_noEvents->setVisible(none || !error.isEmpty());
    m_events->setVisible(!none);
}

} // namespace storeloom
