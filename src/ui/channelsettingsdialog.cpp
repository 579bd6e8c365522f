#include "channelsettingsdialog.h"

#include "channelpricing.h"
#include "pricerule.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace storeloom {

namespace {

// Settings are stored as strings or, for ids, numbers; both read back as text.
QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

QLabel *noteLabel(const QString &objectName, QWidget *parent, bool problem)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // the shop's words and messages are data
    label->setWordWrap(true);
    if (problem)
        label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->hide();
    return label;
}

} // namespace

ChannelSettingsDialog::ChannelSettingsDialog(const QString &channelName,
                                             const QList<ChannelSettingField> &fields,
                                             const QJsonObject &current, QWidget *parent)
    : QDialog(parent), m_original(current)
{
    setObjectName(QStringLiteral("channelSettingsDialog"));
    setWindowTitle(channelName.isEmpty() ? tr("Channel settings")
                                         : tr("Channel settings for %1").arg(channelName));
    auto *intro = new QLabel(tr("Every product published to this channel is listed with these "
                                "defaults. Type to search a list."),
                             this);
    intro->setWordWrap(true);

    m_status = noteLabel(QStringLiteral("choicesStatus"), this, false);
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Ask the shop for its choices again"));
    m_retry->setAutoDefault(false); // Enter saves; it never retries by surprise
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] {
        setLoading(true);
        Q_EMIT retryRequested();
    });
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_retry, 0, Qt::AlignTop);

    auto *form = new QFormLayout;
    m_rows.reserve(fields.size());
    for (const ChannelSettingField &field : fields) {
        m_rows.append(Row{field, nullptr, nullptr, false, false});
        const QString value = textOf(current.value(field.key));
        if (!value.isEmpty())
            m_chosen.insert(field.key, value);
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        auto *label = new QLabel(row.field.label + QLatin1Char(':'), this);
        label->setObjectName(row.field.key + QStringLiteral("Label"));
        QWidget *editor = createRow(row);
        label->setBuddy(row.combo);
        form->addRow(label, editor);
        connect(row.combo, &QComboBox::currentTextChanged, this, [this, i] { validate(i); });
        connect(row.combo, &QComboBox::currentIndexChanged, this, [this, i] { validate(i); });
        connect(row.combo->lineEdit(), &QLineEdit::editingFinished, this,
                [this, i] { validate(i); });
    }

    // The hub's price rule, for prices in another currency than the shop's.
    m_priceRule = new QLineEdit(this);
    m_priceRule->setObjectName(QStringLiteral("priceRuleEdit"));
    m_priceRule->setPlaceholderText(tr("from=EUR to=USD rate=1.0842 adjust=+10% round=.99"));
    if (const auto rule = PriceRule::fromJson(current.value(pricingkeys::priceRule).toObject());
        rule && current.value(pricingkeys::priceRule).isObject())
        m_priceRule->setText(rule->spec());
    const QString currency = current.value(pricingkeys::channelCurrency).toString();
    m_priceRule->setToolTip(currency.isEmpty()
                                ? tr("Leave empty to send prices as they are.")
                                : tr("The shop sells in %1. Leave empty to send prices as they "
                                     "are.").arg(currency));
    form->addRow(tr("Price rule:"), m_priceRule);

    m_missing = noteLabel(QStringLiteral("settingsMissing"), this, false);
    m_saveError = noteLabel(QStringLiteral("saveError"), this, true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ChannelSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(statusRow);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_missing);
    layout->addWidget(m_saveError);
    layout->addWidget(buttons);
    setLoading(true);
    resize(560, sizeHint().height());
}

ChannelSettingsDialog::~ChannelSettingsDialog()
{
    // QDialog's destructor hides the dialog, which takes the focus from a
    // combo: its signals must not reach validate() once m_rows is gone.
    for (const Row &row : std::as_const(m_rows)) {
        row.combo->disconnect(this);
        row.combo->lineEdit()->disconnect(this);
    }
}

QWidget *ChannelSettingsDialog::createRow(Row &row)
{
    auto *editor = new QWidget(this);
    row.combo = new QComboBox(editor);
    row.combo->setObjectName(row.field.key + QStringLiteral("Combo"));
    row.combo->setAccessibleName(row.field.label);
    row.combo->setEditable(true);
    row.combo->setInsertPolicy(QComboBox::NoInsert); // only the shop's choices are valid
    row.combo->setMaxVisibleItems(15);
    // Category paths are long; without this the dialog grows to fit the longest.
    row.combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    row.combo->setMinimumContentsLength(32);
    // Any part of a label finds it: "candle" finds "Home & Living › Candles".
    QCompleter *completer = row.combo->completer();
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setMaxVisibleItems(15);

    auto *layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.combo);
    if (!row.field.hint.isEmpty()) {
        QLabel *hint = noteLabel(row.field.key + QStringLiteral("Hint"), editor, false);
        hint->setText(row.field.hint);
        hint->setEnabled(false); // greyed: a hint, not a value
        hint->show();
        row.combo->setToolTip(row.field.hint);
        layout->addWidget(hint);
    }
    row.problem = noteLabel(row.field.key + QStringLiteral("Error"), editor, true);
    layout->addWidget(row.problem);
    return editor;
}

void ChannelSettingsDialog::setLoading(bool loading)
{
    m_loading = loading;
    if (loading) {
        m_status->setText(tr("Loading your shop's choices…"));
        m_status->show();
        m_retry->hide();
        m_saveError->hide();
    }
    for (Row &row : m_rows) {
        // What is chosen stays in view; it cannot change until the choices are in.
        row.combo->setEnabled(!loading && row.combo->count() > 0);
        if (loading && row.combo->count() == 0)
            row.combo->lineEdit()->setPlaceholderText(tr("Loading…"));
    }
    updateSave();
}

void ChannelSettingsDialog::setChoices(const ChannelChoices &choices, const QString &error)
{
    const bool failed = !error.isEmpty();
    m_loading = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        fill(m_rows[i], choices, failed);
        validate(i);
    }
    m_status->setText(failed ? tr("Your shop's choices could not be loaded: %1\nWhat is already "
                                  "set is kept.")
                                   .arg(error)
                             : QString());
    m_status->setVisible(failed);
    m_retry->setVisible(failed);
    setLoading(false);
    // Keyboard users start where a choice is still needed.
    for (const Row &row : std::as_const(m_rows)) {
        if (row.field.required && !m_chosen.contains(row.field.key) && row.combo->isEnabled()) {
            row.combo->setFocus();
            break;
        }
    }
}

void ChannelSettingsDialog::fill(Row &row, const ChannelChoices &choices, bool failed)
{
    const QString value = m_chosen.value(row.field.key);
    const QSignalBlocker blocker(row.combo); // validate() runs once it is filled
    row.combo->clear();
    const auto offered = choices.constFind(row.field.key);
    row.offered = offered != choices.constEnd();
    if (row.offered) {
        for (const ChannelChoice &choice : *offered)
            row.combo->addItem(choice.label, choice.value);
    } else if (!value.isEmpty()) {
        // Not answered (or not offered): keep the saved value, shown as it is stored.
        row.combo->addItem(tr("%1 (saved)").arg(value), value);
    }
    const int index = value.isEmpty() ? -1 : row.combo->findData(value);
    row.combo->setCurrentIndex(index);
    if (index < 0)
        row.combo->setEditText(QString());
    row.stale = row.offered && !value.isEmpty() && index < 0;
    row.combo->lineEdit()->setPlaceholderText(row.combo->count() > 0
                                                  ? tr("Type to search, or pick from the list")
                                              : failed ? tr("Not loaded")
                                                       : tr("None offered"));
}

QString ChannelSettingsDialog::chosenIn(const Row &row) const
{
    const QString text = row.combo->currentText().trimmed();
    if (text.isEmpty())
        return {};
    const int current = row.combo->currentIndex();
    // Labels can repeat (two shipping profiles named alike): the picked item first.
    if (current >= 0 && row.combo->itemText(current) == text)
        return row.combo->itemData(current).toString();
    const int typed = row.combo->findText(text, Qt::MatchFixedString);
    return typed >= 0 ? row.combo->itemData(typed).toString() : QString();
}

void ChannelSettingsDialog::validate(int index)
{
    Row &row = m_rows[index];
    if (m_loading)
        return; // nothing can be chosen yet; keep what was set
    const QString text = row.combo->currentText().trimmed();
    const QString value = chosenIn(row);
    if (value.isEmpty())
        m_chosen.remove(row.field.key);
    else
        m_chosen.insert(row.field.key, value);
    if (!text.isEmpty())
        row.stale = false; // the merchant is choosing again

    QString problem;
    if (!text.isEmpty() && value.isEmpty()) {
        // While the merchant types a search that still finds something, say
        // nothing; a search that finds nothing, or leaving it half-typed, is wrong.
        bool found = false;
        for (int item = 0; item < row.combo->count() && !found; ++item)
            found = row.combo->itemText(item).contains(text, Qt::CaseInsensitive);
        if (!found)
            problem = tr("No choice matches “%1”.").arg(text);
        else if (!row.combo->hasFocus())
            problem = tr("“%1” is not one of the choices: pick one from the list.").arg(text);
    } else if (row.stale)
        problem = tr("What was chosen before is no longer offered by the shop: choose again.");
    else if (row.combo->count() == 0 && !row.offered && row.field.required)
        problem = tr("Nothing to choose from yet.");
    row.problem->setText(problem);
    row.problem->setVisible(!problem.isEmpty());
    m_saveError->hide(); // it was about the values before this change
    updateSave();
}

void ChannelSettingsDialog::updateSave()
{
    QStringList missing;
    bool unmatched = false;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.field.required && !m_chosen.contains(row.field.key))
            missing.append(row.field.label);
        if (!m_loading && !row.combo->currentText().trimmed().isEmpty() &&
            !m_chosen.contains(row.field.key))
            unmatched = true;
    }
    m_missing->setText(tr("To save, choose: %1.").arg(missing.join(QStringLiteral(", "))));
    m_missing->setVisible(!m_loading && !missing.isEmpty());
    m_save->setEnabled(!m_loading && missing.isEmpty() && !unmatched);
}

QJsonObject ChannelSettingsDialog::settings() const
{
    QJsonObject result = m_original; // keys without a field here are the adapter's
    for (const Row &row : m_rows) {
        const QString &key = row.field.key;
        const QString value = m_chosen.value(key);
        bool number = false;
        const qint64 id = key.endsWith(QLatin1String("_id")) ? value.toLongLong(&number) : 0;
        if (value.isEmpty())
            result.remove(key);
        else if (number)
            result.insert(key, id);
        else
            result.insert(key, value);
    }
    const auto rule = PriceRule::fromSpec(m_priceRule->text(), nullptr);
    if (m_priceRule->text().trimmed().isEmpty())
        result.remove(pricingkeys::priceRule);
    else if (rule)
        result.insert(pricingkeys::priceRule, rule->toJson());
    return result;
}

void ChannelSettingsDialog::accept()
{
    if (!m_save->isEnabled())
        return; // Enter with a choice still missing
    QString ruleError;
    if (!m_priceRule->text().trimmed().isEmpty() &&
        !PriceRule::fromSpec(m_priceRule->text(), &ruleError)) {
        m_saveError->setText(tr("The settings were not saved: %1").arg(ruleError));
        m_saveError->show();
        return;
    }
    if (m_saveHandler) {
        const QString error = m_saveHandler(settings());
        if (!error.isEmpty()) {
            m_saveError->setText(tr("The settings were not saved: %1").arg(error));
            m_saveError->show();
            return;
        }
    }
    QDialog::accept();
}

} // namespace storeloom
