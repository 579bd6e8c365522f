#pragma once

#include <QByteArray>
#include <QString>

namespace storeloom {

// A process-wide message filter: once installed, every qDebug/qInfo/qWarning/
// qCritical/qFatal message passes through it and each registered secret — raw,
// percent-encoded and base64 (standard and URL alphabets, with and without
// padding) — is replaced by "[redacted]" before the message reaches the
// handler that was installed before it. Secrets shorter than eight characters
// are ignored: they would redact ordinary words. Thread-safe.
class SecretScrubber
{
public:
    static constexpr qsizetype MinimumLength = 8;

    // Wraps the current message handler; later calls do nothing.
    static void install();

    static void registerSecret(const QByteArray &secret);
    static void registerSecret(const QString &secret);
    static void forget(const QByteArray &secret);
    static void forget(const QString &secret);

    // `text` with every registered secret replaced by "[redacted]".
    static QString scrub(const QString &text);
};

} // namespace storeloom
