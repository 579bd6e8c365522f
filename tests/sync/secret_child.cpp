// A second process for tst_secretstore: reads KEY (from SERVICE, default
// "Storeloom") through SecretStore and prints the secret base64-encoded on
// stdout (exit 0), or "<Error>: <message>" on stderr (exit 1).
#include "secretstore.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <cstdio>

using namespace storeloom;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2 || args.size() > 3) {
        std::fprintf(stderr, "usage: secret_child KEY [SERVICE]\n");
        return 2;
    }
    SecretStore store(args.size() == 3 ? args.at(2) : QStringLiteral("Storeloom"));
    store.read(args.at(1), [](const SecretStore::Result &result) {
        if (result.ok()) {
            std::printf("%s\n", result.secret.toBase64().constData());
            std::fflush(stdout);
            QCoreApplication::exit(0);
            return;
        }
        const char *name = QMetaEnum::fromType<SecretStore::Error>().valueToKey(int(result.error));
        std::fprintf(stderr, "%s: %s\n", name, result.message.toLocal8Bit().constData());
        std::fflush(stderr);
        QCoreApplication::exit(1);
    });
    return app.exec();
}
