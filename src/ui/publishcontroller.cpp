#include "publishcontroller.h"

#include "channeloverridesdialog.h"
#include "channelsettings.h"
#include "productselectiondialog.h"
#include "publishbackend.h"
#include "publishconfirmationdialog.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QMessageBox>
#include <QProgressDialog>

namespace storeloom {

namespace {

template<typename Dialog> Dialog *windowModal(Dialog *dialog, const QString &objectName)
{
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    return dialog;
}

} // namespace

PublishController::PublishController(Workspace workspace, PublishBackend &backend, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_backend(backend)
{
    connect(&backend, &PublishBackend::planned, this, &PublishController::showPlan);
    connect(&backend, &PublishBackend::planFailed, this, &PublishController::planFailed);
}

PublishController::~PublishController() = default;

ProductSelectionDialog *PublishController::selectionDialog() const
{
    return m_selection;
}
QProgressDialog *PublishController::planningDialog() const
{
    return m_planning;
}
PublishConfirmationDialog *PublishController::confirmationDialog() const
{
    return m_confirmation;
}
ChannelOverridesDialog *PublishController::overridesDialog() const
{
    return m_overrides;
}
QMessageBox *PublishController::errorBox() const
{
    return m_error;
}

QWidget *PublishController::openDialog() const
{
    for (QWidget *dialog :
         std::initializer_list<QWidget *>{m_overrides, m_confirmation, m_planning, m_selection}) {
        if (dialog)
            return dialog;
    }
    return nullptr;
}

void PublishController::start(const QList<qint64> &productIds, QWidget *window)
{
    if (QWidget *open = openDialog()) {
        open->raise();
        open->activateWindow();
        return;
    }
    m_window = window;
    m_selection = windowModal(
        new ProductSelectionDialog(m_workspace, m_backend.targets(), productIds, window),
        QStringLiteral("productSelectionDialog"));
    connect(m_selection, &QDialog::accepted, this, [this, dialog = m_selection] {
        m_target = dialog->targetConnectionId();
        m_products = dialog->selectedProductIds();
        m_includes = dialog->includes();
        requestPlan();
    });
    m_selection->open();
}

void PublishController::requestPlan()
{
    qCDebug(lcUi) << "publish: planning" << m_products.size() << "products for connection"
                  << m_target;
    m_waiting = true;
    if (m_confirmation) {
        m_confirmation->setBusy(true);
    } else if (!m_planning) {
        m_planning = windowModal(new QProgressDialog(tr("Checking the products against the "
                                                        "channel…"),
                                                     tr("Cancel"), 0, 0, m_window),
                                 QStringLiteral("publishPlanning"));
        m_planning->setWindowTitle(tr("Publish"));
        m_planning->setMinimumDuration(0);
        // A plan that arrives after Cancel (or Escape) is dropped; nothing was changed.
        const auto cancelled = [this] {
            m_waiting = false;
            closePlanning();
        };
        connect(m_planning, &QProgressDialog::canceled, this, cancelled);
        connect(m_planning, &QDialog::rejected, this, cancelled);
        m_planning->open();
    }
    m_backend.plan(m_target, m_products, m_includes);
}

void PublishController::closePlanning()
{
    if (m_planning)
        m_planning->deleteLater();
    m_planning.clear();
}

void PublishController::showPlan(const PublishPlan &plan)
{
    if (!m_waiting || plan.connectionId != m_target)
        return; // not asked for, or asked for and cancelled
    m_waiting = false;
    closePlanning();
    if (m_confirmation) {
        m_confirmation->setPlan(plan);
        return;
    }
    m_confirmation = windowModal(new PublishConfirmationDialog(plan, m_window),
                                 QStringLiteral("publishConfirmationDialog"));
    connect(m_confirmation, &PublishConfirmationDialog::editOverridesRequested, this,
            &PublishController::editOverrides);
    connect(m_confirmation, &QDialog::accepted, this, &PublishController::confirm);
    m_confirmation->open();
}

void PublishController::planFailed(qint64 connectionId, const QString &message)
{
    if (!m_waiting || connectionId != m_target)
        return;
    m_waiting = false;
    closePlanning();
    if (m_confirmation)
        m_confirmation->setBusy(false);
    showError(tr("The products could not be checked against the channel."), message);
}

void PublishController::editOverrides(qint64 productId)
{
    if (!m_confirmation || m_overrides)
        return;
    const PublishPlan plan = m_confirmation->plan();
    QString title;
    for (const PlanEntry &entry : plan.entries) {
        if (entry.productId == productId)
            title = entry.title;
    }
    QJsonObject overrides;
    try {
        const DbHandle handle = m_workspace.openHandle();
        overrides = ChannelSettingsStore(handle.db()).overrides(m_target, productId);
    } catch (const WorkspaceError &error) {
        showError(tr("The product's overrides could not be read."), error.message());
        return;
    }
    m_overrides =
        windowModal(new ChannelOverridesDialog(title, plan.channelName, overrides, m_confirmation),
                    QStringLiteral("channelOverridesDialog"));
    connect(m_overrides, &QDialog::accepted, this, [this, productId, dialog = m_overrides] {
        try {
            const DbHandle handle = m_workspace.openHandle();
            ChannelSettingsStore(handle.db())
                .setOverrides(m_target, productId, dialog->overrides());
        } catch (const WorkspaceError &error) {
            showError(tr("The product's overrides could not be saved."), error.message());
            return;
        }
        requestPlan(); // the overrides change what the channel would get
    });
    m_overrides->open();
}

void PublishController::confirm()
{
    const PublishPlan plan = m_confirmation->plan();
    try {
        const qint64 runId = m_backend.confirm(plan);
        qCInfo(lcUi) << "publish: run" << runId << "started for" << plan.entries.size()
                     << "products on connection" << plan.connectionId;
        Q_EMIT runStarted(runId);
    } catch (const WorkspaceError &error) {
        showError(tr("Publishing could not start."), error.message());
    }
}

void PublishController::showError(const QString &text, const QString &details)
{
    qCWarning(lcUi).noquote() << "publish:" << text << details;
    QWidget *parent = openDialog();
    m_error = windowModal(new QMessageBox(QMessageBox::Warning, tr("Publish"), text,
                                          QMessageBox::Ok, parent ? parent : m_window.data()),
                          QStringLiteral("publishError"));
    m_error->setInformativeText(details);
    m_error->open();
}

} // namespace storeloom
