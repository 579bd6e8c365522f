#pragma once

// Driving widgets from the keyboard, as a merchant would (for the UI tests).

#include <QComboBox>
#include <QTest>

namespace storeloom::test {

// Home, then Down until the combo shows `text`; false when no entry has it.
inline bool chooseByKeys(QComboBox *combo, const QString &text)
{
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentText() == text;
}

} // namespace storeloom::test
