#pragma once

#include <QJsonObject>
#include <QString>

class QCoreApplication;

namespace storeloom::sandbox {

// Quits the event loop on SIGTERM or SIGINT.
void quitOnSignals(QCoreApplication *app);
// Prints "storeloom-sandbox: message" to stderr; returns the exit code 2.
int fail(const QString &message);
// The one JSON line a parent process waits for, flushed.
void printReady(const QJsonObject &ready);

// The subcommands; each parses its own options from app.arguments().
int runShopify(QCoreApplication &app);
int runEtsy(QCoreApplication &app);

} // namespace storeloom::sandbox
