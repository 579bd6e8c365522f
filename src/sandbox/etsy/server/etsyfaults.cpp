#include "etsyfaults.h"

#include <QRegularExpression>
#include <QStringList>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

bool EtsyFault::matches(const QByteArray &requestMethod, const QString &path) const
{
    if (!method.isEmpty() && method.compare(requestMethod, Qt::CaseInsensitive) != 0)
        return false;
    if (pathPattern.isEmpty())
        return true;
    QString pattern = QRegularExpression::escape(pathPattern);
    pattern.replace(u"\\*"_s, u".*"_s);
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(path).hasMatch();
}

std::optional<EtsyFault> EtsyFault::parse(const QString &spec, QString *error)
{
    const QStringList parts = spec.split(u':', Qt::SkipEmptyParts);
    EtsyFault fault;
    bool ok = !parts.isEmpty();
    const QString kind = parts.value(0).section(u'=', 0, 0);
    const QString value = parts.value(0).section(u'=', 1);
    if (kind == u"status"_s || kind == u"commit-status"_s) {
        fault.kind = kind == u"status"_s ? Kind::Status : Kind::CommitThenStatus;
        fault.status = value.isEmpty() ? 500 : value.toInt(&ok);
        ok = ok && fault.status >= 400 && fault.status <= 599;
    } else if (kind == u"delay"_s) {
        fault.kind = Kind::Delay;
        fault.delayMs = value.isEmpty() ? 1000 : value.toInt(&ok);
    } else if (kind == u"drop"_s) {
        fault.kind = Kind::Drop;
    } else if (kind == u"commit-drop"_s) {
        fault.kind = Kind::CommitThenDrop;
    } else if (kind == u"malformed"_s) {
        fault.kind = Kind::Malformed;
    } else {
        ok = false;
    }
    for (qsizetype i = 1; ok && i < parts.size(); ++i) {
        const QString key = parts.at(i).section(u'=', 0, 0);
        const QString setting = parts.at(i).section(u'=', 1);
        if (key == u"method"_s)
            fault.method = setting.toUpper().toLatin1();
        else if (key == u"path"_s)
            fault.pathPattern = setting;
        else if (key == u"count"_s)
            fault.count = setting.toInt(&ok);
        else
            ok = false;
    }
    if (!ok || fault.count < 1 || fault.delayMs < 0) {
        *error = u"bad fault \"%1\" (KIND[=VALUE][:method=M][:path=GLOB][:count=N], KIND one of status=4xx|5xx, "
                 "delay=MS, drop, commit-drop, commit-status=5xx, malformed)"_s.arg(spec);
        return std::nullopt;
    }
    return fault;
}

std::optional<EtsyFault> EtsyFaults::take(const QByteArray &method, const QString &path)
{
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (!it->matches(method, path))
            continue;
        const EtsyFault fault = *it;
        if (--it->count == 0)
            m_faults.erase(it);
        return fault;
    }
    return std::nullopt;
}

} // namespace storeloom::sandbox::etsy
