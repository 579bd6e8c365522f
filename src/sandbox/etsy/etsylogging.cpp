#include "etsylogging.h"

namespace storeloom::sandbox::etsy {
Q_LOGGING_CATEGORY(lcEtsySandbox, "storeloom.sandbox.etsy", QtInfoMsg)
} // namespace storeloom::sandbox::etsy
