#include "catalogrowfetcher.h"

#include "channelmappings.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <exception>

namespace storeloom {

namespace {

// Runs on the worker: the page's rows with their stock per location and
// their state on each channel.
QList<CatalogRow> readRows(const QSqlDatabase &db, const QList<qint64> &ids)
{
    const CatalogQuery query(db);
    const QList<ProductSummary> summaries = query.summaries(ids);
    const QHash<qint64, QList<LocationStock>> stock = query.locationsStock(ids);
    QHash<qint64, QList<ChannelState>> channels = ChannelMappings(db).channelsOf(ids);
    QList<CatalogRow> rows;
    rows.reserve(ids.size());
    qsizetype next = 0; // summaries come in the order of `ids`, minus the removed
    for (qint64 id : ids) {
        CatalogRow row;
        if (next < summaries.size() && summaries.at(next).id == id) {
            row.summary = summaries.at(next++);
            row.stock = stock.value(id);
            row.channels = channels.take(id);
        } else {
            row.summary.id = id;
            row.removed = true;
        }
        rows.append(row);
    }
    return rows;
}

} // namespace

CatalogRowFetcher::CatalogRowFetcher(Workspace workspace, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace))
{
}

bool CatalogRowFetcher::isRequested(int number, quint64 layout) const
{
    const auto same = [=](const Page &page) {
        return page.number == number && page.layout == layout;
    };
    return (m_reading && same(*m_reading)) ||
           std::any_of(m_waiting.cbegin(), m_waiting.cend(), same);
}

void CatalogRowFetcher::request(const Page &page)
{
    m_waiting.removeIf([&](const Page &waiting) {
        return waiting.number == page.number && waiting.layout == page.layout;
    });
    m_waiting.append(page);
    while (m_waiting.size() > kMaxWaiting)
        m_waiting.removeFirst();
    // Started from the event loop, not from inside the view's paint event
    // that asked; by then every page the paint needs is waiting.
    if (!m_reading && !m_startQueued) {
        m_startQueued = true;
        QMetaObject::invokeMethod(this, &CatalogRowFetcher::startNext, Qt::QueuedConnection);
    }
}

void CatalogRowFetcher::startNext()
{
    m_startQueued = false;
    if (m_reading || m_waiting.isEmpty())
        return;
    m_reading = m_waiting.takeLast();
    const QPointer<CatalogRowFetcher> self(this);
    QThreadPool::globalInstance()->start([self, workspace = m_workspace, page = *m_reading] {
        QList<CatalogRow> rows;
        QString error;
        try {
            const DbHandle handle = workspace.openHandle();
            rows = readRows(handle.db(), page.ids);
        } catch (const WorkspaceError &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromLocal8Bit(e.what());
        }
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        // Through the application object, which outlives the fetcher.
        QMetaObject::invokeMethod(
            app,
            [self, page, rows = std::move(rows), error] {
                if (self)
                    self->finish(page, rows, error);
            },
            Qt::QueuedConnection);
    });
}

void CatalogRowFetcher::finish(const Page &page, const QList<CatalogRow> &rows,
                               const QString &error)
{
    m_reading.reset();
    if (error.isEmpty())
        Q_EMIT fetched(page, rows);
    else
        qCWarning(lcUi).noquote() << "catalog rows could not be read:" << error;
    startNext();
}

} // namespace storeloom
