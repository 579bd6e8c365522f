#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace storeloom {

class RunDetailModel;

// A run's products under a bar with a filter by state and the run's
// actions: Retry failed (publish runs with failed products), Cancel (running
// runs; asks first), Export CSV. A listing link opens in the browser, by
// mouse click or by Enter on its cell. The actions are requests: whoever
// owns the run carries them out.
class RunDetailView : public QWidget
{
    Q_OBJECT

public:
    // The filters, in the order the combo box offers them.
    enum class Filter { All, Failed, InProgress, Done, Skipped, Cancelled };

    explicit RunDetailView(RunDetailModel *model, QWidget *parent = nullptr);

    RunDetailModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void setCaption(const QString &caption);
    void setFilter(Filter filter);
    Filter filter() const;

    // Writes the run's products (all of them, whatever the filter) to `path`.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void retryFailedRequested(qint64 runId);
    // The merchant confirmed.
    void cancelRequested(qint64 runId);

private:
    QWidget *createBar();
    void updateState();
    void openListing(const QModelIndex &index);
    void confirmCancel();
    void chooseExportFile();
    bool eventFilter(QObject *watched, QEvent *event) override;

    RunDetailModel *m_model;
    QSortFilterProxyModel *m_filtered;
    QLabel *m_caption = nullptr;
    QComboBox *m_filter = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_export = nullptr;
    QStackedWidget *m_states = nullptr;
    QLabel *m_placeholder = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace storeloom
