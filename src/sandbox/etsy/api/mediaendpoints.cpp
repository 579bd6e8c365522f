// A listing's images (multipart uploads) and its inventory (replaced whole).
#include "etsyapi.h"

#include "etsy/api/inventoryvalidator.h"
#include "etsy/store/etsyshop.h"
#include "etsy/store/listingstore.h"

#include <QJsonArray>
#include <QJsonParseError>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

HttpResponse EtsyApi::uploadListingImage(qint64 shopId, qint64 listingId, const HttpRequest &request)
{
    if (!isOurShop(shopId) || !m_store.listing(listingId))
        return listingNotFound();
    QList<MultipartPart> parts;
    if (!parseMultipart(request.body, request.header("content-type"), &parts))
        return error(400, u"The request body must be multipart/form-data"_s);
    ImageUpload upload;
    const MultipartPart *file = nullptr;
    for (const MultipartPart &part : std::as_const(parts)) {
        const QString value = QString::fromUtf8(part.data);
        if (part.name == u"image"_s)
            file = &part;
        else if (part.name == u"rank"_s)
            upload.rank = value.toInt();
        else if (part.name == u"overwrite"_s)
            upload.overwrite = value == u"true"_s || value == u"1"_s;
        else if (part.name == u"alt_text"_s)
            upload.altText = value;
    }
    if (!file)
        return error(400, u"image: an image file is required (re-attaching by listing_image_id is not supported)"_s);
    if (upload.altText.size() > 250)
        return error(400, u"alt_text must be 250 characters or fewer"_s);
    upload.bytes = file->data;
    upload.info = sniffImage(file->data);
    if (upload.info.format.isEmpty())
        return error(400, u"image: the file is not a valid PNG, JPEG or GIF image"_s);
    QString message;
    const QJsonObject image = m_store.addImage(listingId, upload, &message);
    return image.isEmpty() ? error(400, message) : HttpResponse::json(201, image);
}

HttpResponse EtsyApi::getListingImages(qint64 listingId) const
{
    if (!m_store.listing(listingId))
        return listingNotFound();
    QJsonArray images;
    for (const EtsyImage &image : m_store.images(listingId))
        images.append(image.json);
    return results(images);
}

HttpResponse EtsyApi::deleteListingImage(qint64 shopId, qint64 listingId, qint64 imageId)
{
    if (!isOurShop(shopId) || !m_store.listing(listingId))
        return listingNotFound();
    return m_store.removeImage(listingId, imageId) ? noContent() : error(404, u"Listing image not found"_s);
}

HttpResponse EtsyApi::getListingInventory(qint64 listingId) const
{
    const QJsonObject inventory = m_store.inventory(listingId);
    return inventory.isEmpty() ? listingNotFound() : HttpResponse::json(200, inventory);
}

HttpResponse EtsyApi::updateListingInventory(qint64 listingId, const HttpRequest &request)
{
    const auto listing = m_store.listing(listingId);
    if (!listing)
        return listingNotFound();
    if (mediaType(request.header("content-type")) != u"application/json"_s)
        return error(400, u"The request body must be application/json"_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return error(400, u"The request body is not a JSON object: %1"_s.arg(parseError.errorString()));
    QString message;
    const bool draft = (*listing)[u"state"_s].toString() == u"draft"_s;
    const QJsonObject validated = InventoryValidator::validate(document.object(), draft, &message);
    if (!message.isEmpty())
        return error(400, message);
    return HttpResponse::json(200, m_store.replaceInventory(listingId, validated));
}

} // namespace storeloom::sandbox::etsy
