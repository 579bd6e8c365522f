#include "channeloverridesdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace storeloom {

namespace {

const QString kTitle = QStringLiteral("title");
const QString kDescription = QStringLiteral("description");
const QString kTags = QStringLiteral("tags");

// "a, b ,,c " → "a, b, c"
QString normalizedTags(const QString &text)
{
    QStringList tags;
    for (const QString &tag : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            tags.append(tag.trimmed());
    }
    return tags.join(QStringLiteral(", "));
}

} // namespace

ChannelOverridesDialog::ChannelOverridesDialog(const QString &productTitle,
                                               const QString &channelName,
                                               const QJsonObject &overrides, QWidget *parent)
    : QDialog(parent), m_original(overrides)
{
    setObjectName(QStringLiteral("channelOverridesDialog"));
    setWindowTitle(tr("%1 on %2").arg(productTitle, channelName));
    auto *intro =
        new QLabel(tr("Change how this product is listed on %1. Empty fields use the catalog's.")
                       .arg(channelName),
                   this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);

    m_title = new QLineEdit(overrides.value(kTitle).toString(), this);
    m_title->setObjectName(QStringLiteral("overridesTitle"));
    m_title->setPlaceholderText(productTitle);
    m_description = new QPlainTextEdit(overrides.value(kDescription).toString(), this);
    m_description->setObjectName(QStringLiteral("overridesDescription"));
    m_description->setPlaceholderText(tr("The catalog's description"));
    m_description->setTabChangesFocus(true);
    m_tags = new QLineEdit(overrides.value(kTags).toString(), this);
    m_tags->setObjectName(QStringLiteral("overridesTags"));
    m_tags->setPlaceholderText(tr("The catalog's tags (separate tags with commas)"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("overridesSave"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("overridesCancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(intro);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("T&ags:"), m_tags);
    form->addRow(buttons);
    resize(520, 360);
}

QJsonObject ChannelOverridesDialog::overrides() const
{
    QJsonObject result = m_original;
    const auto put = [&result](const QString &key, const QString &value) {
        if (value.isEmpty())
            result.remove(key);
        else
            result.insert(key, value);
    };
    put(kTitle, m_title->text().trimmed());
    put(kDescription, m_description->toPlainText().trimmed());
    put(kTags, normalizedTags(m_tags->text()));
    return result;
}

} // namespace storeloom
