#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QVarLengthArray>

namespace storeloom::pkce {

namespace {
constexpr auto kUrlSafe = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QByteArray randomUrlSafe(int bytes)
{
    Q_ASSERT(bytes > 0);
    QVarLengthArray<quint32, 16> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.constData()), bytes);
    return raw.toBase64(kUrlSafe);
}

QByteArray makeCodeVerifier()
{
    return randomUrlSafe(32);
}

QByteArray codeChallengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kUrlSafe);
}

QString makeState()
{
    return QString::fromLatin1(randomUrlSafe(32));
}

} // namespace storeloom::pkce
