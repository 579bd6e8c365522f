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
// repository. Exit code 77 means it is absent: QSKIP; with CI=true the
// checker reports absence as a failure (1) itself. Typical use:
//
//   const ContractResult contract = checkEtsyRequestLog({logPath});
//   if (contract.exitCode == 77)
//       QSKIP(qPrintable(contract.output));
//   QVERIFY2(contract.exitCode == 0, qPrintable(contract.output));
ContractResult checkEtsyRequestLog(const QStringList &logFiles);

} // namespace storeloom::test
