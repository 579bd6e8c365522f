#pragma once

#include <QStringList>

namespace storeloom::test {

// Records every message the process logs (and passes it on) while it
// lives, so a test can prove a secret never reached a log line.
class LogRecorder
{
public:
    LogRecorder();
    ~LogRecorder();
    LogRecorder(const LogRecorder &) = delete;
    LogRecorder &operator=(const LogRecorder &) = delete;

    QStringList lines() const;
    // The first recorded line containing `text`, or an empty string.
    QString lineContaining(const QString &text) const;
};

} // namespace storeloom::test
