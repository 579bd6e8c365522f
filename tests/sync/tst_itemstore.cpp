#include "enginefixture.h"
#include "itemstore.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QSet>
#include <QTest>
#include <QThread>
#include <functional>
#include <memory>

using namespace storeloom;
using State = SyncItem::State;

namespace {

NewItem newItem(const QString &key, Direction direction = Direction::Outbound, int maxAttempts = 5)
{
    NewItem item;
    item.operation = QStringLiteral("listing.create");
    item.direction = direction;
    item.idempotencyKey = key;
    item.maxAttempts = maxAttempts;
    return item;
}

void waitPast(qint64 msSinceEpoch)
{
    QVERIFY(QTest::qWaitFor([&] { return sql::nowMs() > msSinceEpoch; }, 5000));
}

// Runs `work(index)` on `count` threads started together.
void onThreads(int count, const std::function<void(int)> &work)
{
    std::vector<std::unique_ptr<QThread>> threads;
    std::atomic_int ready{0};
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            ++ready;
            while (ready.load() < count)
                QThread::yieldCurrentThread();
            work(i);
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        thread->wait();
}

} // namespace

class TestItemStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>(RetryPolicy(1000, 8000));
        m_runId = m_engine->runs().create(QStringLiteral("publish"), 0, QStringLiteral("test"));
    }
    void cleanup() { m_engine.reset(); }

    void sameIdempotencyKeyReturnsTheExistingItem()
    {
        const auto first =
            m_engine->items().enqueue(m_runId, newItem(QStringLiteral("etsy:42:create")));
        QVERIFY(first.created);
        QCOMPARE(first.item.state, State::Pending);
        NewItem again = newItem(QStringLiteral("etsy:42:create"));
        again.payload = QStringLiteral("different");
        const auto second = m_engine->items().enqueue(m_runId, again);
        QVERIFY(!second.created);
        QCOMPARE(second.item.id, first.item.id);
        QCOMPARE(second.item.payload, QString());
        QCOMPARE(m_engine->runs().get(m_runId).total, 1);
        QCOMPARE(m_engine->items().list(m_runId).size(), 1);
    }

    void racingEnqueuesCreateEachKeyOnce()
    {
        constexpr int kThreads = 8;
        constexpr int kKeys = 100;
        QList<QList<ItemStore::Enqueued>> results(kThreads);
        onThreads(kThreads, [&](int t) {
            const DbHandle handle = m_engine->workspace().openHandle();
            ItemStore store(handle.db());
            for (const NewItem &item :
                 test::EngineFixture::makeItems(kKeys, QStringLiteral("key-")))
                results[t].append(store.enqueue(m_runId, item));
        });
        QHash<QString, qint64> idByKey;
        int created = 0;
        for (const auto &threadResults : results) {
            QCOMPARE(threadResults.size(), kKeys);
            for (const auto &result : threadResults) {
                created += result.created ? 1 : 0;
                const qint64 known = idByKey.value(result.item.idempotencyKey, result.item.id);
                QCOMPARE(result.item.id, known); // every thread saw the same item per key
                idByKey.insert(result.item.idempotencyKey, result.item.id);
            }
        }
        QCOMPARE(created, kKeys);
        QCOMPARE(idByKey.size(), kKeys);
        QCOMPARE(m_engine->runs().get(m_runId).total, kKeys);
    }

    void racingWorkersClaimEachItemExactlyOnce()
    {
        constexpr int kItems = 2000;
        constexpr int kThreads = 8;
        m_engine->items().enqueue(m_runId,
                                  test::EngineFixture::makeItems(kItems, QStringLiteral("item-")));

        QList<QList<qint64>> claimedBy(kThreads);
        onThreads(kThreads, [&](int t) {
            const DbHandle handle = m_engine->workspace().openHandle();
            ItemStore store(handle.db());
            const QString owner = QStringLiteral("worker-%1").arg(t);
            for (;;) {
                const QList<SyncItem> claimed = store.claim(owner, 3, 60000);
                if (claimed.isEmpty())
                    break;
                for (const SyncItem &item : claimed) {
                    claimedBy[t].append(item.id);
                    store.complete(item, ItemOutcome::succeeded(), 60000);
                }
            }
        });

        QSet<qint64> seen;
        int workersThatClaimed = 0;
        for (const auto &ids : claimedBy) {
            workersThatClaimed += ids.isEmpty() ? 0 : 1;
            for (qint64 id : ids) {
                QVERIFY2(!seen.contains(id),
                         qPrintable(QStringLiteral("item %1 claimed twice").arg(id)));
                seen.insert(id);
            }
        }
        QCOMPARE(seen.size(), kItems);
        QVERIFY(workersThatClaimed > 1);
        for (const SyncItem &item : m_engine->items().list(m_runId)) {
            QCOMPARE(item.state, State::Succeeded);
            QCOMPARE(item.attempts, 1);
        }
        const SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.succeeded, kItems);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QVERIFY(run.finishedAt.has_value());
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));
    }

    void claimTakesTheLeaseAndCountsTheAttempt()
    {
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("a")));
        const qint64 before = sql::nowMs();
        const auto claimed = m_engine->items().claim(QStringLiteral("me"), 10, 30000);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().state, State::Running);
        QCOMPARE(claimed.first().attempts, 1);
        QCOMPARE(claimed.first().leaseOwner, QStringLiteral("me"));
        QVERIFY(*claimed.first().leaseExpiresAt >= before + 30000);
        QVERIFY(m_engine->items().claim(QStringLiteral("someone else"), 10, 30000).isEmpty());
    }

    void retryableFailureBacksOffThenDies()
    {
        m_engine->items().enqueue(m_runId,
                                  newItem(QStringLiteral("flaky"), Direction::Outbound, 3));
        for (int attempt = 1; attempt <= 3; ++attempt) {
            // Make the item due now instead of waiting out its backoff.
            QSqlQuery due(m_engine->db());
            QVERIFY(due.exec(QStringLiteral("UPDATE sync_items SET next_attempt_at = 0")));
            const auto claimed = m_engine->items().claim(QStringLiteral("w"), 1, 30000);
            QCOMPARE(claimed.size(), 1);
            QCOMPARE(claimed.first().attempts, attempt);
            const qint64 before = sql::nowMs();
            const auto completion = m_engine->items().complete(
                claimed.first(), ItemOutcome::retry(QStringLiteral("HTTP 503")), 30000);
            QVERIFY(completion.recorded);
            const SyncItem item = m_engine->items().get(claimed.first().id);
            if (attempt < 3) {
                QCOMPARE(item.state, State::Failed);
                QCOMPARE(item.lastError, QStringLiteral("HTTP 503"));
                // Backoff after attempt n lies in [ceiling/2, ceiling], ceiling = 1 s * 2^(n-1).
                const qint64 ceiling = 1000LL << (attempt - 1);
                QVERIFY2(item.nextAttemptAt >= before + ceiling / 2,
                         qPrintable(QString::number(item.nextAttemptAt - before)));
                QVERIFY(item.nextAttemptAt <= sql::nowMs() + ceiling);
                // Not claimable before it is due.
                QVERIFY(m_engine->items().claim(QStringLiteral("w"), 1, 30000).isEmpty());
                QVERIFY(!m_engine->runs().get(m_runId).isFinished());
            } else {
                QCOMPARE(item.state, State::Dead);
                QVERIFY(item.lastError.contains(QLatin1String("gave up after 3 attempts")));
            }
        }
        const SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.failed, 1);
        QCOMPARE(run.status, SyncRun::Status::Failed);
        QVERIFY(run.isFinished());
    }

    void permanentFailureDiesAtOnceAndReplayBringsItBack()
    {
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("bad")));
        const auto claimed = m_engine->items().claim(QStringLiteral("w"), 1, 30000);
        m_engine->items().complete(claimed.first(),
                                   ItemOutcome::permanent(QStringLiteral("Title too long")), 30000);
        QCOMPARE(m_engine->items().get(claimed.first().id).state, State::Dead);
        QCOMPARE(m_engine->runs().get(m_runId).status, SyncRun::Status::Failed);

        const SyncItem replayed = m_engine->items().replay(claimed.first().id);
        QCOMPARE(replayed.state, State::Pending);
        QCOMPARE(replayed.attempts, 0);
        SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.failed, 0);
        QCOMPARE(run.status, SyncRun::Status::Running);
        QVERIFY(!run.isFinished());

        const auto again = m_engine->items().claim(QStringLiteral("w"), 1, 30000);
        QCOMPARE(again.size(), 1);
        m_engine->items().complete(again.first(), ItemOutcome::succeeded(), 30000);
        run = m_engine->runs().get(m_runId);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QCOMPARE(run.succeeded, 1);
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));
    }

    void replayRefusesItemsThatAreNotDeadOrFailed()
    {
        const auto enqueued = m_engine->items().enqueue(m_runId, newItem(QStringLiteral("fine")));
        try {
            m_engine->items().replay(enqueued.item.id);
            QFAIL("replayed a pending item");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        }
        try {
            m_engine->items().replay(987654);
            QFAIL("replayed an unknown item");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::NotFound);
        }
    }

    void cancelStopsWaitingItemsAndLetsRunningOnesFinish()
    {
        m_engine->items().enqueue(m_runId, test::EngineFixture::makeItems(5, QStringLiteral("c")));
        const auto running = m_engine->items().claim(QStringLiteral("w"), 2, 30000);
        QCOMPARE(running.size(), 2);

        QCOMPARE(m_engine->runs().cancel(m_runId), 3);
        SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.status, SyncRun::Status::Cancelled);
        QVERIFY(!run.isFinished()); // two items are still running
        QVERIFY(m_engine->items().claim(QStringLiteral("other"), 10, 30000).isEmpty());

        QVERIFY(m_engine->items().isRunCancelled(m_runId));
        QVERIFY(
            m_engine->items().complete(running.at(0), ItemOutcome::succeeded(), 30000).recorded);
        m_engine->items().release({running.at(1).id}, QStringLiteral("w")); // never started
        QCOMPARE(m_engine->items().get(running.at(1).id).state, State::Cancelled);

        run = m_engine->runs().get(m_runId);
        QVERIFY(run.isFinished());
        QCOMPARE(run.status, SyncRun::Status::Cancelled);
        QCOMPARE(run.succeeded, 1);
        QCOMPARE(run.cancelled, 4);
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));

        try {
            m_engine->runs().cancel(m_runId);
            QFAIL("cancelled a finished run");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        }
    }

    void anAttemptThatFailsAfterCancelEndsCancelledSoTheRunEnds()
    {
        m_engine->items().enqueue(m_runId, test::EngineFixture::makeItems(2, QStringLiteral("x")));
        const auto running = m_engine->items().claim(QStringLiteral("w"), 2, 30000);
        QCOMPARE(m_engine->runs().cancel(m_runId), 0);
        // Both were running when the run was cancelled; one fails in a way
        // that would normally be tried again, the other for good.
        QVERIFY(m_engine->items()
                    .complete(running.at(0), ItemOutcome::retry(QStringLiteral("timeout")), 30000)
                    .recorded);
        QCOMPARE(m_engine->items().get(running.at(0).id).state, State::Cancelled);
        QVERIFY(m_engine->items()
                    .complete(running.at(1), ItemOutcome::permanent(QStringLiteral("refused")),
                              30000)
                    .recorded);
        const SyncRun run = m_engine->runs().get(m_runId);
        QVERIFY(run.isFinished());
        QCOMPARE(run.cancelled, 1);
        QCOMPARE(run.failed, 1);
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));
    }

    void releasedItemsGoBackWithoutSpendingAnAttempt()
    {
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("r")));
        const auto claimed = m_engine->items().claim(QStringLiteral("w"), 1, 30000);
        m_engine->items().release({claimed.first().id}, QStringLiteral("w"));
        const SyncItem item = m_engine->items().get(claimed.first().id);
        QCOMPARE(item.state, State::Pending);
        QCOMPARE(item.attempts, 0);
        QCOMPARE(item.leaseOwner, QString());
    }

    void expiredLeaseIsReclaimedAndTheLateWorkerChangesNothing()
    {
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("slow"), Direction::Outbound, 2));
        const auto lost = m_engine->items().claim(QStringLiteral("dead-worker"), 1, 1);
        QCOMPARE(m_engine->items().reclaimExpiredLeases(), 0); // still leased
        waitPast(*lost.first().leaseExpiresAt);
        QCOMPARE(m_engine->items().reclaimExpiredLeases(), 1);
        SyncItem item = m_engine->items().get(lost.first().id);
        QCOMPARE(item.state, State::Failed);
        QVERIFY(item.lastError.contains(QLatin1String("lease expired")));

        // The worker that lost its lease reports late: ignored.
        QVERIFY(
            !m_engine->items().complete(lost.first(), ItemOutcome::succeeded(), 30000).recorded);
        QCOMPARE(m_engine->items().get(item.id).state, State::Failed);

        const auto again = m_engine->items().claim(QStringLiteral("live-worker"), 1, 1);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().attempts, 2);
        // Out of attempts when this worker dies too: dead, with the reason.
        waitPast(*again.first().leaseExpiresAt);
        QCOMPARE(m_engine->items().reclaimExpiredLeases(), 1);
        item = m_engine->items().get(item.id);
        QCOMPARE(item.state, State::Dead);
        QVERIFY(item.lastError.contains(QLatin1String("no attempts are left")));
        QCOMPARE(m_engine->runs().get(m_runId).failed, 1);
    }

    // --- items that run after another ---

    void aDependentIsNotClaimedBeforeItsDependencySucceeds()
    {
        const auto [listing, stock, media] = chain();
        QList<SyncItem> claimed = m_engine->items().claim(QStringLiteral("w"), 10, 60000);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, listing);
        // A failed attempt (a retry waits) does not free what waits for it.
        m_engine->items().complete(claimed.first(), ItemOutcome::retry(QStringLiteral("later")),
                                   60000);
        waitPast(m_engine->items().get(listing).nextAttemptAt);
        claimed = m_engine->items().claim(QStringLiteral("w"), 10, 60000);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, listing);
        m_engine->items().complete(claimed.first(), ItemOutcome::succeeded(), 60000);

        claimed = m_engine->items().claim(QStringLiteral("w"), 10, 60000);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, stock);
        QCOMPARE(claimed.first().afterItemId, std::optional<qint64>(listing));
        QCOMPARE(claimed.first().groupId, std::optional<qint64>(listing));
        m_engine->items().complete(claimed.first(), ItemOutcome::skipped(), 60000);
        claimed = m_engine->items().claim(QStringLiteral("w"), 10, 60000); // skipped frees it too
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().id, media);
        QCOMPARE(m_engine->runs().get(m_runId).succeeded, 0); // the group is not done yet
        m_engine->items().complete(claimed.first(), ItemOutcome::succeeded(), 60000);

        const SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.total, 1); // one group, counted once
        QCOMPARE(run.succeeded, 1);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
    }

    void aDeadDependencyCancelsItsDependentsAndReplayRestoresThem()
    {
        const auto [listing, stock, media] = chain();
        const SyncItem claimed = m_engine->items().claim(QStringLiteral("w"), 10, 60000).first();
        m_engine->items().complete(claimed, ItemOutcome::permanent(QStringLiteral("refused")),
                                   60000);
        for (qint64 id : {stock, media}) {
            const SyncItem dependent = m_engine->items().get(id);
            QCOMPARE(dependent.state, State::Cancelled);
            QVERIFY2(dependent.lastError.contains(QStringLiteral("item %1").arg(listing)) &&
                         dependent.lastError.contains(QStringLiteral("refused")),
                     qPrintable(dependent.lastError));
        }
        SyncRun run = m_engine->runs().get(m_runId);
        QVERIFY(run.isFinished());
        QCOMPARE(run.status, SyncRun::Status::Failed);
        QCOMPARE(run.failed, 1); // the product, once: its cancelled steps are part of it
        QCOMPARE(run.cancelled, 0);

        m_engine->items().replay(listing);
        QCOMPARE(m_engine->items().get(stock).state, State::Pending);
        QCOMPARE(m_engine->items().get(media).state, State::Pending);
        run = m_engine->runs().get(m_runId);
        QVERIFY(!run.isFinished());
        QCOMPARE(run.failed, 0);
        QCOMPARE(run.remaining(), 1);
        for (qint64 expected : {listing, stock, media}) {
            const QList<SyncItem> next = m_engine->items().claim(QStringLiteral("w"), 10, 60000);
            QCOMPARE(next.size(), 1);
            QCOMPARE(next.first().id, expected);
            m_engine->items().complete(next.first(), ItemOutcome::succeeded(), 60000);
        }
        run = m_engine->runs().get(m_runId);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QCOMPARE(run.succeeded, 1);
    }

    void aDeadDependentFailsItsGroupAndReplayRunsItAlone()
    {
        const auto [listing, stock, media] = chain();
        Q_UNUSED(stock);
        for (int i = 0; i < 2; ++i) {
            const SyncItem next = m_engine->items().claim(QStringLiteral("w"), 10, 60000).first();
            m_engine->items().complete(next, ItemOutcome::succeeded(), 60000);
        }
        const SyncItem last = m_engine->items().claim(QStringLiteral("w"), 10, 60000).first();
        QCOMPARE(last.id, media);
        m_engine->items().complete(last, ItemOutcome::permanent(QStringLiteral("bad image")), 60000);
        QCOMPARE(m_engine->runs().get(m_runId).failed, 1);
        QCOMPARE(m_engine->runs().get(m_runId).succeeded, 0);
        m_engine->items().replay(media);
        QCOMPARE(m_engine->items().get(listing).state, State::Succeeded); // not again
        const QList<SyncItem> again = m_engine->items().claim(QStringLiteral("w"), 10, 60000);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().id, media);
        m_engine->items().complete(again.first(), ItemOutcome::succeeded(), 60000);
        QCOMPARE(m_engine->runs().get(m_runId).succeeded, 1);
        QCOMPARE(m_engine->runs().get(m_runId).failed, 0);
    }

    void aDependencyWhoseWorkerDiedOnItsLastAttemptCancelsItsDependents()
    {
        NewItem listing = newItem(QStringLiteral("last:listing"), Direction::Outbound, 1);
        NewItem stock = newItem(QStringLiteral("last:stock"));
        stock.afterKey = listing.idempotencyKey;
        const auto enqueued = m_engine->items().enqueue(m_runId, {listing, stock});
        QCOMPARE(m_engine->items().claim(QStringLiteral("gone"), 10, 60000).size(), 1);
        QCOMPARE(m_engine->items().reclaimExpiredLeases(
                     [](const QString &owner) { return owner == QStringLiteral("gone"); }),
                 1);
        QCOMPARE(m_engine->items().get(enqueued.at(0).item.id).state, State::Dead);
        const SyncItem dependent = m_engine->items().get(enqueued.at(1).item.id);
        QCOMPARE(dependent.state, State::Cancelled);
        QVERIFY2(dependent.lastError.contains(QStringLiteral("no attempts are left")),
                 qPrintable(dependent.lastError));
        const SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.failed, 1);
        QVERIFY(run.isFinished());
    }

    void cancellingARunCountsEachGroupOnce()
    {
        chain(QStringLiteral("a"));
        chain(QStringLiteral("b"));
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("alone")));
        const SyncItem first = m_engine->items().claim(QStringLiteral("w"), 1, 60000).first();
        m_engine->items().complete(first, ItemOutcome::succeeded(), 60000);
        QCOMPARE(m_engine->runs().get(m_runId).total, 3);
        m_engine->runs().cancel(m_runId);
        const SyncRun run = m_engine->runs().get(m_runId);
        QCOMPARE(run.cancelled, 3);
        QCOMPARE(run.succeeded, 0);
        QVERIFY(run.isFinished());
    }

    void anItemCannotWaitForAnotherRunsItem()
    {
        m_engine->items().enqueue(m_runId, newItem(QStringLiteral("first")));
        const qint64 other = m_engine->runs().create(QStringLiteral("publish"), 0, QString());
        NewItem late = newItem(QStringLiteral("late"));
        late.afterKey = QStringLiteral("first");
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, m_engine->items().enqueue(other, late));
    }

    void enqueueIntoAFinishedRunIsRefused()
    {
        m_engine->runs().cancel(m_runId);
        try {
            m_engine->items().enqueue(m_runId, newItem(QStringLiteral("late")));
            QFAIL("enqueued into a cancelled run");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        }
    }

private:
    // listing → stock → media, enqueued together; their ids.
    std::tuple<qint64, qint64, qint64> chain(const QString &prefix = QStringLiteral("p"))
    {
        NewItem listing = newItem(prefix + QStringLiteral(":listing"));
        NewItem stock = newItem(prefix + QStringLiteral(":stock"));
        stock.operation = QStringLiteral("inventory.push");
        stock.afterKey = listing.idempotencyKey;
        NewItem media = newItem(prefix + QStringLiteral(":media"));
        media.operation = QStringLiteral("media.upload");
        media.afterKey = stock.idempotencyKey;
        const auto enqueued = m_engine->items().enqueue(m_runId, {listing, stock, media});
        return {enqueued.at(0).item.id, enqueued.at(1).item.id, enqueued.at(2).item.id};
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    qint64 m_runId = 0;
};

QTEST_GUILESS_MAIN(TestItemStore)
#include "tst_itemstore.moc"
