#pragma once

#include <QDialog>
#include <QHash>
#include <QUrl>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace storeloom {

class ConnectForm;
class Provider;
class ProviderRegistry;

// "Add connector": the merchant picks a platform, fills the form that fits
// how it authorizes (with inline validation), and then waits for the browser
// — with the address to copy, a field for pasting the address the browser
// ended on, and Cancel — until the store is connected. The stages
// (Configure → Authorize → Inspect → Import) stay in view. The dialog only
// asks and shows; whoever drives the connection listens to its signals.
class AddConnectorDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Page { Platform, Details, Waiting, Connected };

    explicit AddConnectorDialog(const ProviderRegistry &providers, QWidget *parent = nullptr);

    Page page() const;
    const Provider *provider() const { return m_provider; }
    // Straight to `providerId`'s form (signing in to a known store again),
    // with the fields in `values` filled in. False: no such platform here.
    bool startWith(const QString &providerId, const QHash<QString, QString> &values = {});
    // Fills in fields of the form shown, leaving what the merchant typed alone.
    void prefill(const QHash<QString, QString> &values);

public Q_SLOTS:
    void showAuthorizationUrl(const QUrl &url);
    // Back to the details with what went wrong; nothing the merchant typed is lost.
    void showFailure(const QString &message);
    void showConnected(const QString &shopName);
    // The pasted address did not belong to this attempt (wrong state, wrong place).
    void showPasteRefused();

Q_SIGNALS:
    void connectRequested(const QString &providerId, const QHash<QString, QString> &values);
    void redirectPasted(const QUrl &url);
    void cancelRequested();

public:
    void reject() override;

private:
    QWidget *createPlatformPage();
    QWidget *createWaitingPage();
    QWidget *createConnectedPage();
    void choosePlatform();
    void requestConnect();
    void pasteRedirect();
    void cancelWaiting();
    void setPage(Page page);

    const ProviderRegistry &m_providers;
    const Provider *m_provider = nullptr;
    QLabel *m_stages = nullptr;
    QStackedWidget *m_pages = nullptr;
    QListWidget *m_platforms = nullptr;
    QWidget *m_detailsPage = nullptr;
    ConnectForm *m_form = nullptr;
    QLabel *m_failure = nullptr;
    QPushButton *m_connect = nullptr;
    QLabel *m_waitingText = nullptr;
    QLineEdit *m_authorizationUrl = nullptr;
    QLineEdit *m_pastedUrl = nullptr;
    QLabel *m_pasteProblem = nullptr;
    QLabel *m_connectedText = nullptr;
};

} // namespace storeloom
