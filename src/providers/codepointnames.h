#pragma once

#include <QString>

namespace storeloom {

// How a message names a character without printing it: an invisible or
// combining character printed in a message looks like nothing, or sticks to
// the quote mark before it. "U+0301 COMBINING ACUTE ACCENT" for the
// characters channel rules commonly refuse (a small table: Qt has no
// character-name table), "U+1F9E3 (other symbol)" from the Unicode category
// for the rest.
QString describeCodePoint(char32_t codePoint);

} // namespace storeloom
