#pragma once

#include "workspace.h"

#include <QTemporaryDir>

namespace storeloom::test {

// A fresh, migrated workspace in a temporary folder that goes away with it.
class TestWorkspace
{
public:
    TestWorkspace();

    QString path() const { return m_workspace.path(); }
    const Workspace &workspace() const { return m_workspace; }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    Workspace m_workspace;
};

} // namespace storeloom::test
