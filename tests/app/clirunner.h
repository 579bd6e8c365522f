#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>

class QProcess;

namespace storeloom::test {

// What one run of storeloom-cli printed and how it ended.
struct CliResult
{
    int exitCode = -1; // -1: it crashed or hung
    QString out;
    QString err;

    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QJsonObject json() const;
};

// The storeloom-cli binary of this build.
QString cliProgram();

// Runs storeloom-cli with `arguments`. XDG_DATA_HOME points at `home`, so the
// default workspace is never the real one.
// `environment` adds to or overrides the test's own environment.
CliResult runCli(const QStringList &arguments, const QString &home,
                 const QHash<QString, QString> &environment = {});

// Starts storeloom-cli in `process` with `arguments` and does not wait for
// it: XDG_DATA_HOME is `home`, and `environment` adds to or overrides the
// test's own environment.
void startCli(QProcess &process, const QStringList &arguments, const QString &home,
              const QHash<QString, QString> &environment = {});

} // namespace storeloom::test
