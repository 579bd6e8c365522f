#include "cli.h"

#include "clilogging.h"
#include "commandline.h"
#include "commands.h"
#include "output.h"

#include <QCoreApplication>
#include <cstdio>
#include <exception>

namespace storeloom::cli {

int Cli::run(const QStringList &arguments)
{
    configureLogging(false);
    try {
        const Invocation invocation = CommandLine::parse(arguments);
        switch (invocation.action) {
        case Invocation::Action::ShowHelp:
            printOut(invocation.helpText);
            return int(ExitCode::Ok);
        case Invocation::Action::ShowVersion:
            printOut(QStringLiteral("%1 %2\n").arg(CommandLine::programName(),
                                                   QCoreApplication::applicationVersion()));
            return int(ExitCode::Ok);
        case Invocation::Action::Execute:
            break;
        }
        configureLogging(invocation.verbose);
        qCDebug(lcCli) << "command" << arguments.mid(1);
        const auto output = Output::create(invocation.json);
        printOut(Commands(invocation, *output).execute());
        return int(ExitCode::Ok);
    } catch (const CliError &error) {
        if (!error.output().isEmpty())
            printOut(error.output());
        return fail(error.code(), error.message());
    } catch (const WorkspaceError &error) {
        return fail(exitCodeFor(error.kind()), error.message());
    } catch (const std::exception &error) {
        return fail(
            ExitCode::Failure,
            QStringLiteral("unexpected error: %1").arg(QString::fromLocal8Bit(error.what())));
    }
}

void Cli::printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int Cli::fail(ExitCode code, const QString &message)
{
    // One line, whatever the message holds: scripts read it as the reason.
    const QByteArray line = (CommandLine::programName() + QStringLiteral(": ") +
                             message.simplified() + QLatin1Char('\n'))
                                .toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    return int(code);
}

} // namespace storeloom::cli
