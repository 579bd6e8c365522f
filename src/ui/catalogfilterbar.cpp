#include "catalogfilterbar.h"

#include "channelbadgedelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimer>

namespace storeloom {

namespace {

// Item data of the source filter: a connection's id, or one of these.
constexpr qint64 kAllSources = -1;
constexpr qint64 kMadeHere = 0;
// Item data of the channel state filter: a ChannelState::State, or one of these.
constexpr int kAnyChannelState = -1;
constexpr int kHasProblems = -2;

QComboBox *comboBox(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setAccessibleName(accessibleName);
    combo->setToolTip(accessibleName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return combo;
}

// Replaces the items between the first `head` and the last `tail` with
// `choices`, keeping the current one when it is still offered. Returns true
// when the current choice had to change.
bool replaceChoices(QComboBox *combo, int head, int tail, const QList<CatalogChoice> &choices)
{
    const QVariant current = combo->currentData();
    const QSignalBlocker blocker(combo);
    for (int i = combo->count() - tail - 1; i >= head; --i)
        combo->removeItem(i);
    for (int i = 0; i < choices.size(); ++i)
        combo->insertItem(head + i, choices.at(i).name, QVariant::fromValue(choices.at(i).id));
    const int index = combo->findData(current);
    combo->setCurrentIndex(qMax(index, 0));
    return index < 0;
}

} // namespace

CatalogFilterBar::CatalogFilterBar(QWidget *parent) : QWidget(parent)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Search title or SKU"));
    m_search->setAccessibleName(tr("Search products"));
    m_search->setClearButtonEnabled(true);

    m_source = comboBox(QStringLiteral("catalogSourceFilter"), tr("Source"), this);
    m_source->addItem(tr("All sources"), QVariant::fromValue(kAllSources));
    m_source->addItem(tr("Made here"), QVariant::fromValue(kMadeHere));

    m_collection = comboBox(QStringLiteral("catalogCollectionFilter"), tr("Collection"), this);
    m_collection->addItem(tr("All collections"), QVariant::fromValue(qint64(0)));
    m_collection->setVisible(false); // until there are collections

    m_stock = comboBox(QStringLiteral("catalogStockFilter"), tr("Stock"), this);
    m_stock->addItem(tr("Any stock"), int(CatalogFilter::Stock::All));
    m_stock->addItem(tr("Has stock"), int(CatalogFilter::Stock::InStock));
    m_stock->addItem(tr("Out of stock"), int(CatalogFilter::Stock::OutOfStock));

    m_channel = comboBox(QStringLiteral("catalogChannelFilter"), tr("Channel"), this);
    m_channel->addItem(tr("Any channel"), QVariant::fromValue(qint64(0)));
    m_channelState =
        comboBox(QStringLiteral("catalogChannelStateFilter"), tr("Channel state"), this);
    m_channelState->addItem(tr("Any channel state"), kAnyChannelState);
    for (const auto state :
         {ChannelState::State::NotListed, ChannelState::State::Pending, ChannelState::State::Synced,
          ChannelState::State::Failed, ChannelState::State::OutOfSync,
          ChannelState::State::Inactive}) {
        const QString label = ChannelBadge::label(state);
        m_channelState->addItem(label.left(1).toUpper() + label.mid(1), int(state));
    }
    m_channelState->addItem(tr("Has problems"), kHasProblems);
    m_channelState->setItemData(m_channelState->count() - 1, tr("Failed or out of sync"),
                                Qt::ToolTipRole);
    updateChannelChoice(); // hidden until there are channels

    m_problems = comboBox(QStringLiteral("catalogProblemsFilter"), tr("Problems"), this);
    m_problems->addItem(tr("With or without problems"), int(CatalogFilter::Problems::All));
    m_problems->addItem(tr("Has problems"), int(CatalogFilter::Problems::Any));
    m_problems->setItemData(1, tr("A SKU other variants share, or failed or out of sync on a "
                                  "channel"),
                            Qt::ToolTipRole);
    m_problems->addItem(tr("Duplicate SKU"), int(CatalogFilter::Problems::DuplicateSku));
    m_problems->setItemData(2, tr("A SKU other variants share: stock linked by SKU would move "
                                  "between them"),
                            Qt::ToolTipRole);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("catalogCount"));
    m_count->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_source);
    layout->addWidget(m_collection);
    layout->addWidget(m_stock);
    layout->addWidget(m_channel);
    layout->addWidget(m_channelState);
    layout->addWidget(m_problems);
    layout->addSpacing(12);
    layout->addWidget(m_count);

    // Typing waits for a pause, so 100,000 products are not filtered per key.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setObjectName(QStringLiteral("catalogSearchDelay"));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &CatalogFilterBar::announce);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    m_search->installEventFilter(this); // Enter: at once
    for (QComboBox *combo : {m_source, m_collection, m_stock, m_channel, m_channelState, m_problems})
        connect(combo, &QComboBox::currentIndexChanged, this, &CatalogFilterBar::announce);
}

CatalogFilter CatalogFilterBar::filter() const
{
    CatalogFilter filter;
    filter.search = m_search->text().trimmed();
    const qint64 source = m_source->currentData().toLongLong();
    if (source == kMadeHere) {
        filter.source = CatalogFilter::Source::MadeHere;
    } else if (source != kAllSources) {
        filter.source = CatalogFilter::Source::Connection;
        filter.connectionId = source;
    }
    filter.collectionId = m_collection->currentData().toLongLong();
    filter.stock = CatalogFilter::Stock(m_stock->currentData().toInt());
    filter.problems = CatalogFilter::Problems(m_problems->currentData().toInt());
    const int state = m_channelState->currentData().toInt();
    if (state != kAnyChannelState) {
        filter.channel = state == kHasProblems ? CatalogFilter::Channel::HasProblems
                                               : CatalogFilter::Channel::InState;
        if (state != kHasProblems)
            filter.channelState = ChannelState::State(state);
        filter.channelId =
            m_fixedChannel > 0 ? m_fixedChannel : m_channel->currentData().toLongLong();
    }
    return filter;
}

void CatalogFilterBar::setSources(const QList<CatalogChoice> &sources)
{
    if (replaceChoices(m_source, 1, 1, sources))
        announce();
}

void CatalogFilterBar::setCollections(const QList<CatalogChoice> &collections)
{
    m_collection->setVisible(!collections.isEmpty());
    if (replaceChoices(m_collection, 1, 0, collections))
        announce();
}

void CatalogFilterBar::setChannels(const QList<CatalogChoice> &channels)
{
    const bool changed = replaceChoices(m_channel, 1, 0, channels);
    updateChannelChoice();
    if (changed)
        announce();
}

void CatalogFilterBar::setFixedChannel(qint64 connectionId)
{
    if (connectionId == m_fixedChannel)
        return;
    m_fixedChannel = connectionId;
    updateChannelChoice();
    announce();
}

void CatalogFilterBar::updateChannelChoice()
{
    const bool channels = m_channel->count() > 1;
    m_channel->setVisible(channels && m_fixedChannel == 0);
    m_channelState->setVisible(channels || m_fixedChannel > 0);
}

void CatalogFilterBar::setCounts(qint64 shown, qint64 total, bool filtered)
{
    const QLocale locale;
    if (filtered)
        m_count->setText(tr("%1 of %2 match").arg(locale.toString(shown), locale.toString(total)));
    else if (total == 1)
        m_count->setText(tr("1 product"));
    else
        m_count->setText(tr("%1 products").arg(locale.toString(total)));
}

// Enter applies the search at once and goes no further: in a dialog it
// would also press the default button.
bool CatalogFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            announce();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CatalogFilterBar::announce()
{
    m_searchDelay->stop();
    Q_EMIT filterChanged(filter());
}

} // namespace storeloom
