#include "mediauploadstep.h"

#include "inventorypushstep.h"

#include <QJsonArray>

namespace storeloom {

ItemOutcome MediaUploadStep::run(ListingAttempt &attempt)
{
    ItemOutcome failure;
    if (!requireListing(attempt, failure))
        return failure;
    QJsonObject &data = attempt.channelData();
    const QString &digest = attempt.listing().imagesDigest;
    const QString id = attempt.ref().id;
    if (data.value(checkpoints::mediaDigest()).toString() != digest) {
        // Uploads an earlier attempt finished for these same images are kept.
        QJsonArray uploaded;
        if (data.value(checkpoints::mediaUploading()).toString() == digest)
            uploaded = data.value(checkpoints::mediaIds()).toArray();
        const bool bare = data.value(checkpoints::createdBare()).toBool() && uploaded.isEmpty();
        if (bare) {
            // From the first upload on the listing may hold what an attempt
            // whose answer was lost uploaded: the next attempt looks.
            data.remove(checkpoints::createdBare());
            attempt.saveChannelData();
        } else {
            const auto current = attempt.channel().mediaIds(id);
            if (!current.ok())
                return attempt.fail(current.error,
                                    ListingAttempt::tr("reading the listing's images"));
            for (const QString &mediaId : current.value) {
                if (uploaded.contains(mediaId))
                    continue;
                const ChannelError removed = attempt.channel().removeMedia(id, mediaId);
                if (!removed.ok() && removed.kind != ChannelError::Kind::NotFound)
                    return attempt.fail(removed,
                                        ListingAttempt::tr("replacing the listing's images"));
            }
        }
        const QList<ProductImage> &images = attempt.listing().images;
        for (qsizetype index = uploaded.size(); index < images.size(); ++index) {
            const int rank = int(index) + 1;
            const auto result = attempt.channel().uploadMedia(id, images.at(index), rank);
            if (!result.ok())
                return attempt.fail(result.error,
                                    ListingAttempt::tr("uploading image %1").arg(rank));
            uploaded.append(result.value);
            data.insert(checkpoints::mediaIds(), uploaded);
            attempt.checkpoint(checkpoints::mediaUploading(), digest);
        }
        data.remove(checkpoints::mediaUploading());
        data.insert(checkpoints::mediaIds(), uploaded);
        data.insert(checkpoints::mediaDigest(), digest);
    }
    data.remove(checkpoints::createdBare());
    return attempt.stepDone();
}

} // namespace storeloom
