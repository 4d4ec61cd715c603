#pragma once
// The send panel: TuyaSend0..8-style controls for TuyaMCU sessions (mode, dp id filled from the
// document's dp table, an editor typed per dp, a live preview of the exact frame that will go out,
// history) and, for Tuya LAN sessions, a dp set form and a status query.
//
// The window owns the wiring: setSession() when the current document changes (null or a file ->
// disabled with a hint), setDpTracker() with that document's dp table, refreshDps() on its
// dpsChanged(). The panel holds no pointer to another pane.
#include "tuyamcu/SendForm.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace tuyascope {
class DpTracker;
class LiveSession;
}

namespace tuyascope::ui {

class SendPanelLan;

class SendPanel : public QWidget {
    Q_OBJECT
public:
    explicit SendPanel(QWidget* parent = nullptr);

    void setSession(tuyascope::LiveSession* session);
    tuyascope::LiveSession* session() const { return m_session; }
    // The dp table ids and types come from (the current document's); may be null.
    void setDpTracker(const tuyascope::DpTracker* tracker);

    // The form as the editors hold it, and what it would send now.
    mcu::SendForm form() const;
    mcu::SendPreview preview() const { return m_preview; }
    bool canSendNow() const;
    QStringList history() const { return m_historyEntries; }

    // The parts, for tests and for the window's focus handling.
    QComboBox* modeBox() const { return m_mode; }
    QSpinBox* dpSpin() const { return m_dp; }
    QComboBox* seenDpBox() const { return m_seenDps; }
    QCheckBox* boolCheck() const { return m_bool; }
    QSpinBox* valueSpin() const { return m_value; }
    QSpinBox* enumSpin() const { return m_enum; }
    QSpinBox* bitmapSpin() const { return m_bitmap; }
    QComboBox* bitmapWidthBox() const { return m_bitmapWidth; }
    QSpinBox* commandSpin() const { return m_command; }
    QLineEdit* textEdit() const { return m_text; }
    QLineEdit* typedLine() const { return m_typed; }
    QLabel* previewLabel() const { return m_previewLabel; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* sendButton() const { return m_send; }
    QListWidget* historyList() const { return m_history; }
    SendPanelLan* lanSection() const { return m_lan; }

public slots:
    // The dp table grew (CaptureDocument::dpsChanged): refresh the seen dps and the hints.
    void refreshDps();
    // Sends the previewed request; false (and sendFailed) when it cannot.
    bool send();
    void setMode(tuyascope::mcu::SendMode mode);

signals:
    void sent(const QString& commandLine);
    void sendFailed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildMcuSection(QGroupBox* box);
    void updateEditors();
    void updatePreview();
    void updateAvailability();
    void dpChanged();
    void showDpHints();
    void useHistoryEntry(const QString& entry);
    void addToHistory(const QString& entry);
    void showStatus(const QString& text, bool error);
    void sendLanDps(const QJsonObject& dps);
    void queryLanStatus();
    mcu::Family family() const;

    QPointer<tuyascope::LiveSession> m_session;
    const tuyascope::DpTracker* m_tracker = nullptr;

    QLabel* m_hint;
    QGroupBox* m_mcuBox;
    QFormLayout* m_mcuForm;
    QComboBox* m_mode;
    QSpinBox* m_dp;
    QComboBox* m_seenDps;
    QLabel* m_dpHint;
    QCheckBox* m_bool;
    QSpinBox* m_value;
    QSpinBox* m_enum;
    QSpinBox* m_bitmap;
    QComboBox* m_bitmapWidth;
    QSpinBox* m_command;
    QLineEdit* m_text;
    QLineEdit* m_typed;
    QLabel* m_previewLabel;
    QPushButton* m_send;
    QLabel* m_status;
    QListWidget* m_history;
    QGroupBox* m_lanBox;
    SendPanelLan* m_lan;

    mcu::SendPreview m_preview;
    QStringList m_historyEntries;
    int m_historyCursor = -1; // Up/Down position in the typed line; -1 = the line being typed
    QString m_typedDraft;
};

} // namespace tuyascope::ui
