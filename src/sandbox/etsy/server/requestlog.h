#pragma once

#include "wirereply.h"

#include <QFile>
#include <QString>

namespace storeloom::sandbox::etsy {

// Appends one JSON line per /v3 request for the contract check: method,
// path, query, media type, the body of form and JSON requests, multipart
// part names (never file bytes), and whether x-api-key / authorization were
// present (never their values). Flushed line by line. Guarded by the
// sandbox's lock.
class RequestLog
{
public:
    // False if the file cannot be opened; an empty path stops logging.
    bool open(const QString &path);
    void record(const HttpRequest &request);

    static QByteArray line(const HttpRequest &request);

private:
    QFile m_file;
};

} // namespace storeloom::sandbox::etsy
