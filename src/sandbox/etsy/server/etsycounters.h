#pragma once

#include <QHash>
#include <QString>

namespace storeloom::sandbox::etsy {

struct EtsyOperationCounters
{
    qint64 requests = 0; // answered, whatever the status
    qint64 created = 0;  // 201s
    qint64 throttled = 0; // 429s
};

// What tests and benchmarks read back after a run.
struct EtsyCounters
{
    qint64 requests = 0;       // every /v3 request
    qint64 throttled = 0;      // 429s
    qint64 faultsInjected = 0; // requests a fault changed
    QHash<QString, EtsyOperationCounters> operations; // by Etsy operationId, e.g. "createDraftListing"
};

} // namespace storeloom::sandbox::etsy
