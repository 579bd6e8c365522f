#pragma once

#include <QDialog>
#include <QJsonObject>

class QLineEdit;
class QPlainTextEdit;

namespace storeloom {

// How one product is listed on one channel when it should differ from the
// catalog: its title, description and tags (comma-separated). An empty field
// uses the catalog's; keys the channel's adapter adds itself are kept.
//
// Object names: overridesTitle, overridesDescription, overridesTags,
// overridesSave, overridesCancel.
class ChannelOverridesDialog : public QDialog
{
    Q_OBJECT

public:
    ChannelOverridesDialog(const QString &productTitle, const QString &channelName,
                           const QJsonObject &overrides, QWidget *parent = nullptr);

    // The overrides as edited: keys "title", "description", "tags" for the
    // fields that are filled in (none: an empty object, no overrides).
    QJsonObject overrides() const;

private:
    QJsonObject m_original;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QLineEdit *m_tags = nullptr;
};

} // namespace storeloom
