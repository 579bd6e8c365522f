#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace storeloom {

class WorkspaceModel;

// One area of the main window: a title bar with the area's actions, and its
// model in a table — or, while the model has no rows, a panel that tells the
// merchant what to do next. Object names start with `name` ("catalog" →
// catalogPage, catalogTable, catalogEmptyState) so tests can find them.
class AreaPage : public QWidget
{
    Q_OBJECT

public:
    enum class State { Loading, Empty, Rows };

    AreaPage(const QString &name, const QString &title, WorkspaceModel *model,
             const QString &emptyText, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    WorkspaceModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    State state() const;

    // Adds a widget (e.g. a button) to the right of the title.
    void addHeaderWidget(QWidget *widget);
    // Puts `panel` to the right of the table, with a splitter between them
    // (objectName: <name>Splitter). The panel decides when it is visible.
    void addSidePanel(QWidget *panel);
    // Puts `panel` below the table, with a splitter between them (objectName:
    // <name>Splitter), for a panel that needs the page's width.
    QSplitter *addBottomPanel(QWidget *panel);
    // Puts `bar` (search, filters) between the title and the table; it stays
    // when the table gives way to the empty state.
    void addFilterBar(QWidget *bar);
    // The text shown when the model has no rows (e.g. "nothing matches").
    void setEmptyText(const QString &text);
    // Whether the first rows size the columns (the default). A model whose
    // rows arrive later sizes them itself: sizing reads up to 1000 rows.
    void setSizeColumnsToContents(bool on) { m_columnsSized = !on; }

private:
    void updateState();
    void showLoadError(const QString &message);

    QString m_title;
    WorkspaceModel *m_model;
    QHBoxLayout *m_header = nullptr;
    QStackedWidget *m_states = nullptr;
    QLabel *m_loading = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_view = nullptr;
    bool m_columnsSized = false;
};

} // namespace storeloom
