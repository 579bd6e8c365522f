#pragma once

#include "publishbackend.h"
#include "publishservice.h"

namespace storeloom {

// PublishController's backend in the application: the PublishService.
// Header-only, so that only what wires the service in links against it.
class PublishServiceBackend final : public PublishBackend
{
public:
    explicit PublishServiceBackend(PublishService &service, QObject *parent = nullptr)
        : PublishBackend(parent), m_service(service)
    {
        connect(&service, &PublishService::planned, this, &PublishBackend::planned);
        connect(&service, &PublishService::planFailed, this, &PublishBackend::planFailed);
    }

    QList<Connection> targets() const override { return m_service.targets(); }
    void plan(qint64 connectionId, const QList<qint64> &productIds,
              const OfferIncludes &includes) override
    {
        m_service.plan(connectionId, productIds, includes);
    }
    qint64 confirm(const PublishPlan &plan) override { return m_service.confirm(plan); }

private:
    PublishService &m_service;
};

} // namespace storeloom
