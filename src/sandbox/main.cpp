// storeloom-sandbox: a platform sandbox as a process of its own, for
// benchmarks and peers written in other languages. Prints one JSON line
// (where it listens, ready credentials) and serves until SIGTERM/SIGINT.
#include "standalone/standalone.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"storeloom-sandbox"_s);
    // The platform is the first argument naming one; options may come before it.
    const QStringList arguments = app.arguments().mid(1);
    for (const QString &argument : arguments) {
        if (argument == u"shopify"_s)
            return storeloom::sandbox::runShopify(app);
        if (argument == u"etsy"_s)
            return storeloom::sandbox::runEtsy(app);
    }
    if (arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        std::puts("Usage: storeloom-sandbox shopify|etsy [options]  (storeloom-sandbox PLATFORM --help for options)");
        return 0;
    }
    return storeloom::sandbox::fail(u"say which platform to serve: storeloom-sandbox shopify|etsy [options]"_s);
}
