#include "imagebytes.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char byte : data) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray bigEndian32(quint32 value)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return bigEndian32(quint32(data.size())) + type + data + bigEndian32(crc32(type + data));
}

quint16 be16(const QByteArray &bytes, qsizetype at) { return qFromBigEndian<quint16>(bytes.constData() + at); }
quint16 le16(const QByteArray &bytes, qsizetype at) { return qFromLittleEndian<quint16>(bytes.constData() + at); }

// Walks the JPEG markers to the first start-of-frame, which holds the size.
ImageInfo jpegInfo(const QByteArray &bytes)
{
    ImageInfo info{u"jpeg"_s, 0, 0};
    qsizetype at = 2;
    while (at + 9 < bytes.size() && quint8(bytes.at(at)) == 0xff) {
        const quint8 marker = quint8(bytes.at(at + 1));
        const bool startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (startOfFrame) {
            info.height = be16(bytes, at + 5);
            info.width = be16(bytes, at + 7);
            break;
        }
        at += 2 + be16(bytes, at + 2);
    }
    return info;
}

} // namespace

ImageInfo sniffImage(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n") && bytes.size() >= 24)
        return {u"png"_s, int(qFromBigEndian<quint32>(bytes.constData() + 16)),
                int(qFromBigEndian<quint32>(bytes.constData() + 20))};
    if (bytes.startsWith("\xff\xd8\xff"))
        return jpegInfo(bytes);
    if ((bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a")) && bytes.size() >= 10)
        return {u"gif"_s, le16(bytes, 6), le16(bytes, 8)};
    return {};
}

QByteArray generatedPng(const QString &name, int size)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    QByteArray header = bigEndian32(quint32(size)) + bigEndian32(quint32(size));
    header += QByteArray("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, no interlace
    // Four quadrants, each a colour from the name's digest.
    QByteArray pixels;
    for (int y = 0; y < size; ++y) {
        pixels += '\0'; // filter: none
        for (int x = 0; x < size; ++x) {
            const int quadrant = (y >= size / 2 ? 2 : 0) + (x >= size / 2 ? 1 : 0);
            pixels += digest.mid(quadrant * 3, 3);
        }
    }
    const QByteArray zlib = qCompress(pixels).mid(4); // qCompress prefixes the length
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", header) + pngChunk("IDAT", zlib) +
           pngChunk("IEND", {});
}

} // namespace storeloom::sandbox::etsy
