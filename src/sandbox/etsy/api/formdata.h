#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace storeloom::sandbox::etsy {

// An application/x-www-form-urlencoded body, keys possibly repeated
// (`tags=a&tags=b`, as Etsy's array parameters arrive).
class FormFields
{
public:
    static FormFields parse(const QByteArray &body);

    bool has(const QString &key) const;
    QString value(const QString &key) const;
    // Every value of `key` (or `key[]`); one value with commas is split.
    QStringList list(const QString &key) const;

private:
    QList<QPair<QString, QString>> m_pairs;
};

struct MultipartPart
{
    QString name;
    QString filename; // empty: a plain field
    QString contentType;
    QByteArray data;
};

// "multipart/form-data" from "multipart/form-data; boundary=x", lower case.
QString mediaType(const QByteArray &contentTypeHeader);

// The parts of a multipart/form-data body; false if it does not parse.
bool parseMultipart(const QByteArray &body, const QByteArray &contentTypeHeader, QList<MultipartPart> *parts);

} // namespace storeloom::sandbox::etsy
