#include "clirunner.h"

#include <QJsonDocument>
#include <QProcess>

namespace storeloom::test {

QJsonObject CliResult::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

QString cliProgram()
{
    const QString buildDir = qEnvironmentVariable("STORELOOM_BUILD_DIR");
    return buildDir.isEmpty() ? QStringLiteral(STORELOOM_CLI_PATH)
                              : buildDir + QStringLiteral("/src/app/cli/storeloom-cli");
}

CliResult runCli(const QStringList &arguments, const QString &home,
                 const QHash<QString, QString> &overrides)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home);
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
        environment.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(cliProgram(), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void startCli(QProcess &process, const QStringList &arguments, const QString &home,
              const QHash<QString, QString> &overrides)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home);
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(cliProgram(), arguments);
}

} // namespace storeloom::test
