#pragma once

#include "catalogrowcache.h"
#include "workspace.h"

#include <QObject>

#include <optional>

namespace storeloom {

// Reads pages of Catalog rows on a QThreadPool worker, each with that
// thread's own DbHandle, one page at a time and the newest request first:
// while the merchant drags the scroll bar, the pages they have left behind
// are dropped instead of read. A page is named by its number and the
// layout (the model's list of ids) it was cut from; `epoch` comes back with
// the rows so the model knows which catalog version they show.
class CatalogRowFetcher : public QObject
{
    Q_OBJECT

public:
    // Requests waiting beyond this many drop the oldest.
    static constexpr int kMaxWaiting = 4;

    struct Page
    {
        int number = 0;
        quint64 layout = 0;
        quint64 epoch = 0;
        QList<qint64> ids;
    };

    explicit CatalogRowFetcher(Workspace workspace, QObject *parent = nullptr);

    void request(const Page &page);
    // Whether that page waits or is being read.
    bool isRequested(int number, quint64 layout) const;
    // Forgets the waiting requests; the page being read still arrives.
    void clearWaiting() { m_waiting.clear(); }

Q_SIGNALS:
    // The rows of `page`, in its order; ids no longer in the catalog come
    // back as removed rows.
    void fetched(const storeloom::CatalogRowFetcher::Page &page,
                 const QList<storeloom::CatalogRow> &rows);

private:
    void startNext();
    void finish(const Page &page, const QList<CatalogRow> &rows, const QString &error);

    Workspace m_workspace;
    QList<Page> m_waiting; // oldest first
    std::optional<Page> m_reading;
    bool m_startQueued = false;
};

} // namespace storeloom
