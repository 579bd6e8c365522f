#include "readonlypath.h"

#include <QFileInfo>
#include <QProcess>

namespace storeloom::test {

ReadOnlyPath::ReadOnlyPath(QString path) : m_path(std::move(path))
{
    m_permissions = QFile::permissions(m_path);
    const bool folder = QFileInfo(m_path).isDir();
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther |
                                      (folder ? QFile::ExeOwner : QFile::Permissions()));
    if (writable())
        m_immutable = QProcess::execute(QStringLiteral("chattr"),
                                        {QStringLiteral("+i"), m_path}) == 0;
}

ReadOnlyPath::~ReadOnlyPath()
{
    if (m_immutable)
        QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), m_path});
    QFile::setPermissions(m_path, m_permissions);
}

bool ReadOnlyPath::writable() const
{
    if (QFileInfo(m_path).isDir()) {
        QFile probe(m_path + QStringLiteral("/.storeloom-probe"));
        const bool ok = probe.open(QIODevice::WriteOnly);
        if (ok)
            probe.remove();
        return ok;
    }
    QFile file(m_path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append);
}

} // namespace storeloom::test
