#pragma once

#include "publishingprovider.h"
#include "publishservice.h"

#include <QJsonObject>
#include <QObject>

namespace storeloom {

// What ChannelSettingsController needs of publishing: the PublishService
// through PublishServiceSettingsBackend in the application, a fake in tests
// (the service's choices need the keychain and the shop's network).
class ChannelSettingsBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The connection's name as the merchant knows it (dialog title); empty if unknown.
    virtual QString connectionName(qint64 connectionId) const = 0;
    virtual QList<ChannelSettingField> settingFields(qint64 connectionId) const = 0;
    // Throws WorkspaceError when the workspace cannot be read.
    virtual QJsonObject settings(qint64 connectionId) const = 0;
    // Throws WorkspaceError when the settings cannot be stored.
    virtual void saveSettings(qint64 connectionId, const QJsonObject &settings) = 0;
    // `choicesLoaded` follows, possibly before this returns.
    virtual void loadChoices(qint64 connectionId) = 0;

Q_SIGNALS:
    void choicesLoaded(qint64 connectionId, const storeloom::ChannelChoices &choices,
                       const QString &error);
};

// The backend in the application. Header-only, like PublishServiceBackend.
class PublishServiceSettingsBackend final : public ChannelSettingsBackend
{
public:
    explicit PublishServiceSettingsBackend(PublishService &service, QObject *parent = nullptr)
        : ChannelSettingsBackend(parent), m_service(service)
    {
        connect(&service, &PublishService::choicesLoaded, this,
                &ChannelSettingsBackend::choicesLoaded);
    }

    QString connectionName(qint64 connectionId) const override
    {
        for (const Connection &connection : m_service.targets()) {
            if (connection.id == connectionId)
                return connection.name;
        }
        return {};
    }
    QList<ChannelSettingField> settingFields(qint64 connectionId) const override
    {
        return m_service.settingFields(connectionId);
    }
    QJsonObject settings(qint64 connectionId) const override
    {
        return m_service.settings(connectionId);
    }
    void saveSettings(qint64 connectionId, const QJsonObject &settings) override
    {
        m_service.saveSettings(connectionId, settings);
    }
    void loadChoices(qint64 connectionId) override { m_service.loadChoices(connectionId); }

private:
    PublishService &m_service;
};

} // namespace storeloom
