#pragma once

#include "catalogquery.h"
#include "channelstate.h"

#include <QHash>

namespace storeloom {

// One product as the Catalog page shows it.
struct CatalogRow
{
    ProductSummary summary;
    QList<LocationStock> stock; // per location, for the stock cell's tooltip
    QList<ChannelState> channels; // where it is published (not where it came from)
    bool removed = false;       // deleted since the page listed its id
};

// The rows the Catalog page has read, by product id: at most `capacity` of
// them, the least recently shown going first, so scrolling through 100,000
// products never holds more than a screenful or two of pages in memory. Each
// row remembers the catalog epoch it was read in; a row from an older epoch
// still shows (no flicker) until its fresh copy arrives.
class CatalogRowCache
{
public:
    explicit CatalogRowCache(int capacity) : m_capacity(capacity) {}

    // The row, marked as just used; nullptr when it was never read or is gone.
    const CatalogRow *use(qint64 id, quint64 *epoch);
    // Whether the row is here and from `epoch`; does not count as a use.
    bool isFresh(qint64 id, quint64 epoch) const;

    // Keeps the row unless a newer copy is here, then trims to capacity.
    void insert(const CatalogRow &row, quint64 epoch);
    void clear() { m_entries.clear(); }

    int size() const { return int(m_entries.size()); }
    int capacity() const { return m_capacity; }
    int peakSize() const { return m_peak; } // the most rows held at once

private:
    struct Entry
    {
        CatalogRow row;
        quint64 epoch = 0;
        quint64 lastUse = 0;
    };

    void trim();

    QHash<qint64, Entry> m_entries;
    int m_capacity;
    int m_peak = 0;
    quint64 m_clock = 0;
};

} // namespace storeloom
