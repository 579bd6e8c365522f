// ProductOffer: only active products are offered to a channel unless the
// merchant includes drafts, archived products or products gone from their
// store; each one left out says why.
#include "publishoffer.h"
#include "publishseed.h"
#include "testworkspace.h"

#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestPublishOffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        m_active = add(u"Active apron"_s, u"active"_s);
        m_draft = add(u"Draft apron"_s, u"draft"_s);
        m_archived = add(u"Archived apron"_s, u"archived"_s);
        m_gone = add(u"Gone apron"_s, u"active"_s, true);
        m_goneDraft = add(u"Gone draft"_s, u"draft"_s, true);
    }
    void cleanup()
    {
        m_handle.reset();
        m_workspace.reset();
    }

    void onlyActiveProductsAreOfferedByDefault()
    {
        const auto split =
            ProductOffer(db()).split({m_gone, m_active, m_draft, m_archived, m_goneDraft}, {});
        QCOMPARE(split.offered, QList<qint64>{m_active});
        const QList<NotOfferedProduct> expected{
            {m_gone, u"Gone apron"_s, NotOfferedReason::Gone},
            {m_draft, u"Draft apron"_s, NotOfferedReason::Draft},
            {m_archived, u"Archived apron"_s, NotOfferedReason::Archived},
            {m_goneDraft, u"Gone draft"_s, NotOfferedReason::Gone}, // gone, whatever its status
        };
        QCOMPARE(split.notOffered, expected);
    }

    void includedReasonsAreOffered()
    {
        OfferIncludes includes;
        includes.draft = true;
        includes.gone = true;
        const auto split =
            ProductOffer(db()).split({m_active, m_draft, m_archived, m_gone}, includes);
        QCOMPARE(split.offered, (QList<qint64>{m_active, m_draft, m_gone}));
        QCOMPARE(split.notOffered.size(), 1);
        QCOMPARE(split.notOffered.first().reason, NotOfferedReason::Archived);

        const auto all = ProductOffer(db()).split({m_archived, m_goneDraft}, OfferIncludes::all());
        QCOMPARE(all.offered, (QList<qint64>{m_archived, m_goneDraft}));
        QVERIFY(all.notOffered.isEmpty());
    }

    void unknownProductsAreInNeitherList()
    {
        const auto split = ProductOffer(db()).split({4242, m_active}, {});
        QCOMPARE(split.offered, QList<qint64>{m_active});
        QVERIFY(split.notOffered.isEmpty());
    }

    void includesParseTheWordsOfTheCommandLine()
    {
        QCOMPARE(OfferIncludes::parse(QString()), OfferIncludes{});
        QCOMPARE(OfferIncludes::parse(u"draft,gone"_s), (OfferIncludes{true, false, true}));
        QCOMPARE(OfferIncludes::parse(u" Archived , drafts"_s), (OfferIncludes{true, true, false}));
        QCOMPARE(OfferIncludes::parse(u"all"_s), OfferIncludes::all());
        QVERIFY(!OfferIncludes::parse(u"draft,deleted"_s));
        QCOMPARE(nameOf(NotOfferedReason::Gone), u"gone"_s);
        QCOMPARE(labelOf(NotOfferedReason::Gone), u"gone from the store"_s);
    }

private:
    QSqlDatabase db() const { return m_handle->db(); }

    qint64 add(const QString &title, const QString &status, bool gone = false)
    {
        const qint64 id = test::addProduct(db(), title, test::eurVariant(title.toUpper(), 1500));
        QSqlQuery update(db());
        update.prepare(u"UPDATE products SET status = ?, source_deleted_at = ? WHERE id = ?"_s);
        update.addBindValue(status);
        update.addBindValue(gone ? QVariant(qint64(1700000000000)) : QVariant());
        update.addBindValue(id);
        if (!update.exec())
            qFatal("cannot set the product's status");
        return id;
    }

    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
    qint64 m_active = 0, m_draft = 0, m_archived = 0, m_gone = 0, m_goneDraft = 0;
};

QTEST_GUILESS_MAIN(TestPublishOffer)
#include "tst_publishoffer.moc"
