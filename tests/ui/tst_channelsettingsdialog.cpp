// The Channel settings dialog, driven offscreen with Etsy's real fields: it
// says it is loading until the shop's choices arrive, then preselects what is
// stored; lists are searched by typing; required fields gate Save; a failure
// shows the message and Retry and keeps what is set; Cancel saves nothing;
// Save stores strings and integer ids. ChannelSettingsController is driven
// through a fake backend (the real one needs the keychain and the network).

#include "channelsettingsbackend.h"
#include "channelsettingscontroller.h"
#include "channelsettingsdialog.h"
#include "etsy/etsyprovider.h"
#include "workspaceerror.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;
using namespace Qt::Literals::StringLiterals;

namespace {

ChannelChoices shopChoices()
{
    return {
        {QStringLiteral("who_made"),
         {{QStringLiteral("i_did"), QStringLiteral("I did")},
          {QStringLiteral("someone_else"), QStringLiteral("Another company or person")},
          {QStringLiteral("collective"), QStringLiteral("A member of my shop")}}},
        {QStringLiteral("when_made"),
         {{QStringLiteral("made_to_order"), QStringLiteral("Made to order")},
          {QStringLiteral("2020_2024"), QStringLiteral("2020 2024")}}},
        {QStringLiteral("taxonomy_id"),
         {{QStringLiteral("1"), QStringLiteral("Art & Collectibles › Prints")},
          {QStringLiteral("1633"), QStringLiteral("Home & Living › Candles")},
          {QStringLiteral("1634"), QStringLiteral("Home & Living › Candle Holders")},
          {QStringLiteral("2078"), QStringLiteral("Home & Living › Lighting › Lamps")}}},
        {QStringLiteral("shipping_profile_id"),
         {{QStringLiteral("501"), QStringLiteral("Standard")},
          {QStringLiteral("502"), QStringLiteral("Express")}}},
        {QStringLiteral("readiness_state_id"),
         {{QStringLiteral("901"), QStringLiteral("ready to ship, 1–3 days")}}},
    };
}

// What the shop answers when only the choices Etsy defines itself are in.
ChannelChoices builtInChoicesOnly()
{
    ChannelChoices choices = shopChoices();
    for (const char *key : {"taxonomy_id", "shipping_profile_id", "readiness_state_id"})
        choices.remove(QString::fromLatin1(key));
    return choices;
}

class FakeBackend : public ChannelSettingsBackend
{
public:
    QJsonObject stored =
        QJsonObject{{u"who_made"_s, u"i_did"_s}, {u"taxonomy_id"_s, 1633}, {u"extra"_s, u"kept"_s}};
    QList<QJsonObject> saved;
    QString refusal;           // saveSettings throws with it when set
    bool answerAtOnce = false; // choicesLoaded before loadChoices returns
    int loads = 0;

    QString connectionName(qint64) const override { return QStringLiteral("Linen Loom"); }
    QList<ChannelSettingField> settingFields(qint64) const override
    {
        return EtsyProvider().channelSettingFields();
    }
    QJsonObject settings(qint64) const override { return stored; }
    void saveSettings(qint64, const QJsonObject &settings) override
    {
        if (!refusal.isEmpty())
            throw WorkspaceError(WorkspaceError::Kind::Unavailable, refusal);
        saved.append(settings);
        stored = settings;
    }
    void loadChoices(qint64 connectionId) override
    {
        ++loads;
        if (answerAtOnce)
            Q_EMIT choicesLoaded(connectionId, shopChoices(), QString());
    }
};

} // namespace

class TestChannelSettingsDialog : public QObject
{
    Q_OBJECT

private:
    template<typename T = QWidget> T *child(const QString &name) const
    {
        T *widget = m_dialog->findChild<T *>(name);
        if (!widget)
            qFatal("the dialog has no %s", qPrintable(name));
        return widget;
    }
    QComboBox *combo(const char *key) const
    {
        return child<QComboBox>(QString::fromLatin1(key) + QStringLiteral("Combo"));
    }
    QLabel *label(const QString &name) const { return child<QLabel>(name); }
    QPushButton *save() const { return child<QPushButton>(QStringLiteral("saveButton")); }
    // The inline problem under field `key`; empty when none is shown.
    QString problemOf(const char *key) const
    {
        const QLabel *problem = label(QString::fromLatin1(key) + QStringLiteral("Error"));
        return problem->isVisible() ? problem->text() : QString();
    }

    // Types into the combo's search field as the merchant would.
    void type(QComboBox *box, const QString &text)
    {
        box->setFocus();
        box->lineEdit()->selectAll();
        QTest::keyClick(box->lineEdit(), Qt::Key_Backspace);
        QTest::keyClicks(box->lineEdit(), text);
    }
    // Types `search`, then takes the `row`th match of the popup by keyboard.
    void pick(QComboBox *box, const QString &search, int row = 0)
    {
        type(box, search);
        QAbstractItemView *popup = box->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        for (int i = 0; i <= row; ++i)
            QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        QVERIFY(!popup->isVisible());
    }

    void openDialog(const QJsonObject &current)
    {
        m_owned = std::make_unique<ChannelSettingsDialog>(
            QStringLiteral("Linen Loom"), EtsyProvider().channelSettingFields(), current);
        m_dialog = m_owned.get();
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
    }

    // Shows `window` and opens the controller's dialog for connection 7 over
    // it; false when either did not show.
    bool openThroughController(ChannelSettingsController &controller, QWidget &window)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        controller.open(7, &window);
        m_dialog = controller.dialog();
        return m_dialog != nullptr;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_owned.reset();
        m_dialog = nullptr;
    }

    void saysItIsLoadingUntilTheChoicesArrive();
    void choicesPreselectWhatIsStored();
    void longListsAreSearchedByTyping();
    void requiredFieldsGateSave();
    void failureShowsRetryAndKeepsWhatIsSet();
    void choiceNoLongerOfferedMustBeMadeAgain();
    void cancelSavesNothing();
    void saveStoresStringsAndIntegerIds();
    void refusedSaveKeepsTheDialogOpen();
    void priceRuleIsEditedAsTextAndStoredExactly();

private:
    std::unique_ptr<ChannelSettingsDialog> m_owned;
    ChannelSettingsDialog *m_dialog = nullptr;
};

void TestChannelSettingsDialog::saysItIsLoadingUntilTheChoicesArrive()
{
    openDialog(QJsonObject{{u"who_made"_s, u"i_did"_s}});
    QCOMPARE(m_dialog->windowTitle(), QStringLiteral("Channel settings for Linen Loom"));
    QVERIFY(m_dialog->isLoading());
    QVERIFY(label(QStringLiteral("choicesStatus"))->isVisible());
    QCOMPARE(label(QStringLiteral("choicesStatus"))->text(),
             QStringLiteral("Loading your shop's choices…"));
    for (const char *key :
         {"who_made", "when_made", "taxonomy_id", "shipping_profile_id", "readiness_state_id"}) {
        QVERIFY2(!combo(key)->isEnabled(), key);
        QCOMPARE(combo(key)->lineEdit()->placeholderText(), QStringLiteral("Loading…"));
    }
    QCOMPARE(label(QStringLiteral("who_madeLabel"))->text(), QStringLiteral("Who made it:"));
    QCOMPARE(label(QStringLiteral("who_madeHint"))->text(),
             QStringLiteral("Etsy asks this of every listing."));
    QVERIFY(!child(QStringLiteral("retryButton"))->isVisible());
    QVERIFY(!label(QStringLiteral("settingsMissing"))->isVisible());
    QVERIFY(!save()->isEnabled());
    QVERIFY(child(QStringLiteral("cancelButton"))->isEnabled());
}

void TestChannelSettingsDialog::choicesPreselectWhatIsStored()
{
    openDialog(QJsonObject{{u"who_made"_s, u"i_did"_s},
                           {u"taxonomy_id"_s, 1633},
                           {u"shipping_profile_id"_s, u"502"_s}});
    m_dialog->setChoices(shopChoices());
    QVERIFY(!m_dialog->isLoading());
    QVERIFY(!label(QStringLiteral("choicesStatus"))->isVisible());
    QCOMPARE(combo("who_made")->currentText(), QStringLiteral("I did"));
    QCOMPARE(combo("taxonomy_id")->currentText(), QStringLiteral("Home & Living › Candles"));
    QCOMPARE(combo("shipping_profile_id")->currentText(), QStringLiteral("Express"));
    QCOMPARE(combo("when_made")->currentText(), QString());
    QCOMPARE(combo("who_made")->count(), 3);
    for (const char *key : {"who_made", "when_made", "taxonomy_id", "shipping_profile_id"})
        QVERIFY2(combo(key)->isEnabled(), key);
    // Keyboard users land on the first choice still needed.
    QTRY_COMPARE(QApplication::focusWidget(), combo("when_made"));
    QCOMPARE(problemOf("when_made"), QString()); // missing is not wrong
    QVERIFY(label(QStringLiteral("settingsMissing"))->isVisible());
    QCOMPARE(label(QStringLiteral("settingsMissing"))->text(),
             QStringLiteral("To save, choose: When it was made, Processing profile."));
    QVERIFY(!save()->isEnabled());
}

void TestChannelSettingsDialog::longListsAreSearchedByTyping()
{
    openDialog({});
    m_dialog->setChoices(shopChoices());
    QComboBox *category = combo("taxonomy_id");

    // Any part of the path finds it, whatever the case.
    type(category, QStringLiteral("candle"));
    QAbstractItemView *popup = category->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QStringList matches;
    for (int row = 0; row < popup->model()->rowCount(); ++row)
        matches << popup->model()->index(row, 0).data().toString();
    QCOMPARE(matches, (QStringList{QStringLiteral("Home & Living › Candles"),
                                   QStringLiteral("Home & Living › Candle Holders")}));
    QTest::keyClick(popup, Qt::Key_Escape);

    pick(category, QStringLiteral("holders"));
    QCOMPARE(category->currentText(), QStringLiteral("Home & Living › Candle Holders"));
    QCOMPARE(m_dialog->value(QStringLiteral("taxonomy_id")), QStringLiteral("1634"));
    QCOMPARE(problemOf("taxonomy_id"), QString());

    pick(category, QStringLiteral("living"), 2);
    QCOMPARE(m_dialog->value(QStringLiteral("taxonomy_id")), QStringLiteral("2078"));

    // The arrow keys step through a short list without searching.
    QComboBox *shipping = combo("shipping_profile_id");
    shipping->setFocus();
    QTest::keyClick(shipping, Qt::Key_Down);
    QCOMPARE(shipping->currentText(), QStringLiteral("Standard"));
    QTest::keyClick(shipping, Qt::Key_Down);
    QCOMPARE(m_dialog->value(QStringLiteral("shipping_profile_id")), QStringLiteral("502"));
}

void TestChannelSettingsDialog::requiredFieldsGateSave()
{
    openDialog(QJsonObject{{u"who_made"_s, u"i_did"_s}, {u"taxonomy_id"_s, 1633}});
    m_dialog->setChoices(shopChoices());
    QVERIFY(!save()->isEnabled());
    pick(combo("when_made"), QStringLiteral("order"));
    pick(combo("shipping_profile_id"), QStringLiteral("stand"));
    QVERIFY(!save()->isEnabled());
    QCOMPARE(label(QStringLiteral("settingsMissing"))->text(),
             QStringLiteral("To save, choose: Processing profile."));
    pick(combo("readiness_state_id"), QStringLiteral("ready"));
    QVERIFY(save()->isEnabled());
    QVERIFY(!label(QStringLiteral("settingsMissing"))->isVisible());

    // A search still finding something is left alone while typing, but it
    // is not a choice; left half-typed, it is refused inline.
    type(combo("who_made"), QStringLiteral("anoth"));
    QCOMPARE(problemOf("who_made"), QString());
    QVERIFY(!save()->isEnabled());
    QTest::keyClick(combo("who_made")->completer()->popup(), Qt::Key_Escape);
    QTest::keyClick(combo("who_made"), Qt::Key_Tab); // on to the next field
    QTRY_VERIFY(combo("when_made")->hasFocus());
    QCOMPARE(problemOf("who_made"),
             QStringLiteral("“anoth” is not one of the choices: pick one from the list."));
    QVERIFY(!save()->isEnabled());
    // A search finding nothing says so at once.
    type(combo("who_made"), QStringLiteral("my cat"));
    QCOMPARE(problemOf("who_made"), QStringLiteral("No choice matches “my cat”."));
    QVERIFY(!save()->isEnabled());
    // A whole label, typed in any case, is that choice.
    type(combo("who_made"), QStringLiteral("another company or person"));
    QCOMPARE(problemOf("who_made"), QString());
    QCOMPARE(m_dialog->value(QStringLiteral("who_made")), QStringLiteral("someone_else"));
    QVERIFY(save()->isEnabled());

    // Emptied, a required field is missing again; Enter does not save.
    type(combo("who_made"), QString());
    QVERIFY(!save()->isEnabled());
    QCOMPARE(label(QStringLiteral("settingsMissing"))->text(),
             QStringLiteral("To save, choose: Who made it."));
    QSignalSpy accepted(m_dialog, &QDialog::accepted);
    QTest::keyClick(combo("who_made")->lineEdit(), Qt::Key_Return);
    QCOMPARE(accepted.size(), 0);
    QVERIFY(m_dialog->isVisible());
}

void TestChannelSettingsDialog::failureShowsRetryAndKeepsWhatIsSet()
{
    openDialog(QJsonObject{{u"who_made"_s, u"i_did"_s},
                           {u"taxonomy_id"_s, 1633},
                           {u"shipping_profile_id"_s, 502},
                           {u"readiness_state_id"_s, 901}});
    QSignalSpy retry(m_dialog, &ChannelSettingsDialog::retryRequested);
    const QString failure = QStringLiteral("Etsy did not answer (503 Service Unavailable).");
    m_dialog->setChoices(builtInChoicesOnly(), failure);

    QLabel *status = label(QStringLiteral("choicesStatus"));
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(failure), qPrintable(status->text()));
    QVERIFY(child(QStringLiteral("retryButton"))->isVisible());
    // What the shop did not answer for keeps its stored value.
    QCOMPARE(combo("taxonomy_id")->currentText(), QStringLiteral("1633 (saved)"));
    QCOMPARE(combo("shipping_profile_id")->currentText(), QStringLiteral("502 (saved)"));
    QCOMPARE(combo("who_made")->currentText(), QStringLiteral("I did"));
    pick(combo("when_made"), QStringLiteral("order"));
    QVERIFY(save()->isEnabled()); // everything required still has a value

    QTest::mouseClick(child<QPushButton>(QStringLiteral("retryButton")), Qt::LeftButton);
    QCOMPARE(retry.size(), 1);
    QVERIFY(m_dialog->isLoading());
    QCOMPARE(status->text(), QStringLiteral("Loading your shop's choices…"));
    QVERIFY(!child(QStringLiteral("retryButton"))->isVisible());
    QVERIFY(!combo("when_made")->isEnabled());
    QCOMPARE(combo("when_made")->currentText(), QStringLiteral("Made to order")); // still in view
    QVERIFY(!save()->isEnabled());

    m_dialog->setChoices(shopChoices());
    QVERIFY(!status->isVisible());
    QVERIFY(!child(QStringLiteral("retryButton"))->isVisible());
    QCOMPARE(combo("when_made")->currentText(), QStringLiteral("Made to order")); // the new pick
    QCOMPARE(combo("taxonomy_id")->currentText(), QStringLiteral("Home & Living › Candles"));
    QCOMPARE(combo("shipping_profile_id")->currentText(), QStringLiteral("Express"));
    QCOMPARE(combo("readiness_state_id")->currentText(), QStringLiteral("ready to ship, 1–3 days"));
    QVERIFY(save()->isEnabled());
}

void TestChannelSettingsDialog::choiceNoLongerOfferedMustBeMadeAgain()
{
    // Shipping profile 777 was deleted in the shop since it was chosen.
    openDialog(QJsonObject{{u"who_made"_s, u"i_did"_s},
                           {u"when_made"_s, u"made_to_order"_s},
                           {u"taxonomy_id"_s, 1},
                           {u"shipping_profile_id"_s, 777},
                           {u"readiness_state_id"_s, 901}});
    m_dialog->setChoices(shopChoices());
    QCOMPARE(combo("shipping_profile_id")->currentText(), QString());
    QVERIFY2(problemOf("shipping_profile_id").contains(QStringLiteral("no longer offered")),
             qPrintable(problemOf("shipping_profile_id")));
    QVERIFY(!save()->isEnabled());
    pick(combo("shipping_profile_id"), QStringLiteral("express"));
    QCOMPARE(problemOf("shipping_profile_id"), QString());
    QVERIFY(save()->isEnabled());
}

void TestChannelSettingsDialog::cancelSavesNothing()
{
    FakeBackend backend;
    ChannelSettingsController controller(backend);
    QWidget window;
    QVERIFY(openThroughController(controller, window));
    QCOMPARE(backend.loads, 1);
    QVERIFY(m_dialog->isLoading());
    Q_EMIT backend.choicesLoaded(7, shopChoices(), QString());
    QVERIFY(!m_dialog->isLoading());
    pick(combo("who_made"), QStringLiteral("member"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY(!controller.dialog()); // closed and deleted
    m_dialog = nullptr;
    QVERIFY(backend.saved.isEmpty());
    QCOMPARE(backend.stored.value(QStringLiteral("who_made")).toString(), QStringLiteral("i_did"));
}

void TestChannelSettingsDialog::saveStoresStringsAndIntegerIds()
{
    FakeBackend backend;
    backend.answerAtOnce = true; // the service answers at once when it cannot ask the shop
    ChannelSettingsController controller(backend);
    QSignalSpy savedSignal(&controller, &ChannelSettingsController::settingsSaved);
    QWidget window;
    QVERIFY(openThroughController(controller, window));
    QVERIFY(!m_dialog->isLoading());
    QCOMPARE(combo("who_made")->currentText(), QStringLiteral("I did"));
    controller.open(7, &window); // a second request brings the same dialog forward
    QCOMPARE(controller.dialog(), m_dialog);

    pick(combo("when_made"), QStringLiteral("order"));
    pick(combo("shipping_profile_id"), QStringLiteral("stand"));
    pick(combo("readiness_state_id"), QStringLiteral("ship"));
    QTest::mouseClick(save(), Qt::LeftButton);
    QTRY_VERIFY(!controller.dialog());
    m_dialog = nullptr;

    QCOMPARE(backend.saved.size(), 1);
    const QJsonObject settings = backend.saved.first();
    QCOMPARE(settings, (QJsonObject{{u"who_made"_s, u"i_did"_s},
                                    {u"when_made"_s, u"made_to_order"_s},
                                    {u"taxonomy_id"_s, 1633},
                                    {u"shipping_profile_id"_s, 501},
                                    {u"readiness_state_id"_s, 901},
                                    {u"extra"_s, u"kept"_s}}));
    QVERIFY(settings.value(QStringLiteral("who_made")).isString());
    QVERIFY(settings.value(QStringLiteral("shipping_profile_id")).isDouble());
    QCOMPARE(settings.value(QStringLiteral("taxonomy_id")).toInteger(), 1633);
    QCOMPARE(savedSignal.size(), 1);
    QCOMPARE(savedSignal.first().at(0).toLongLong(), 7);
}

void TestChannelSettingsDialog::refusedSaveKeepsTheDialogOpen()
{
    FakeBackend backend;
    backend.stored = QJsonObject{{u"who_made"_s, u"i_did"_s},
                                 {u"when_made"_s, u"made_to_order"_s},
                                 {u"taxonomy_id"_s, 1633},
                                 {u"shipping_profile_id"_s, 501},
                                 {u"readiness_state_id"_s, 901}};
    backend.refusal = QStringLiteral("The workspace is read-only.");
    ChannelSettingsController controller(backend);
    QWidget window;
    QVERIFY(openThroughController(controller, window));
    Q_EMIT backend.choicesLoaded(8, {}, QStringLiteral("another connection's answer"));
    QVERIFY(m_dialog->isLoading());
    Q_EMIT backend.choicesLoaded(7, shopChoices(), QString());
    QVERIFY(save()->isEnabled());

    QTest::mouseClick(save(), Qt::LeftButton);
    QVERIFY(m_dialog->isVisible());
    QLabel *error = label(QStringLiteral("saveError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(),
             QStringLiteral("The settings were not saved: The workspace is read-only."));

    backend.refusal.clear();
    QTest::mouseClick(save(), Qt::LeftButton);
    QTRY_VERIFY(!controller.dialog());
    m_dialog = nullptr;
    QCOMPARE(backend.saved.size(), 1);
}

void TestChannelSettingsDialog::priceRuleIsEditedAsTextAndStoredExactly()
{
    FakeBackend backend;
    backend.stored = QJsonObject{{u"who_made"_s, u"i_did"_s},
                                 {u"when_made"_s, u"made_to_order"_s},
                                 {u"taxonomy_id"_s, 1633},
                                 {u"shipping_profile_id"_s, 501},
                                 {u"readiness_state_id"_s, 901},
                                 {u"channel_currency"_s, u"USD"_s}};
    ChannelSettingsController controller(backend);
    QWidget window;
    QVERIFY(openThroughController(controller, window));
    Q_EMIT backend.choicesLoaded(7, shopChoices(), QString());
    auto *rule = m_dialog->findChild<QLineEdit *>(u"priceRuleEdit"_s);
    QVERIFY(rule);
    QVERIFY(rule->text().isEmpty());
    QVERIFY(rule->toolTip().contains(u"The shop sells in USD."_s));

    rule->setText(u"from=EUR to=USD rate=1,08"_s); // a comma is not a decimal point
    QTest::mouseClick(save(), Qt::LeftButton);
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(label(QStringLiteral("saveError"))->text(),
             u"The settings were not saved: '08' is not part of a price rule: give from=EUR "
             "to=USD rate=1.0842 adjust=+10% round=.99 (adjust and round are optional)."_s);
    QVERIFY(backend.saved.isEmpty());

    rule->setText(u"from=EUR to=USD rate=1.0842 round=.99"_s);
    QTest::mouseClick(save(), Qt::LeftButton);
    QTRY_VERIFY(!controller.dialog());
    m_dialog = nullptr;
    QCOMPARE(backend.saved.size(), 1);
    const QJsonObject stored = backend.saved.first().value(u"price_rule"_s).toObject();
    QCOMPARE(stored.value(u"rate"_s).toString(), u"1.0842"_s);
    QCOMPARE(stored.value(u"rounding"_s).toString(), u".99"_s);
    QCOMPARE(backend.saved.first().value(u"channel_currency"_s).toString(), u"USD"_s);
}

QTEST_MAIN(TestChannelSettingsDialog)
#include "tst_channelsettingsdialog.moc"
