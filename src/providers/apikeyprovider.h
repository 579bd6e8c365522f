#pragma once

#include "oauthprovider.h"

namespace storeloom {

// A provider whose merchants paste keys they created in their store's admin.
// The keys are checked with one authenticated request before the connection
// goes Live.
class ApiKeyProvider : public Provider
{
public:
    using Fields = QHash<QString, QString>;
    using Identified = OAuthProvider::Identified;

    // The shop the form's address names, before anything is asked of it.
    virtual QString externalShopId(const Fields &fields) const = 0;
    // One authenticated request with the keys: whose shop is it, or why not.
    virtual void verify(const Fields &fields, QNetworkAccessManager *network,
                        Identified done) const = 0;
};

} // namespace storeloom
