#pragma once

#include <QString>
#include <QStringList>

namespace storeloom::test {

struct ContractResult
{
    int exitCode = -1; // 0 ok, 1 violations, 77 contracts absent, -1 node did not run
    QString output;    // the checker's stdout and stderr: one line per violation, then a summary
};

// Checks request logs recorded by the Etsy sandbox (one JSON line per
// request) against Etsy's OpenAPI file and the documented differences, with
// tests/peers/contracts/etsy-contract.mjs (see tests/contracts). The contracts
// folder comes from STORELOOM_CONTRACTS, else ../shared/contracts beside the
// repository. Ask contractsPeer() (peers.h) first: it skips — or fails under
// CI=true — when the contracts, node or the checker's packages are missing
// (the checker itself answers 77 for absent contracts). Typical use:
//
//   STORELOOM_REQUIRE_PEER(test::contractsPeer());
//   const ContractResult contract = checkEtsyRequestLog({logPath});
//   QVERIFY2(contract.exitCode == 0, qPrintable(contract.output));
ContractResult checkEtsyRequestLog(const QStringList &logFiles);

} // namespace storeloom::test
