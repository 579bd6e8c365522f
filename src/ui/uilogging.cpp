#include "uilogging.h"

namespace storeloom {
Q_LOGGING_CATEGORY(lcUi, "storeloom.ui", QtInfoMsg)
} // namespace storeloom
