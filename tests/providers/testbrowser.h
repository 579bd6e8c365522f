#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>

class QNetworkReply;

// The "browser" of the OAuth tests, installed with
// QDesktopServices::setUrlHandler("http", browser, "openUrl"). Its own
// QNetworkAccessManager and a fresh cookie jar per authorization follow the
// authorization server's redirects (through the unattended interaction) up to
// the first redirect that leaves the server: the app's redirect URI. What it
// then does depends on mode().
class TestBrowser : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Ignore,          // only remember the URL (cancel, timeout, paste by hand)
        FollowRedirect,  // deliver the final redirect to the loopback listener
        WrongStateFirst, // first a forged state and a wrong path, then the real one
        CaptureRedirect, // stop before the final redirect (paste fallback)
    };

    explicit TestBrowser(QObject *parent = nullptr);
    void setMode(Mode mode) { m_mode = mode; }

    QUrl openedUrl() const { return m_opened; }
    QUrl finalRedirect() const { return m_finalRedirect; }
    QList<int> callbackStatuses() const { return m_callbackStatuses; } // HTTP status per delivery
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    void openUrl(const QUrl &url); // called by QDesktopServices::openUrl

Q_SIGNALS:
    void redirectCaptured(const QUrl &url);
    void callbackAnswered(int httpStatus);
    void browsingFailed(const QString &why);

private:
    void step(const QUrl &url, int hops);
    void reachedRedirect(const QUrl &url);
    void deliver(const QUrl &url, std::function<void()> then = {});
    void get(const QUrl &url, std::function<void(QNetworkReply *)> done);

    QNetworkAccessManager m_network;
    Mode m_mode = Mode::FollowRedirect;
    QUrl m_opened;
    QUrl m_finalRedirect;
    QList<int> m_callbackStatuses;
    QString m_lastError;
};
