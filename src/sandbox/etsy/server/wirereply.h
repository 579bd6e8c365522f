#pragma once

#include "shopify/server/httpmessage.h"

namespace storeloom::sandbox::etsy {

using HttpRequest = shopify::HttpRequest;
using HttpResponse = shopify::HttpResponse;

// An answer and what the wire does with it: wait first, or hang up
// without a byte (the request may still have been carried out).
struct WireReply
{
    HttpResponse response;
    int delayMs = 0;
    bool drop = false; // close the connection (TCP reset) instead of answering
};

} // namespace storeloom::sandbox::etsy
