#include "testworkspace.h"

namespace storeloom::test {

TestWorkspace::TestWorkspace() : m_workspace(m_dir.filePath(QStringLiteral("workspace.sqlite")))
{
    m_workspace.open();
}

} // namespace storeloom::test
