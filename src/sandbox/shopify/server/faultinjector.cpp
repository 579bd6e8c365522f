#include "faultinjector.h"

#include <QStringList>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

std::optional<FaultRule> FaultRule::parse(const QString &spec, QString *error)
{
    const QStringList parts = spec.split(u':', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        *error = u"empty fault"_s;
        return std::nullopt;
    }
    FaultRule rule;
    const QString kind = parts.first().section(u'=', 0, 0);
    const QString value = parts.first().section(u'=', 1);
    bool ok = true;
    if (kind == u"throttle"_s) {
        rule.kind = Kind::Throttle;
    } else if (kind == u"status"_s) {
        rule.kind = Kind::HttpError;
        rule.status = value.isEmpty() ? 503 : value.toInt(&ok);
        ok = ok && rule.status >= 500 && rule.status <= 599;
    } else if (kind == u"slow"_s) {
        rule.kind = Kind::Slow;
        rule.delayMs = value.isEmpty() ? 500 : value.toInt(&ok);
    } else if (kind == u"reset"_s) {
        rule.kind = Kind::Reset;
    } else if (kind == u"malformed"_s) {
        rule.kind = Kind::Malformed;
    } else {
        ok = false;
    }
    for (qsizetype i = 1; ok && i < parts.size(); ++i) {
        const QString key = parts.at(i).section(u'=', 0, 0);
        const QString setting = parts.at(i).section(u'=', 1);
        if (key == u"next"_s)
            rule.next = setting.toInt(&ok);
        else if (key == u"every"_s)
            rule.every = setting.toInt(&ok);
        else if (key == u"target"_s && (setting == u"graphql"_s || setting == u"bulk"_s))
            rule.target = setting == u"bulk"_s ? Target::BulkDownload : Target::GraphQL;
        else
            ok = false;
    }
    if (!ok || rule.next < 0 || rule.every < 0) {
        *error = u"bad fault \"%1\" (KIND[=VALUE][:next=N][:every=K][:target=graphql|bulk], "
                 "KIND one of throttle, status=5xx, slow=MS, reset, malformed)"_s.arg(spec);
        return std::nullopt;
    }
    if (rule.next == 0 && rule.every == 0)
        rule.next = 1;
    return rule;
}

void FaultInjector::add(const FaultRule &rule)
{
    QMutexLocker locker(&m_mutex);
    m_rules.push_back({rule, 0});
}

void FaultInjector::clear()
{
    QMutexLocker locker(&m_mutex);
    m_rules.clear();
}

FaultDecision FaultInjector::decide(FaultRule::Target target)
{
    QMutexLocker locker(&m_mutex);
    FaultDecision decision;
    bool oneShotTaken = false;
    for (Active &active : m_rules) {
        FaultRule &rule = active.rule;
        if (rule.target != target)
            continue;
        bool fires = false;
        if (rule.next > 0) {
            // "Next N" rules queue up: the first one added is used up first.
            if (oneShotTaken)
                continue;
            --rule.next;
            fires = oneShotTaken = true;
        } else if (rule.every > 0) {
            fires = ++active.seen % rule.every == 0;
        }
        if (!fires)
            continue;
        switch (rule.kind) {
        case FaultRule::Kind::Throttle: decision.throttle = true; break;
        case FaultRule::Kind::HttpError: decision.status = rule.status; break;
        case FaultRule::Kind::Slow: decision.delayMs = std::max(decision.delayMs, rule.delayMs); break;
        case FaultRule::Kind::Reset: decision.reset = true; break;
        case FaultRule::Kind::Malformed: decision.malformed = true; break;
        }
    }
    std::erase_if(m_rules, [](const Active &a) { return a.rule.next == 0 && a.rule.every == 0; });
    return decision;
}

} // namespace storeloom::sandbox::shopify
