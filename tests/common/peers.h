#pragma once

#include <QString>
#include <QTest>

namespace storeloom::test {

// The real peers some tests need; scripts/with-test-peers.sh (run by
// scripts/test.sh) starts them. Each probe asks the peer itself and returns
// why it cannot be used — empty when it answers. Use them through
// STORELOOM_REQUIRE_PEER, never by looking at an environment variable.

// A Secret Service on the session bus whose default collection is unlocked.
QString keyringPeer();
// keyringPeer(), and the fixture's keyring password (STORELOOM_KEYRING_PASSWORD),
// for tests that lock the keyring and unlock it again.
QString unlockableKeyringPeer();
// PostgreSQL accepting a QPSQL connection on 127.0.0.1:$STORELOOM_TEST_PG_PORT.
QString postgresPeer();
// The platforms' contract files ($STORELOOM_CONTRACTS, else ../shared/contracts
// beside the repository), node, and the checkers' npm packages.
QString contractsPeer();
// node on PATH, and `package` installed (npm ci) in `directory`.
QString nodePackagePeer(const QString &directory, const QString &package);

// CI=true (or 1): a peer that does not answer fails the test instead of skipping it.
bool peersRequired();

} // namespace storeloom::test

// In a test function (initTestCase included): when `probe` gives a reason,
// skips the test with it — or fails it under CI=true.
//
//   STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
#define STORELOOM_REQUIRE_PEER(probe)                                                              \
    do {                                                                                           \
        const QString storeloomPeerReason_ = (probe);                                              \
        if (!storeloomPeerReason_.isEmpty()) {                                                     \
            if (storeloom::test::peersRequired())                                                  \
                QFAIL(                                                                             \
                    qPrintable(storeloomPeerReason_ + QStringLiteral(" (CI=true requires it)")));  \
            QSKIP(qPrintable(storeloomPeerReason_));                                               \
        }                                                                                          \
    } while (false)
