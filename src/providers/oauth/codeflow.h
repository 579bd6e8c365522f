#pragma once

#include <QOAuth2AuthorizationCodeFlow>

namespace storeloom {

// Private to OAuthFlow. Qt 6.4 leaves status() at RefreshingToken or
// TemporaryCredentialsReceived after a failed token request (and then refuses
// to refresh again); setStatus() is protected, so the wrapper resets it here.
class CodeFlow final : public QOAuth2AuthorizationCodeFlow
{
public:
    using QOAuth2AuthorizationCodeFlow::QOAuth2AuthorizationCodeFlow;
    void resetStatus(Status status) { setStatus(status); }
};

} // namespace storeloom
