#pragma once

#include "publishingprovider.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace storeloom {

// A channel's publishing defaults (such as who made it, when, category,
// shipping and processing profile): one searchable combo per field — type
// any part of a label to narrow long lists like the categories. The choices
// come from the shop over the network, so the dialog opens while they load,
// says so, and shows a failure with Retry while keeping what is already set.
// Save stays disabled until every required field has one of the choices.
// The dialog only asks and shows; whoever opens it loads and saves.
//
// Object names: channelSettingsDialog, choicesStatus, retryButton,
// settingsMissing, saveError, saveButton, cancelButton, and per field key K:
// K + "Combo", K + "Label", K + "Hint", K + "Error".
class ChannelSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // Stores the settings Save asks for; a non-empty message keeps the
    // dialog open and shows it.
    using SaveHandler = std::function<QString(const QJsonObject &settings)>;

    ChannelSettingsDialog(const QString &channelName, const QList<ChannelSettingField> &fields,
                          const QJsonObject &current, QWidget *parent = nullptr);
    ~ChannelSettingsDialog() override;

    // The choices have arrived. With an `error`, the fields the shop did not
    // answer for keep their current value and Retry is offered.
    void setChoices(const ChannelChoices &choices, const QString &error = {});
    void setSaveHandler(SaveHandler handler) { m_saveHandler = std::move(handler); }

    bool isLoading() const { return m_loading; }
    // The chosen value of field `key` (a choice's value); empty if none.
    QString value(const QString &key) const { return m_chosen.value(key); }
    // The current settings with the chosen values laid over them: strings,
    // integers for keys ending in "_id"; an unset optional field is removed.
    QJsonObject settings() const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    // The merchant wants the choices loaded again; call setChoices() after.
    void retryRequested();

private:
    struct Row
    {
        ChannelSettingField field;
        QComboBox *combo = nullptr;
        QLabel *problem = nullptr;
        bool offered = false; // the shop's choices for it arrived
        bool stale = false;   // its saved value is no longer among them
    };

    QWidget *createRow(Row &row);
    void setLoading(bool loading);
    void fill(Row &row, const ChannelChoices &choices, bool failed);
    QString chosenIn(const Row &row) const;
    void validate(int index);
    void updateSave();

    QJsonObject m_original;
    QLineEdit *m_priceRule = nullptr;
    QList<Row> m_rows;
    QHash<QString, QString> m_chosen; // field key → value, what Save stores
    bool m_loading = true;
    SaveHandler m_saveHandler;
    QLabel *m_status = nullptr;
    QPushButton *m_retry = nullptr;
    QLabel *m_missing = nullptr;
    QLabel *m_saveError = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace storeloom
