#pragma once

#include <QString>
#include <functional>

namespace storeloom {

// The lease on the item the calling worker thread is carrying out. The
// adapters' HTTP layer confirms it before every call to a platform: a worker
// that was paused past its lease (SIGSTOP, a laptop asleep) and whose item
// another worker took meanwhile learns so before it acts, and stops — a stale
// holder never sends. Confirming also renews the lease.
class LeaseFence
{
public:
    // Renews the lease and says whether it is still held. Runs on the
    // worker's thread, on the worker's own database connection.
    using Confirm = std::function<bool()>;

    // Until `trustedUntilMs` (wall clock) the lease is known to be held — no
    // other worker can have it before it expires — and confirm() need not
    // ask; after each confirmation it trusts half a lease more.
    explicit LeaseFence(Confirm confirm, qint64 trustedUntilMs = 0, qint64 leaseMs = 0)
        : m_confirm(std::move(confirm)), m_trustedUntilMs(trustedUntilMs), m_leaseMs(leaseMs)
    {}

    // The fence of the item this thread is running; null outside an item.
    static LeaseFence *current();

    // False once the lease is lost, and from then on.
    bool confirm();
    bool lost() const { return m_lost; }

    // Makes `fence` the current one of this thread for the scope's life.
    class Scope
    {
    public:
        explicit Scope(LeaseFence *fence);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        LeaseFence *m_previous;
    };

    static QString lostMessage();

private:
    Confirm m_confirm;
    qint64 m_trustedUntilMs;
    qint64 m_leaseMs;
    bool m_lost = false;
};

} // namespace storeloom
