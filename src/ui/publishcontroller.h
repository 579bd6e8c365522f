#pragma once

#include "publishoffer.h"
#include "workspace.h"

#include <QObject>
#include <QPointer>

class QMessageBox;
class QProgressDialog;
class QWidget;

namespace storeloom {

class ChannelOverridesDialog;
class PublishBackend;
class ProductSelectionDialog;
class PublishConfirmationDialog;
struct PublishPlan;

// "Publish to…" from the Catalog selection: the product selection dialog,
// then the plan (busy meanwhile; a failure says why), then the confirmation
// dialog — where editing a product's overrides saves them and plans again —
// and on Confirm a background run (runStarted). One at a time; the dialogs
// are window-modal and delete themselves when closed.
class PublishController : public QObject
{
    Q_OBJECT

public:
    PublishController(Workspace workspace, PublishBackend &backend, QObject *parent = nullptr);
    ~PublishController() override;

    // Starts with these products checked, over `window`. While a publish is
    // being prepared, brings its dialog to the front instead.
    void start(const QList<qint64> &productIds, QWidget *window);

    // The open dialogs, for tests (nullptr when not open).
    ProductSelectionDialog *selectionDialog() const;
    QProgressDialog *planningDialog() const;
    PublishConfirmationDialog *confirmationDialog() const;
    ChannelOverridesDialog *overridesDialog() const;
    QMessageBox *errorBox() const;

Q_SIGNALS:
    void runStarted(qint64 runId);

private:
    QWidget *openDialog() const;
    void requestPlan();
    void showPlan(const PublishPlan &plan);
    void planFailed(qint64 connectionId, const QString &message);
    void editOverrides(qint64 productId);
    void confirm();
    void showError(const QString &text, const QString &details);
    void closePlanning();

    Workspace m_workspace;
    PublishBackend &m_backend;
    QPointer<QWidget> m_window;
    qint64 m_target = 0;
    QList<qint64> m_products;
    OfferIncludes m_includes; // what the selection dialog offers besides active products
    bool m_waiting = false; // for a plan of m_target
    QPointer<ProductSelectionDialog> m_selection;
    QPointer<QProgressDialog> m_planning;
    QPointer<PublishConfirmationDialog> m_confirmation;
    QPointer<ChannelOverridesDialog> m_overrides;
    QPointer<QMessageBox> m_error;
};

} // namespace storeloom
