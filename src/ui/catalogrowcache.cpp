#include "catalogrowcache.h"

#include <algorithm>
#include <vector>

namespace storeloom {

const CatalogRow *CatalogRowCache::use(qint64 id, quint64 *epoch)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return nullptr;
    it->lastUse = ++m_clock;
    *epoch = it->epoch;
    return &it->row;
}

bool CatalogRowCache::isFresh(qint64 id, quint64 epoch) const
{
    const auto it = m_entries.constFind(id);
    return it != m_entries.cend() && it->epoch == epoch;
}

void CatalogRowCache::insert(const CatalogRow &row, quint64 epoch)
{
    const auto it = m_entries.find(row.summary.id);
    if (it != m_entries.end()) {
        if (it->epoch > epoch)
            return; // read before the catalog changed; the copy here is newer
        it->row = row;
        it->epoch = epoch;
        it->lastUse = ++m_clock;
    } else {
        m_entries.insert(row.summary.id, {row, epoch, ++m_clock});
    }
    trim();
    m_peak = std::max(m_peak, size());
}

void CatalogRowCache::trim()
{
    if (m_entries.size() <= m_capacity)
        return;
    // Down to three quarters, so a page arriving at capacity does not sort
    // the whole cache each time. The rows on screen are the newest uses.
    const qsizetype keep = std::max<qsizetype>(1, m_capacity * 3 / 4);
    std::vector<quint64> uses;
    uses.reserve(m_entries.size());
    for (const Entry &entry : std::as_const(m_entries))
        uses.push_back(entry.lastUse);
    const auto cut = uses.end() - keep;
    std::nth_element(uses.begin(), cut, uses.end());
    const quint64 oldestKept = *cut;
    m_entries.removeIf([oldestKept](const auto &it) { return it.value().lastUse < oldestKept; });
}

} // namespace storeloom
