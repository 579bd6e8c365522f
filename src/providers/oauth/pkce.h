#pragma once

#include <QByteArray>
#include <QString>

// Randomness for one authorization attempt: the PKCE code verifier and its
// S256 challenge (RFC 7636) and the CSRF state. Everything comes from
// QRandomGenerator::system() (Qt 6.4's own state generator is clock-seeded) and
// is base64url without padding, so it survives any URL unchanged.
namespace storeloom::pkce {

// `bytes` random bytes from the system CSPRNG, base64url-encoded, no padding.
QByteArray randomUrlSafe(int bytes);

// A code verifier of 43 characters (32 random bytes), within RFC 7636's 43..128.
QByteArray makeCodeVerifier();

// BASE64URL(SHA256(verifier)) without padding.
QByteArray codeChallengeS256(const QByteArray &verifier);

// A fresh state for every grant (32 random bytes, 43 URL-safe characters).
QString makeState();

} // namespace storeloom::pkce
