#include "etsycontractcheck.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace storeloom::test {

using namespace Qt::StringLiterals;

namespace {

// Node as CMake found it, else from PATH (CMake may have configured without it).
QString nodeExecutable()
{
    const QString configured = QString::fromUtf8(STORELOOM_NODE_EXECUTABLE);
    if (QFileInfo(configured).isExecutable())
        return configured;
    return QStandardPaths::findExecutable(u"node"_s);
}

constexpr int checkTimeoutMs = 120'000;

} // namespace

ContractResult checkEtsyRequestLog(const QStringList &logFiles)
{
    const QString node = nodeExecutable();
    if (node.isEmpty())
        return {-1, u"checkEtsyRequestLog: node is not installed (scripts/check-node.sh)"_s};

    QStringList arguments{QString::fromUtf8(STORELOOM_ETSY_CONTRACT_SCRIPT)};
    for (const QString &file : logFiles)
        arguments << u"--log"_s << file;

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node, arguments);
    const bool finished = process.waitForStarted() && process.waitForFinished(checkTimeoutMs);
    const QString output = QString::fromUtf8(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return {-1, u"checkEtsyRequestLog: %1 %2 did not finish: %3\n%4"_s.arg(
                        node, arguments.join(u' '), process.errorString(), output)};
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return {-1, u"checkEtsyRequestLog: node crashed\n%1"_s.arg(output)};
    return {process.exitCode(), output};
}

} // namespace storeloom::test
