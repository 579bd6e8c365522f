#include "output.h"

#include "jsonoutput.h"
#include "textoutput.h"

namespace storeloom::cli {

std::unique_ptr<Output> Output::create(bool json)
{
    if (json)
        return std::make_unique<JsonOutput>();
    return std::make_unique<TextOutput>();
}

std::optional<qint64> nextAttempt(const SyncItem &item)
{
    if (item.state == SyncItem::State::Pending || item.state == SyncItem::State::Failed)
        return item.nextAttemptAt;
    return std::nullopt;
}

} // namespace storeloom::cli
