#include "logrecorder.h"

#include <QMutex>

namespace storeloom::test {

namespace {
QMutex mutex;
QStringList recorded;
QtMessageHandler previous = nullptr;

void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&mutex);
        recorded.append(message);
    }
    previous(type, context, message);
}
} // namespace

LogRecorder::LogRecorder()
{
    previous = qInstallMessageHandler(record);
}

LogRecorder::~LogRecorder()
{
    qInstallMessageHandler(previous);
}

QStringList LogRecorder::lines() const
{
    QMutexLocker lock(&mutex);
    return recorded;
}

QString LogRecorder::lineContaining(const QString &text) const
{
    QMutexLocker lock(&mutex);
    for (const QString &line : std::as_const(recorded)) {
        if (line.contains(text))
            return line;
    }
    return {};
}

} // namespace storeloom::test
