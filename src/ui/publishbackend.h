#pragma once

#include "connection.h"
#include "publishplan.h"

#include <QObject>

namespace storeloom {

// What PublishController needs of publishing: PublishService through
// PublishServiceBackend in the application, a fake in tests.
class PublishBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The connections products can be published to.
    virtual QList<Connection> targets() const = 0;
    // Plans off the caller's thread: `planned` or `planFailed` follows.
    // `includes`: the products other than active ones the merchant offers.
    virtual void plan(qint64 connectionId, const QList<qint64> &productIds,
                      const OfferIncludes &includes) = 0;
    // Starts a background run for the confirmed plan; returns its id. Throws
    // WorkspaceError when the run cannot be stored.
    virtual qint64 confirm(const PublishPlan &plan) = 0;

Q_SIGNALS:
    void planned(const storeloom::PublishPlan &plan);
    void planFailed(qint64 connectionId, const QString &message);
};

} // namespace storeloom
