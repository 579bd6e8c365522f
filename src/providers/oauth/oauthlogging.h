#pragma once

#include <QLoggingCategory>

namespace storeloom {
// "storeloom.oauth": never logs tokens, codes, verifiers or state values
// (lengths at most). Defined in oauthflow.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcOAuth)
} // namespace storeloom
