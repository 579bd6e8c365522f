#pragma once

#include <QFile>
#include <QString>

namespace storeloom::test {

// Makes a file or folder read-only while it lives, and gives it back as it
// was. Root writes through permission bits, so there the immutable
// attribute (chattr +i) does it; holds() says whether writing is stopped.
class ReadOnlyPath
{
public:
    explicit ReadOnlyPath(QString path);
    ~ReadOnlyPath();
    ReadOnlyPath(const ReadOnlyPath &) = delete;
    ReadOnlyPath &operator=(const ReadOnlyPath &) = delete;

    bool holds() const { return !writable(); }

private:
    bool writable() const;

    QString m_path;
    QFile::Permissions m_permissions;
    bool m_immutable = false;
};

} // namespace storeloom::test
