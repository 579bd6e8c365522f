#pragma once

#include <QString>
#include <stdexcept>

namespace storeloom {

// Thrown by the hub when the workspace cannot do what was asked. The message
// is written for the person using the app: what happened and what to do.
class WorkspaceError : public std::runtime_error
{
public:
    enum class Kind { Unavailable, NewerSchema, NotFound, InvalidState, Sql };

    WorkspaceError(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message)
    {}

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

} // namespace storeloom
