#include "catalogmodel.h"

#include "catalogrowfetcher.h"
#include "channelbadgedelegate.h"
#include "displayformat.h"
#include "uilogging.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <optional>

namespace storeloom {

namespace {

// A long SKU list stays readable: the first few, then how many more.
constexpr int kSkusShown = 3;

CatalogSort::Key sortKey(int column)
{
    switch (column) {
    case CatalogModel::Skus: return CatalogSort::Key::Sku;
    case CatalogModel::Variants: return CatalogSort::Key::Variants;
    case CatalogModel::Price: return CatalogSort::Key::Price;
    case CatalogModel::Stock: return CatalogSort::Key::Stock;
    case CatalogModel::Source: return CatalogSort::Key::Source;
    default: return CatalogSort::Key::Title;
    }
}

} // namespace

// What one load read on its worker.
struct CatalogModel::Snapshot
{
    Request request;
    CatalogVersion version;
    QList<CatalogChoice> sources;
    QList<CatalogChoice> collections;
    std::optional<QList<qint64>> ids; // unset: the ids shown are still right
};

CatalogModel::CatalogModel(Workspace workspace, QObject *parent)
    : WorkspaceModel(workspace, parent), m_fetcher(new CatalogRowFetcher(workspace, this))
{
    connect(m_fetcher, &CatalogRowFetcher::fetched, this,
            [this](const CatalogRowFetcher::Page &page, const QList<CatalogRow> &rows) {
                rowsFetched(page.layout, page.number, rows, page.epoch);
            });
}

CatalogModel::~CatalogModel() = default;

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void CatalogModel::setFilter(const CatalogFilter &filter)
{
    if (filter == m_requested.filter)
        return;
    m_requested.filter = filter;
    refresh();
}

void CatalogModel::sort(int column, Qt::SortOrder order)
{
    if (column == Channels)
        return;
    const CatalogSort sort{sortKey(column), order == Qt::DescendingOrder};
    if (sort == m_requested.sort)
        return;
    m_requested.sort = sort;
    refresh();
}

WorkspaceModel::Query CatalogModel::query() const
{
    return [request = m_requested, applied = m_applied, version = m_version,
            sources = m_sources, loaded = hasLoaded()](const QSqlDatabase &db) -> Apply {
        const CatalogQuery catalog(db);
        Snapshot snapshot;
        snapshot.request = request;
        // The version first: a write after it is seen by the next refresh.
        snapshot.version = catalog.version();
        snapshot.sources = catalog.sources();
        snapshot.collections = catalog.collections();
        const bool current = loaded && request == applied && snapshot.version == version &&
                             snapshot.sources == sources;
        if (!current)
            snapshot.ids = catalog.matchingIds(request.filter, request.sort);
        return [snapshot](WorkspaceModel *model) {
            static_cast<CatalogModel *>(model)->apply(snapshot);
        };
    };
}

void CatalogModel::apply(const Snapshot &snapshot)
{
    const bool catalogChanged = snapshot.version != m_version || snapshot.sources != m_sources;
    if (snapshot.sources != m_sources || snapshot.collections != m_collections) {
        m_sources = snapshot.sources;
        m_collections = snapshot.collections;
        Q_EMIT choicesChanged();
    }
    if (!snapshot.ids)
        return; // nothing changed: no layout change, no rows read again
    const bool filterChanged = snapshot.request.filter != m_applied.filter;
    m_version = snapshot.version;
    m_applied = snapshot.request;
    if (catalogChanged) {
        ++m_epoch; // the rows held still show until their new copies arrive
        m_fetcher->clearWaiting();
    }
    QElapsedTimer clock;
    clock.start();
    if (*snapshot.ids != m_ids)
        replaceIds(*snapshot.ids);
    else if (catalogChanged && !m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT countsChanged();
    qCDebug(lcUi) << "catalog:" << snapshot.ids->size() << "of" << m_version.products
                  << "products match; changed:" << catalogChanged << "; applied in"
                  << clock.elapsed() << "ms";
    if (filterChanged)
        Q_EMIT filterApplied();
}

void CatalogModel::replaceIds(const QList<qint64> &ids)
{
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    if (!before.isEmpty()) {
        // The view's current index and selection follow their products.
        QHash<qint64, int> rowOf;
        rowOf.reserve(ids.size());
        for (int row = 0; row < ids.size(); ++row)
            rowOf.insert(ids.at(row), row);
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before) {
            const auto it = rowOf.constFind(m_ids.at(index.row()));
            after.append(it == rowOf.cend() ? QModelIndex() : createIndex(*it, index.column()));
        }
        changePersistentIndexList(before, after);
    }
    m_ids = ids;
    ++m_layout;
    m_fetcher->clearWaiting(); // their page numbers meant other rows
    Q_EMIT layoutChanged();
}

bool CatalogModel::isRowLoaded(int row) const
{
    return row >= 0 && row < m_ids.size() && m_rows.isFresh(m_ids.at(row), m_epoch);
}

void CatalogModel::requestRow(int row) const
{
    const int page = row / kPageSize;
    if (m_fetcher->isRequested(page, m_layout))
        return;
    m_fetcher->request({page, m_layout, m_epoch, m_ids.mid(page * kPageSize, kPageSize)});
}

void CatalogModel::rowsFetched(quint64 layout, int page, const QList<CatalogRow> &rows,
                               quint64 epoch)
{
    for (const CatalogRow &row : rows)
        m_rows.insert(row, epoch);
    if (m_ids.isEmpty())
        return;
    int first = 0;
    int last = rowCount() - 1;
    if (layout == m_layout) { // else the rows moved: repaint whatever shows
        first = page * kPageSize;
        last = qMin(last, first + int(rows.size()) - 1);
    }
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

QVariant CatalogModel::display(const CatalogRow &row, int column) const
{
    const ProductSummary &product = row.summary;
    if (row.removed)
        return column == Title ? QVariant(tr("(removed)")) : QVariant();
    switch (column) {
    case Title: return product.title;
    case Skus:
        if (product.skus.size() <= kSkusShown)
            return product.skus.join(QStringLiteral(", "));
        return tr("%1 +%2 more")
            .arg(product.skus.mid(0, kSkusShown).join(QStringLiteral(", ")))
            .arg(product.skus.size() - kSkusShown);
    case Variants: return QLocale().toString(product.variantCount);
    case Price: return DisplayFormat::priceRange(product.minPrice, product.maxPrice);
    case Stock: return QLocale().toString(product.totalAvailable);
    case Source: return product.sourceName.isEmpty() ? tr("Made here") : product.sourceName;
    case Channels: {
        QStringList states;
        for (const ChannelState &channel : row.channels)
            states.append(tr("%1: %2").arg(channelName(channel.connectionId),
                                           ChannelBadge::label(channel.state)));
        return states.join(QStringLiteral(" · "));
    }
    }
    return {};
}

QString CatalogModel::channelName(qint64 connectionId) const
{
    for (const CatalogChoice &connection : m_sources) {
        if (connection.id == connectionId)
            return connection.name;
    }
    return tr("Connection %1").arg(connectionId);
}

QVariant CatalogModel::badges(const CatalogRow &row) const
{
    QList<ChannelBadge> badges;
    for (const ChannelState &channel : row.channels)
        badges.append({channelName(channel.connectionId), channel.state});
    return QVariant::fromValue(badges);
}

QString CatalogModel::channelsToolTip(const CatalogRow &row) const
{
    QStringList lines;
    for (const ChannelState &channel : row.channels) {
        QString line =
            tr("%1: %2").arg(channelName(channel.connectionId), ChannelBadge::label(channel.state));
        if (channel.state == ChannelState::State::Failed && !channel.lastError.isEmpty())
            line += tr(" — %1").arg(channel.lastError);
        else if (channel.state == ChannelState::State::OutOfSync)
            line += tr(" — changed here since it was last synced");
        lines.append(line);
        if (!channel.url.isEmpty())
            lines.append(channel.url);
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant CatalogModel::toolTip(const CatalogRow &row, int column) const
{
    if (row.removed)
        return {};
    switch (column) {
    case Title: return row.summary.title;
    case Skus:
        if (row.summary.skus.size() > kSkusShown)
            return row.summary.skus.join(QLatin1Char('\n'));
        return {};
    case Stock: {
        if (row.stock.isEmpty())
            return tr("No stock recorded at any location");
        QStringList lines;
        for (const LocationStock &location : row.stock)
            lines.append(tr("%1: %2").arg(location.name, QLocale().toString(location.available)));
        return lines.join(QLatin1Char('\n'));
    }
    case Channels: {
        const QString text = channelsToolTip(row);
        return text.isEmpty() ? QVariant(tr("Not listed on any channel")) : QVariant(text);
    }
    default: return {};
    }
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    switch (role) {
    case IdRole:
        return m_ids.at(index.row());
    case LoadedRole:
        return isRowLoaded(index.row());
    case Qt::TextAlignmentRole:
        if (column == Variants || column == Price || column == Stock)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::ForegroundRole:
    case BadgesRole:
        break;
    default:
        return {};
    }
    quint64 epoch = 0;
    const CatalogRow *row = m_rows.use(m_ids.at(index.row()), &epoch);
    if (!row || epoch != m_epoch)
        requestRow(index.row()); // a stale row still shows meanwhile
    if (role == Qt::ForegroundRole) {
        if ((row && !row->removed) || !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
            return {};
        return QGuiApplication::palette().color(QPalette::PlaceholderText);
    }
    if (!row)
        return role == Qt::DisplayRole && column == Title ? QVariant(tr("Loading…")) : QVariant();
    if (role == BadgesRole)
        return column == Channels && !row->removed ? badges(*row) : QVariant();
    return role == Qt::DisplayRole ? display(*row, column) : toolTip(*row, column);
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title: return tr("Product");
    case Skus: return tr("SKUs");
    case Variants: return tr("Variants");
    case Price: return tr("Price");
    case Stock: return tr("Stock");
    case Source: return tr("Source");
    case Channels:
        return tr("Channels");
    }
    return {};
}

} // namespace storeloom
