#include "codepointnames.h"

#include <QChar>
#include <QCoreApplication>
#include <QHash>

namespace storeloom {

namespace {

// Invisible characters and the marks that decomposed text carries: the ones
// a merchant cannot see in their own title.
const QHash<char32_t, const char *> &names()
{
    static const QHash<char32_t, const char *> table{
        {0x0009, "CHARACTER TABULATION"},
        {0x000A, "LINE FEED"},
        {0x000D, "CARRIAGE RETURN"},
        {0x00AD, "SOFT HYPHEN"},
        {0x0300, "COMBINING GRAVE ACCENT"},
        {0x0301, "COMBINING ACUTE ACCENT"},
        {0x0302, "COMBINING CIRCUMFLEX ACCENT"},
        {0x0303, "COMBINING TILDE"},
        {0x0308, "COMBINING DIAERESIS"},
        {0x030A, "COMBINING RING ABOVE"},
        {0x030C, "COMBINING CARON"},
        {0x0327, "COMBINING CEDILLA"},
        {0x200B, "ZERO WIDTH SPACE"},
        {0x200C, "ZERO WIDTH NON-JOINER"},
        {0x200D, "ZERO WIDTH JOINER"},
        {0x200E, "LEFT-TO-RIGHT MARK"},
        {0x200F, "RIGHT-TO-LEFT MARK"},
        {0x2028, "LINE SEPARATOR"},
        {0x2029, "PARAGRAPH SEPARATOR"},
        {0x2060, "WORD JOINER"},
        {0xFE0E, "VARIATION SELECTOR-15"},
        {0xFE0F, "VARIATION SELECTOR-16"},
        {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
        {0xFFFD, "REPLACEMENT CHARACTER"},
    };
    return table;
}

const char *categoryName(QChar::Category category)
{
    switch (category) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return QT_TRANSLATE_NOOP("CodePointNames", "combining mark");
    case QChar::Separator_Space:
        return QT_TRANSLATE_NOOP("CodePointNames", "space");
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return QT_TRANSLATE_NOOP("CodePointNames", "line separator");
    case QChar::Other_Control:
        return QT_TRANSLATE_NOOP("CodePointNames", "control character");
    case QChar::Other_Format:
        return QT_TRANSLATE_NOOP("CodePointNames", "format character");
    case QChar::Other_Surrogate:
        return QT_TRANSLATE_NOOP("CodePointNames", "unpaired surrogate");
    case QChar::Other_PrivateUse:
        return QT_TRANSLATE_NOOP("CodePointNames", "private-use character");
    case QChar::Other_NotAssigned:
        return QT_TRANSLATE_NOOP("CodePointNames", "unassigned code point");
    case QChar::Symbol_Math:
        return QT_TRANSLATE_NOOP("CodePointNames", "math symbol");
    case QChar::Symbol_Currency:
        return QT_TRANSLATE_NOOP("CodePointNames", "currency symbol");
    case QChar::Symbol_Modifier:
        return QT_TRANSLATE_NOOP("CodePointNames", "modifier symbol");
    case QChar::Symbol_Other:
        return QT_TRANSLATE_NOOP("CodePointNames", "other symbol");
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return QT_TRANSLATE_NOOP("CodePointNames", "number");
    case QChar::Number_DecimalDigit:
        return QT_TRANSLATE_NOOP("CodePointNames", "digit");
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
        return QT_TRANSLATE_NOOP("CodePointNames", "punctuation");
    default:
        return QT_TRANSLATE_NOOP("CodePointNames", "letter");
    }
}

} // namespace

QString describeCodePoint(char32_t codePoint)
{
    const QString hex =
        QStringLiteral("U+%1").arg(uint(codePoint), 4, 16, QLatin1Char('0')).toUpper();
    if (const char *name = names().value(codePoint))
        return hex + QLatin1Char(' ') + QLatin1String(name);
    return QStringLiteral("%1 (%2)").arg(
        hex, QCoreApplication::translate("CodePointNames", categoryName(QChar::category(codePoint))));
}

} // namespace storeloom
