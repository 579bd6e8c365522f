#pragma once

#include "workspace.h"

#include <QObject>
#include <QPointer>

namespace storeloom {

class CatalogImportJob;
class ImportDialog;
class ImportService;
class ProviderRegistry;

// Starts an import of a connected store from the GUI and shows it in an
// ImportDialog; the run itself appears in Sync jobs. One import at a time.
class ImportController : public QObject
{
    Q_OBJECT

public:
    // `imports` runs them (the process's one import engine).
    ImportController(Workspace workspace, const ProviderRegistry &providers,
                     ImportService &imports, QObject *parent = nullptr);
    ~ImportController() override;

    // Whether connections of `providerId` can be imported by this build.
    bool canImport(const QString &providerId) const;
    // Starts importing connection `connectionId`; returns the dialog (for tests).
    ImportDialog *start(qint64 connectionId, QWidget *parent);

Q_SIGNALS:
    void importFinished(); // the catalog and the runs have changed

private:
    Workspace m_workspace;
    const ProviderRegistry &m_providers;
    ImportService &m_imports;
    QPointer<CatalogImportJob> m_job;
    QPointer<ImportDialog> m_dialog;
};

} // namespace storeloom
