#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace storeloom::sandbox::etsy {

// One misbehaviour for the next `count` requests matching method and path.
// Status, Delay and Drop happen instead of the request (nothing is done);
// the Commit kinds and Malformed carry the request out first, so the
// client cannot know it succeeded.
struct EtsyFault
{
    enum class Kind { Status, Delay, Drop, CommitThenDrop, CommitThenStatus, Malformed };

    Kind kind = Kind::Status;
    QByteArray method;   // empty: any
    QString pathPattern; // glob, `*` matches anything (slashes too); empty: any /v3 path
    int count = 1;
    int status = 500;
    int delayMs = 0; // Delay: wait this long, then answer normally

    bool matches(const QByteArray &requestMethod, const QString &path) const;

    // "KIND[=VALUE][:method=M][:path=GLOB][:count=N]", KIND one of status=N,
    // delay=MS, drop, commit-drop, commit-status=N, malformed.
    static std::optional<EtsyFault> parse(const QString &spec, QString *error);
};

// The faults in force; the oldest matching rule fires first. Guarded by
// the sandbox's lock.
class EtsyFaults
{
public:
    void add(const EtsyFault &fault) { m_faults.push_back(fault); }
    void clear() { m_faults.clear(); }
    std::optional<EtsyFault> take(const QByteArray &method, const QString &path);

private:
    std::vector<EtsyFault> m_faults;
};

} // namespace storeloom::sandbox::etsy
