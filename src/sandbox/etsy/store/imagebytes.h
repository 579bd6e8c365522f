#pragma once

#include <QByteArray>
#include <QString>

namespace storeloom::sandbox::etsy {

struct ImageInfo
{
    QString format; // "png", "jpeg", "gif"; empty: not an image Etsy takes
    int width = 0;
    int height = 0;
};

// What an upload is, from its magic bytes, and its size in pixels.
ImageInfo sniffImage(const QByteArray &bytes);

// A small valid PNG whose colours follow from `name`: the same name always
// gives the same bytes (the sandbox's image host).
QByteArray generatedPng(const QString &name, int size = 64);

} // namespace storeloom::sandbox::etsy
