#include "testbrowser.h"

#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QUrlQuery>

TestBrowser::TestBrowser(QObject *parent) : QObject(parent) {}

void TestBrowser::openUrl(const QUrl &url)
{
    m_opened = url;
    m_finalRedirect.clear();
    m_callbackStatuses.clear();
    m_lastError.clear();
    m_network.setCookieJar(new QNetworkCookieJar(&m_network)); // a fresh browser session
    if (m_mode != Mode::Ignore)
        step(url, 0);
}

void TestBrowser::get(const QUrl &url, std::function<void(QNetworkReply *)> done)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(reply);
    });
}

void TestBrowser::step(const QUrl &url, int hops)
{
    if (hops > 10) {
        m_lastError = QStringLiteral("too many redirects");
        Q_EMIT browsingFailed(m_lastError);
        return;
    }
    get(url, [this, hops](QNetworkReply *reply) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = reply->rawHeader("Location");
        if (status < 300 || status >= 400 || location.isEmpty()) {
            m_lastError =
                QStringLiteral("authorization server answered %1 at %2: %3")
                    .arg(status)
                    .arg(reply->url().path(), QString::fromUtf8(reply->readAll().left(300)));
            Q_EMIT browsingFailed(m_lastError);
            return;
        }
        const QUrl next = reply->url().resolved(QUrl::fromEncoded(location));
        const bool leavesServer = next.scheme() != m_opened.scheme() ||
                                  next.host() != m_opened.host() || next.port() != m_opened.port();
        if (leavesServer)
            reachedRedirect(next);
        else
            step(next, hops + 1);
    });
}

void TestBrowser::reachedRedirect(const QUrl &url)
{
    m_finalRedirect = url;
    switch (m_mode) {
    case Mode::Ignore:
        return;
    case Mode::CaptureRedirect:
        Q_EMIT redirectCaptured(url);
        return;
    case Mode::FollowRedirect:
        deliver(url);
        return;
    case Mode::WrongStateFirst: {
        QUrl forged = url;
        QUrlQuery query(forged);
        query.removeAllQueryItems(QStringLiteral("state"));
        query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged-state"));
        forged.setQuery(query);
        QUrl wrongPath = url;
        wrongPath.setPath(QStringLiteral("/favicon.ico"));
        deliver(forged,
                [this, wrongPath, url] { deliver(wrongPath, [this, url] { deliver(url); }); });
        return;
    }
    }
}

void TestBrowser::deliver(const QUrl &url, std::function<void()> then)
{
    get(url, [this, then = std::move(then)](QNetworkReply *reply) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_callbackStatuses.append(status);
        Q_EMIT callbackAnswered(status);
        if (then)
            then();
    });
}
