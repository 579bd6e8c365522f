#include "secretscrubber.h"

#include <QReadWriteLock>
#include <QSet>
#include <QStringList>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>

namespace storeloom {
namespace {

struct Registry
{
    QReadWriteLock lock;
    QSet<QByteArray> secrets;
    QStringList patterns; // every form of every secret, longest first
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

std::atomic<QtMessageHandler> previousHandler{nullptr};

void addForms(const QByteArray &secret, QStringList &patterns)
{
    const QString text = QString::fromUtf8(secret);
    if (text.toUtf8() == secret)
        patterns << text;
    patterns << QString::fromLatin1(secret.toPercentEncoding());
    const QByteArray::Base64Options alphabets[] = {QByteArray::Base64Encoding,
                                                   QByteArray::Base64UrlEncoding};
    for (const QByteArray::Base64Options alphabet : alphabets) {
        patterns << QString::fromLatin1(secret.toBase64(alphabet));
        patterns << QString::fromLatin1(secret.toBase64(alphabet | QByteArray::OmitTrailingEquals));
    }
}

// Caller holds the write lock.
void rebuildPatterns(Registry &r)
{
    QStringList patterns;
    for (const QByteArray &secret : std::as_const(r.secrets))
        addForms(secret, patterns);
    patterns.removeIf([](const QString &p) { return p.size() < SecretScrubber::MinimumLength; });
    patterns.removeDuplicates();
    std::sort(patterns.begin(), patterns.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    r.patterns = std::move(patterns);
}

void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = SecretScrubber::scrub(message);
    if (const QtMessageHandler previous = previousHandler.load(std::memory_order_acquire)) {
        previous(type, context, clean);
        return;
    }
    const QString line = qFormatLogMessage(type, context, clean);
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
}

} // namespace

void SecretScrubber::install()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Qt 6 returns its default handler when none was installed before.
        previousHandler.store(qInstallMessageHandler(scrubbingHandler), std::memory_order_release);
    });
}

void SecretScrubber::registerSecret(const QByteArray &secret)
{
    if (secret.size() < MinimumLength)
        return;
    Registry &r = registry();
    {
        QReadLocker read(&r.lock);
        if (r.secrets.contains(secret))
            return;
    }
    QWriteLocker write(&r.lock);
    r.secrets.insert(secret);
    rebuildPatterns(r);
}

void SecretScrubber::registerSecret(const QString &secret)
{
    if (secret.size() >= MinimumLength)
        registerSecret(secret.toUtf8());
}

void SecretScrubber::forget(const QByteArray &secret)
{
    Registry &r = registry();
    QWriteLocker write(&r.lock);
    if (r.secrets.remove(secret))
        rebuildPatterns(r);
}

void SecretScrubber::forget(const QString &secret)
{
    forget(secret.toUtf8());
}

QString SecretScrubber::scrub(const QString &text)
{
    Registry &r = registry();
    QReadLocker read(&r.lock);
    QString result = text;
    for (const QString &pattern : std::as_const(r.patterns))
        result.replace(pattern, QStringLiteral("[redacted]"));
    return result;
}

} // namespace storeloom
