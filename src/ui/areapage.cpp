#include "areapage.h"

#include "workspacemodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace storeloom {

namespace {

QLabel *stateLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(24);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

QTableView *tableView(const QString &objectName, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setShowGrid(false);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->verticalHeader()->hide();
    // Fixed row heights keep scrolling through 100k products cheap.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

// Gives a side panel room each time it is shown: a splitter leaves a child
// that was hidden when it was laid out at zero width.
class PanelSizer : public QObject
{
public:
    PanelSizer(QSplitter *splitter, QWidget *panel) : QObject(panel), m_splitter(splitter) {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Show)
            return false;
        const auto *panel = static_cast<QWidget *>(watched);
        const QList<int> sizes = m_splitter->sizes();
        if (sizes.size() == 2 && sizes.at(1) < panel->minimumSizeHint().width()) {
            const int total = sizes.at(0) + sizes.at(1);
            const int width = qMin(qMax(panel->sizeHint().width(), total / 3), total / 2);
            m_splitter->setSizes({total - width, width});
        }
        return false;
    }

private:
    QSplitter *m_splitter;
};

} // namespace

AreaPage::AreaPage(const QString &name, const QString &title, WorkspaceModel *model,
                   const QString &emptyText, QWidget *parent)
    : QWidget(parent), m_title(title), m_model(model)
{
    setObjectName(name + QStringLiteral("Page"));

    auto *heading = new QLabel(title, this);
    heading->setObjectName(name + QStringLiteral("Title"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);

    m_header = new QHBoxLayout;
    m_header->addWidget(heading);
    m_header->addStretch();

    m_loading = stateLabel(name + QStringLiteral("Loading"), tr("Loading…"), this);
    m_empty = stateLabel(name + QStringLiteral("EmptyState"), emptyText, this);
    m_view = tableView(name + QStringLiteral("Table"), model, this);
    m_states = new QStackedWidget(this);
    m_states->setObjectName(name + QStringLiteral("States"));
    m_states->addWidget(m_loading);
    m_states->addWidget(m_empty);
    m_states->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_header);
    layout->addWidget(m_states, 1);

    connect(model, &QAbstractItemModel::modelReset, this, &AreaPage::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &AreaPage::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &AreaPage::updateState);
    connect(model, &WorkspaceModel::loaded, this, &AreaPage::updateState);
    connect(model, &WorkspaceModel::loadFailed, this, &AreaPage::showLoadError);
    updateState();
}

AreaPage::State AreaPage::state() const
{
    if (m_states->currentWidget() == m_view)
        return State::Rows;
    return m_states->currentWidget() == m_empty ? State::Empty : State::Loading;
}

void AreaPage::addHeaderWidget(QWidget *widget)
{
    m_header->addWidget(widget);
}

void AreaPage::addSidePanel(QWidget *panel)
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    const QString name = m_states->objectName().chopped(6); // <name>States
    splitter->setObjectName(name + QStringLiteral("Splitter"));
    splitter->setChildrenCollapsible(false);
    layout()->replaceWidget(m_states, splitter);
    splitter->addWidget(m_states);
    splitter->addWidget(panel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    panel->installEventFilter(new PanelSizer(splitter, panel));
}

QSplitter *AreaPage::addBottomPanel(QWidget *panel)
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(m_states->objectName().chopped(6) + QStringLiteral("Splitter"));
    splitter->setChildrenCollapsible(false);
    layout()->replaceWidget(m_states, splitter);
    splitter->addWidget(m_states);
    splitter->addWidget(panel);
    return splitter;
}

void AreaPage::addFilterBar(QWidget *bar)
{
    auto *box = static_cast<QVBoxLayout *>(layout());
    box->insertWidget(box->indexOf(m_header) + 1, bar);
}

void AreaPage::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

void AreaPage::updateState()
{
    if (m_model->rowCount() > 0) {
        m_states->setCurrentWidget(m_view);
        if (!m_columnsSized) {
            // Once, from the first rows: later loads keep what the merchant set.
            m_columnsSized = true;
            m_view->resizeColumnsToContents();
            const int widest = qMax(160, m_view->width() / 3);
            // The last column stretches to the edge; the others stay readable.
            for (int column = 0; column + 1 < m_model->columnCount(); ++column)
                m_view->setColumnWidth(column, qMin(m_view->columnWidth(column) + 16, widest));
        }
    } else if (m_model->hasLoaded()) {
        m_states->setCurrentWidget(m_empty);
    } else {
        m_states->setCurrentWidget(m_loading);
    }
}

void AreaPage::showLoadError(const QString &message)
{
    if (m_model->hasLoaded())
        return; // the rows of the last good load stay; the window reports the error
    m_loading->setText(tr("This list could not be read from the workspace.\n%1").arg(message));
}

} // namespace storeloom
