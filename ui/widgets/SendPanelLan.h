#pragma once
// The send panel's Tuya LAN section: a dp set form (dp id + one JSON value, checked as typed, the
// dps object previewed) and a status query. It emits what the user asked for; SendPanel sends it.
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tuyascope::ui {

class SendPanelLan : public QWidget {
    Q_OBJECT
public:
    explicit SendPanelLan(QWidget* parent = nullptr);

    QLineEdit* dpEdit() const { return m_dp; }
    QLineEdit* valueEdit() const { return m_value; }
    QPushButton* setButton() const { return m_set; }
    QPushButton* queryButton() const { return m_query; }
    QString previewText() const;   // the dps JSON, or the error
    bool formValid() const { return m_valid; }
    void setStatus(const QString& text, bool error);

signals:
    void setDpsRequested(const QJsonObject& dps);
    void queryStatusRequested();

private:
    void updatePreview();

    QLineEdit* m_dp;
    QLineEdit* m_value;
    QLabel* m_preview;
    QLabel* m_status;
    QPushButton* m_set;
    QPushButton* m_query;
    QJsonObject m_dps;
    bool m_valid = false;
};

} // namespace tuyascope::ui
