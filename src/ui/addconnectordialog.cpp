#include "addconnectordialog.h"

#include "connectform.h"
#include "provider.h"
#include "providerregistry.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace storeloom {

namespace {

QString stagesText(AddConnectorDialog::Page page)
{
    const int current = page == AddConnectorDialog::Page::Waiting     ? 1
                        : page == AddConnectorDialog::Page::Connected ? 2
                                                                      : 0;
    const QStringList stages{AddConnectorDialog::tr("Configure"),
                             AddConnectorDialog::tr("Authorize"), AddConnectorDialog::tr("Inspect"),
                             AddConnectorDialog::tr("Import")};
    QStringList parts;
    for (int i = 0; i < stages.size(); ++i)
        parts.append(i == current ? QStringLiteral("<b>%1</b>").arg(stages.at(i)) : stages.at(i));
    return parts.join(QStringLiteral(" → "));
}

QLabel *problemLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

AddConnectorDialog::AddConnectorDialog(const ProviderRegistry &providers, QWidget *parent)
    : QDialog(parent), m_providers(providers)
{
    setWindowTitle(tr("Add connector"));
    setObjectName(QStringLiteral("addConnectorDialog"));
    m_stages = new QLabel(this);
    m_stages->setObjectName(QStringLiteral("stages"));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(createPlatformPage());
    m_detailsPage = new QWidget(this); // filled once a platform is chosen
    m_pages->addWidget(m_detailsPage);
    m_pages->addWidget(createWaitingPage());
    m_pages->addWidget(createConnectedPage());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stages);
    layout->addWidget(m_pages);
    setPage(Page::Platform);
    resize(520, 360);
}

AddConnectorDialog::Page AddConnectorDialog::page() const
{
    return Page(m_pages->currentIndex());
}

void AddConnectorDialog::setPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
    m_stages->setText(stagesText(page));
}

QWidget *AddConnectorDialog::createPlatformPage()
{
    auto *page = new QWidget(this);
    m_platforms = new QListWidget(page);
    m_platforms->setObjectName(QStringLiteral("platformList"));
    for (const Provider *provider : m_providers.providers()) {
        auto *item = new QListWidgetItem(provider->displayName(), m_platforms);
        item->setData(Qt::UserRole, provider->id());
    }
    m_platforms->setCurrentRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, page);
    auto *next = buttons->addButton(tr("Next"), QDialogButtonBox::AcceptRole);
    next->setObjectName(QStringLiteral("nextButton"));
    next->setDefault(true);
    next->setEnabled(m_platforms->count() > 0);
    connect(next, &QPushButton::clicked, this, &AddConnectorDialog::choosePlatform);
    connect(m_platforms, &QListWidget::itemActivated, this, &AddConnectorDialog::choosePlatform);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddConnectorDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Which platform is the store on?"), page));
    layout->addWidget(m_platforms);
    layout->addWidget(buttons);
    return page;
}

bool AddConnectorDialog::startWith(const QString &providerId,
                                   const QHash<QString, QString> &values)
{
    for (int row = 0; row < m_platforms->count(); ++row) {
        if (m_platforms->item(row)->data(Qt::UserRole).toString() == providerId) {
            m_platforms->setCurrentRow(row);
            choosePlatform();
            prefill(values);
            return true;
        }
    }
    return false;
}

void AddConnectorDialog::prefill(const QHash<QString, QString> &values)
{
    if (m_form && page() == Page::Details)
        m_form->fillEmpty(values);
}

void AddConnectorDialog::choosePlatform()
{
    const QListWidgetItem *item = m_platforms->currentItem();
    if (!item)
        return;
    m_provider = m_providers.find(item->data(Qt::UserRole).toString());

    // A fresh details page for this platform's fields.
    auto *page = new QWidget(this);
    m_form = new ConnectForm(m_provider->connectFields(), page);
    m_failure = problemLabel(QStringLiteral("connectFailure"), page);
    auto *buttons = new QDialogButtonBox(page);
    auto *back = buttons->addButton(tr("Back"), QDialogButtonBox::ResetRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_connect = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_connect->setEnabled(m_form->isComplete());
    connect(m_form, &ConnectForm::completeChanged, m_connect, &QPushButton::setEnabled);
    connect(m_connect, &QPushButton::clicked, this, &AddConnectorDialog::requestConnect);
    connect(back, &QPushButton::clicked, this, [this] { setPage(Page::Platform); });
    connect(buttons, &QDialogButtonBox::rejected, this, &AddConnectorDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Connect your %1 store").arg(m_provider->displayName()), page));
    layout->addWidget(m_form);
    layout->addWidget(m_failure);
    layout->addStretch();
    layout->addWidget(buttons);

    m_pages->removeWidget(m_detailsPage);
    m_detailsPage->deleteLater();
    m_detailsPage = page;
    m_pages->insertWidget(int(Page::Details), page);
    setPage(Page::Details);
}

void AddConnectorDialog::requestConnect()
{
    if (!m_form->isComplete())
        return;
    const bool browser = m_provider->authKind() != Provider::AuthKind::ApiKeys;
    m_waitingText->setText(browser ? tr("Waiting for your browser… Sign in to %1 there and allow "
                                        "Storeloom access.")
                                         .arg(m_provider->displayName())
                                   : tr("Checking the keys with your store…"));
    m_authorizationUrl->clear();
    m_pastedUrl->clear();
    m_pasteProblem->hide();
    for (QWidget *widget : m_pages->widget(int(Page::Waiting))
                               ->findChildren<QWidget *>(QStringLiteral("browserOnly")))
        widget->setVisible(browser);
    setPage(Page::Waiting);
    Q_EMIT connectRequested(m_provider->id(), m_form->values());
}

QWidget *AddConnectorDialog::createWaitingPage()
{
    auto *page = new QWidget(this);
    m_waitingText = new QLabel(page);
    m_waitingText->setObjectName(QStringLiteral("waitingText"));
    m_waitingText->setWordWrap(true);

    auto *browserPart = new QWidget(page);
    browserPart->setObjectName(QStringLiteral("browserOnly"));
    m_authorizationUrl = new QLineEdit(browserPart);
    m_authorizationUrl->setObjectName(QStringLiteral("authorizationUrl"));
    m_authorizationUrl->setReadOnly(true);
    auto *copy = new QPushButton(tr("Copy address"), browserPart);
    copy->setObjectName(QStringLiteral("copyUrlButton"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_authorizationUrl->text()); });
    m_pastedUrl = new QLineEdit(browserPart);
    m_pastedUrl->setObjectName(QStringLiteral("pastedUrl"));
    m_pastedUrl->setPlaceholderText(tr("Paste the address your browser ended on"));
    auto *usePasted = new QPushButton(tr("Use this address"), browserPart);
    usePasted->setObjectName(QStringLiteral("usePastedButton"));
    connect(usePasted, &QPushButton::clicked, this, &AddConnectorDialog::pasteRedirect);
    connect(m_pastedUrl, &QLineEdit::returnPressed, this, &AddConnectorDialog::pasteRedirect);
    m_pasteProblem = problemLabel(QStringLiteral("pasteProblem"), browserPart);

    auto *browserLayout = new QVBoxLayout(browserPart);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(
        new QLabel(tr("If no browser opened, open this address:"), browserPart));
    browserLayout->addWidget(m_authorizationUrl);
    browserLayout->addWidget(copy, 0, Qt::AlignLeft);
    browserLayout->addWidget(new QLabel(
        tr("If your browser could not return to Storeloom, paste where it ended:"), browserPart));
    browserLayout->addWidget(m_pastedUrl);
    browserLayout->addWidget(usePasted, 0, Qt::AlignLeft);
    browserLayout->addWidget(m_pasteProblem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, page);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelWaitingButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &AddConnectorDialog::cancelWaiting);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_waitingText);
    layout->addWidget(browserPart);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

QWidget *AddConnectorDialog::createConnectedPage()
{
    auto *page = new QWidget(this);
    m_connectedText = new QLabel(page);
    m_connectedText->setObjectName(QStringLiteral("connectedText"));
    m_connectedText->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_connectedText);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

void AddConnectorDialog::showAuthorizationUrl(const QUrl &url)
{
    m_authorizationUrl->setText(url.toString());
}

void AddConnectorDialog::pasteRedirect()
{
    const QUrl url = QUrl::fromUserInput(m_pastedUrl->text().trimmed());
    const bool plausible =
        url.isValid() && !url.host().isEmpty() && (url.hasQuery() || url.hasFragment());
    m_pasteProblem->setText(tr("That is not the address the browser ended on: it should contain "
                               "the code and state the store sent back."));
    m_pasteProblem->setVisible(!plausible);
    if (plausible)
        Q_EMIT redirectPasted(url);
}

void AddConnectorDialog::showPasteRefused()
{
    m_pasteProblem->setText(tr("That address does not belong to this sign-in (it may be from an "
                               "earlier attempt). Paste the address of the latest one."));
    m_pasteProblem->show();
}

void AddConnectorDialog::cancelWaiting()
{
    Q_EMIT cancelRequested();
    setPage(Page::Details);
}

void AddConnectorDialog::showFailure(const QString &message)
{
    if (page() != Page::Waiting)
        return;
    m_failure->setText(message);
    m_failure->show();
    setPage(Page::Details);
}

void AddConnectorDialog::showConnected(const QString &shopName)
{
    m_connectedText->setText(tr("%1 is connected. You can inspect it in Connectors and import its "
                                "catalog from there.")
                                 .arg(shopName));
    setPage(Page::Connected);
}

void AddConnectorDialog::reject()
{
    if (page() == Page::Waiting)
        Q_EMIT cancelRequested();
    QDialog::reject();
}

} // namespace storeloom
