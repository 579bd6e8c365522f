#include "listingpublisher.h"

#include "inventorypushstep.h"
#include "listingdeactivatestep.h"
#include "listingoperations.h"
#include "listingwritestep.h"
#include "mediauploadstep.h"

#include <QCoreApplication>

namespace storeloom {

ListingPublisher::ListingPublisher(Workspace workspace, qint64 connectionId, OpenChannel open)
    : m_workspace(std::move(workspace)), m_connectionId(connectionId), m_open(std::move(open))
{
    const auto write = std::make_shared<ListingWriteStep>();
    m_steps.insert(listingops::create(), write);
    m_steps.insert(listingops::update(), write);
    m_steps.insert(listingops::stock(), std::make_shared<InventoryPushStep>());
    m_steps.insert(listingops::media(), std::make_shared<MediaUploadStep>());
    m_steps.insert(listingops::deactivate(), std::make_shared<ListingDeactivateStep>());
}

ListingPublisher::~ListingPublisher() = default;

ItemOutcome ListingPublisher::execute(const SyncItem &item)
{
    const bool whole = item.operation == listingops::wholePublish();
    const std::shared_ptr<ListingStep> step =
        m_steps.value(whole ? listingops::create() : item.operation);
    if (!step)
        return ItemOutcome::permanent(
            QCoreApplication::translate("ListingPublisher", "Storeloom cannot carry out %1 items.")
                .arg(item.operation));
    const DbHandle handle = m_workspace.openHandle();
    const std::unique_ptr<ListingChannel> channel = m_open();
    ListingAttempt attempt(item, handle.db(), m_connectionId, *channel);
    ItemOutcome failure;
    if (step->needsListing() && !attempt.prepare(failure))
        return failure;
    if (!whole)
        return step->run(attempt);

    // All of a product's publish in one attempt, each step going on from
    // where an earlier attempt stopped.
    attempt.setMoreStepsFollow(true);
    ItemOutcome outcome = step->run(attempt);
    if (outcome.kind != ItemOutcome::Kind::Succeeded)
        return outcome;
    outcome = m_steps.value(listingops::stock())->run(attempt);
    if (outcome.kind != ItemOutcome::Kind::Succeeded)
        return outcome;
    attempt.setMoreStepsFollow(false);
    return m_steps.value(listingops::media())->run(attempt);
}

} // namespace storeloom
