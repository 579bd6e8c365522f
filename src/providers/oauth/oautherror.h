#pragma once

#include "oauthtypes.h"

#include <chrono>

// Builds OAuthError values with messages a merchant can act on. The server's
// own error code and description are kept alongside for diagnostics.
namespace storeloom::oauth {

OAuthError cancelledError();
OAuthError timeoutError(std::chrono::seconds waited);
OAuthError portInUseError(quint16 port, const QString &detail);
OAuthError listenError(const QString &detail);

// An error sent back on the redirect (RFC 6749 §4.1.2.1).
OAuthError authorizationError(const QString &error, const QString &description);

// An error from the token endpoint (RFC 6749 §5.2); `refreshing` tells a failed
// refresh from a failed code exchange.
OAuthError tokenEndpointError(const QString &error, const QString &description, int httpStatus,
                              bool refreshing);

OAuthError networkError(const QString &detail);
OAuthError malformedReplyError(const QString &detail);

} // namespace storeloom::oauth
