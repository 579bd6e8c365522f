// `storeloom-sandbox etsy`: the Etsy sandbox as a process.
#include "etsy/etsysandbox.h"
#include "standalone.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace storeloom::sandbox::etsy;
using namespace Qt::StringLiterals;

namespace storeloom::sandbox {

int runEtsy(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Etsy Open API v3 on 127.0.0.1, for tests and benchmarks."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"platform"_s, u"The platform to serve: etsy."_s);
    const QCommandLineOption port(u"port"_s, u"Port on 127.0.0.1 (default: a free one)."_s, u"P"_s, u"0"_s);
    const QCommandLineOption listings(u"listings"_s, u"Active listings already in the shop (default 0)."_s, u"N"_s,
                                      u"0"_s);
    const QCommandLineOption perSecond(u"per-second"_s, u"Requests per second (default 10)."_s, u"N"_s, u"10"_s);
    const QCommandLineOption perDay(u"per-day"_s, u"Requests per rolling day (default 10000)."_s, u"N"_s,
                                    u"10000"_s);
    const QCommandLineOption record(u"record"_s, u"Append a JSON line per /v3 request to FILE."_s, u"FILE"_s);
    const QCommandLineOption fault(
        u"fault"_s,
        u"A fault (repeatable): status=N|delay=MS|drop|commit-drop|commit-status=N|malformed"
        "[:method=M][:path=GLOB][:count=N]."_s,
        u"SPEC"_s);
    parser.addOptions({port, listings, perSecond, perDay, record, fault});
    parser.process(app);
    if (parser.positionalArguments() != QStringList{u"etsy"_s})
        return fail(u"storeloom-sandbox etsy [options] (see --help)"_s);

    bool ok = true;
    auto number = [&](const QCommandLineOption &option, qint64 min, qint64 max) {
        bool valid = false;
        const qint64 value = parser.value(option).toLongLong(&valid);
        ok = ok && valid && value >= min && value <= max;
        return value;
    };
    EtsySandboxOptions options;
    const auto listenPort = quint16(number(port, 0, 65535));
    options.seedListings = int(number(listings, 0, 10'000'000));
    options.perSecondLimit = int(number(perSecond, 1, 1'000'000'000));
    options.perDayLimit = int(number(perDay, 1, 2'000'000'000));
    if (!ok)
        return fail(u"--port, --listings, --per-second and --per-day take whole numbers in range"_s);
    std::vector<EtsyFault> faults;
    for (const QString &spec : parser.values(fault)) {
        QString error;
        const auto parsed = EtsyFault::parse(spec, &error);
        if (!parsed)
            return fail(error);
        faults.push_back(*parsed);
    }

    EtsySandbox sandbox(options);
    if (parser.isSet(record) && !sandbox.setRequestLog(parser.value(record)))
        return fail(u"cannot append to %1"_s.arg(parser.value(record)));
    for (const EtsyFault &rule : faults)
        sandbox.addFault(rule);
    const EtsySandbox::Tokens tokens = sandbox.issueTokens();
    quitOnSignals(&app);
    if (!sandbox.listen(listenPort))
        return fail(u"cannot listen on 127.0.0.1:%1"_s.arg(listenPort));
    printReady({{u"platform"_s, u"etsy"_s},
                {u"url"_s, sandbox.url().toString()},
                {u"keystring"_s, options.keystring},
                {u"sharedSecret"_s, options.sharedSecret},
                {u"accessToken"_s, tokens.accessToken},
                {u"refreshToken"_s, tokens.refreshToken},
                {u"shopId"_s, options.shopId},
                {u"userId"_s, options.userId},
                {u"authorizeUrl"_s, sandbox.authorizeUrl().toString()},
                {u"tokenUrl"_s, sandbox.tokenUrl().toString()},
                {u"pid"_s, qint64(QCoreApplication::applicationPid())}});
    return app.exec();
}

} // namespace storeloom::sandbox
