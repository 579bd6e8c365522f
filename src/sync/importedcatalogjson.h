#pragma once

#include "importedcatalog.h"

#include <QByteArray>
#include <QJsonObject>

namespace storeloom {

// A source product as JSON: the snapshot an import conflict keeps of the
// incoming version, so it can be shown and applied when it is resolved.
QJsonObject toJson(const ImportedProduct &product);
ImportedProduct importedProductFromJson(const QJsonObject &object);

} // namespace storeloom
