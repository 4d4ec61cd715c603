#include "widgets/SendPanel.h"

#include "common/Hex.h"
#include "dptable/DpTracker.h"
#include "sessions/LiveSession.h"
#include "widgets/SendPanelHistory.h"
#include "widgets/SendPanelLan.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace tuyascope::ui {

using mcu::SendMode;

namespace {

const QString kErrorStyle = QStringLiteral("color: #c00000;");

// Widgets side by side in one form row; `stretchLast` lets the last one take the spare width.
QWidget* row(QWidget* parent, std::initializer_list<QWidget*> widgets, bool stretchLast = false)
{
    auto* container = new QWidget(parent);
    auto* layout = new QHBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : widgets)
        layout->addWidget(w);
    if (stretchLast)
        layout->setStretch(layout->count() - 1, 1);
    else
        layout->addStretch(1);
    return container;
}

bool sessionStopped(const LiveSession* session)
{
    return session->state() == LiveSession::State::Stopped || session->state() == LiveSession::State::Failed;
}

} // namespace

SendPanel::SendPanel(QWidget* parent)
    : QWidget(parent),
      m_hint(new QLabel(this)),
      m_mcuBox(new QGroupBox(tr("TuyaMCU"), this)),
      m_lanBox(new QGroupBox(tr("Tuya LAN"), this)),
      m_lan(new SendPanelLan(m_lanBox))
{
    m_hint->setObjectName(QStringLiteral("sendHint"));
    m_mcuBox->setObjectName(QStringLiteral("sendMcuBox"));
    m_lanBox->setObjectName(QStringLiteral("sendLanBox"));
    m_hint->setWordWrap(true);
    buildMcuSection(m_mcuBox);

    auto* lanLayout = new QVBoxLayout(m_lanBox);
    lanLayout->addWidget(m_lan);
    connect(m_lan, &SendPanelLan::setDpsRequested, this, &SendPanel::sendLanDps);
    connect(m_lan, &SendPanelLan::queryStatusRequested, this, &SendPanel::queryLanStatus);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addWidget(m_mcuBox, 1);
    layout->addWidget(m_lanBox);

    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] { send(); });
    auto* enterShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    enterShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(enterShortcut, &QShortcut::activated, this, [this] { send(); });

    m_historyEntries = SendPanelHistory::load();
    m_history->addItems(m_historyEntries);
    updateEditors();
    updateAvailability();
}

void SendPanel::buildMcuSection(QGroupBox* box)
{
    m_mode = new QComboBox(box);
    m_mode->setObjectName(QStringLiteral("sendMode"));
    for (int m = 0; m < mcu::kSendModeCount; ++m)
        m_mode->addItem(mcu::sendModeLabel(SendMode(m)), m);

    m_dp = new QSpinBox(box);
    m_dp->setObjectName(QStringLiteral("sendDpId"));
    m_dp->setRange(1, 255);
    m_seenDps = new QComboBox(box);
    m_seenDps->setObjectName(QStringLiteral("sendSeenDps"));
    m_seenDps->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_seenDps->addItem(tr("dps seen…"), -1);
    m_dpHint = new QLabel(box);
    m_dpHint->setObjectName(QStringLiteral("sendDpHint"));

    m_bool = new QCheckBox(tr("on (true)"), box);
    m_bool->setObjectName(QStringLiteral("sendBool"));
    m_value = new QSpinBox(box);
    m_value->setObjectName(QStringLiteral("sendValue"));
    m_value->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    m_enum = new QSpinBox(box);
    m_enum->setObjectName(QStringLiteral("sendEnum"));
    m_enum->setRange(0, 255);
    m_bitmap = new QSpinBox(box);
    m_bitmap->setObjectName(QStringLiteral("sendBitmap"));
    m_bitmap->setRange(0, std::numeric_limits<int>::max());
    m_bitmap->setDisplayIntegerBase(16);
    m_bitmap->setPrefix(QStringLiteral("0x"));
    m_bitmapWidth = new QComboBox(box);
    m_bitmapWidth->setObjectName(QStringLiteral("sendBitmapWidth"));
    m_bitmapWidth->addItem(tr("1 byte"), 1);
    m_bitmapWidth->addItem(tr("2 bytes"), 2);
    m_bitmapWidth->addItem(tr("4 bytes"), 4);
    m_command = new QSpinBox(box);
    m_command->setObjectName(QStringLiteral("sendCommand"));
    m_command->setRange(0, 255);
    m_command->setDisplayIntegerBase(16);
    m_command->setPrefix(QStringLiteral("0x"));
    m_text = new QLineEdit(box);
    m_text->setObjectName(QStringLiteral("sendText"));
    m_typed = new QLineEdit(box);
    m_typed->setObjectName(QStringLiteral("sendTyped"));
    m_typed->setPlaceholderText(tr("TuyaSend1 1,1   tuyaMcu_sendState 2 val 235   55AA0006..."));
    m_typed->setToolTip(mcu::sendCommandHelp());
    m_typed->installEventFilter(this);

    m_previewLabel = new QLabel(box);
    m_previewLabel->setObjectName(QStringLiteral("sendPreview"));
    m_previewLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewLabel->setWordWrap(true);
    m_send = new QPushButton(tr("Send"), box);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send (Ctrl+Return)"));
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("sendStatus"));
    m_status->setWordWrap(true);
    m_history = new QListWidget(box);
    m_history->setObjectName(QStringLiteral("sendHistory"));
    m_history->setToolTip(tr("Double-click to reuse; Up/Down in the command line walk the history"));

    m_mcuForm = new QFormLayout(box);
    m_mcuForm->addRow(tr("Mode"), m_mode);
    m_mcuForm->addRow(tr("dp id"), row(box, {m_dp, m_seenDps}));
    m_mcuForm->addRow(QString(), m_dpHint);
    m_mcuForm->addRow(tr("Value"), m_bool);
    m_mcuForm->addRow(tr("Value"), m_value);
    m_mcuForm->addRow(tr("Index"), m_enum);
    m_mcuForm->addRow(tr("Bits"), row(box, {m_bitmap, m_bitmapWidth}));
    m_mcuForm->addRow(tr("Command"), m_command);
    m_mcuForm->addRow(tr("Text"), m_text);
    m_mcuForm->addRow(tr("Command line"), m_typed);
    m_mcuForm->addRow(tr("Frame"), m_previewLabel);
    m_mcuForm->addRow(QString(), row(box, {m_send, m_status}, true));
    m_mcuForm->addRow(tr("History"), m_history);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateEditors();
        updatePreview();
    });
    connect(m_dp, &QSpinBox::valueChanged, this, &SendPanel::dpChanged);
    connect(m_seenDps, &QComboBox::activated, this, [this](int index) {
        const int id = m_seenDps->itemData(index).toInt();
        if (id < 1 || !m_tracker)
            return;
        const int series = m_tracker->indexOf(QString::number(id));
        if (series < 0)
            return;
        const DpSeries& s = m_tracker->series().at(series);
        if (const auto mode = mcu::sendModeForDpType(s.type); mode && !s.mixedTypes)
            setMode(*mode);
        m_dp->setValue(id);
        // Start from the last value the dp had: the usual edit is a small change of it.
        const auto number = dpNumericValue(s.lastValue);
        if (s.type == QLatin1String("bool"))
            m_bool->setChecked(s.lastValue == QLatin1String("true"));
        else if (number && s.type == QLatin1String("value"))
            m_value->setValue(int(*number));
        else if (number && s.type == QLatin1String("enum"))
            m_enum->setValue(int(*number));
        updatePreview();
    });
    connect(m_bool, &QCheckBox::toggled, this, &SendPanel::updatePreview);
    for (QSpinBox* spin : {m_value, m_enum, m_bitmap, m_command})
        connect(spin, &QSpinBox::valueChanged, this, &SendPanel::updatePreview);
    connect(m_bitmapWidth, &QComboBox::currentIndexChanged, this, &SendPanel::updatePreview);
    connect(m_text, &QLineEdit::textChanged, this, &SendPanel::updatePreview);
    connect(m_typed, &QLineEdit::textChanged, this, &SendPanel::updatePreview);
    connect(m_typed, &QLineEdit::textEdited, this, [this] { m_historyCursor = -1; });
    connect(m_typed, &QLineEdit::returnPressed, this, [this] { send(); });
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_history, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { useHistoryEntry(item->text()); });
}

void SendPanel::setSession(LiveSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &LiveSession::stateChanged, this, [this] {
            updateAvailability();
            updatePreview();
        });
        connect(session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    m_lan->setStatus(QString(), false);
    showStatus(QString(), false);
    updateAvailability();
    updatePreview();
}

void SendPanel::setDpTracker(const DpTracker* tracker)
{
    m_tracker = tracker;
    updateEditors();
    refreshDps();
}

void SendPanel::refreshDps()
{
    // Rebuild the list only when the set of dps or their types changed (an open popup stays open).
    QStringList entries;
    QVector<int> ids;
    if (m_tracker) {
        for (const DpSeries& s : m_tracker->series()) {
            bool ok = false;
            const int id = s.id.toInt(&ok);
            if (!ok || id < 1 || id > 255)
                continue; // LAN ids outside the TuyaMCU range
            entries.push_back(QStringLiteral("%1 · %2").arg(s.id, s.mixedTypes ? tr("mixed types") : s.type));
            ids.push_back(id);
        }
    }
    QStringList current;
    for (int i = 1; i < m_seenDps->count(); ++i)
        current.push_back(m_seenDps->itemText(i));
    if (current != entries) {
        const QSignalBlocker block(m_seenDps);
        const QVariant selected = m_seenDps->currentData();
        while (m_seenDps->count() > 1)
            m_seenDps->removeItem(1);
        for (int i = 0; i < entries.size(); ++i)
            m_seenDps->addItem(entries.at(i), ids.at(i));
        const int again = m_seenDps->findData(selected);
        m_seenDps->setCurrentIndex(again < 0 ? 0 : again);
    }
    showDpHints();
    updatePreview(); // the family may have been decided meanwhile
}

mcu::SendForm SendPanel::form() const
{
    mcu::SendForm f;
    f.mode = SendMode(m_mode->currentData().toInt());
    f.dpId = m_dp->value();
    f.on = m_bool->isChecked();
    switch (f.mode) {
    case SendMode::Value: f.number = m_value->value(); break;
    case SendMode::Enum: f.number = m_enum->value(); break;
    case SendMode::Bitmap: f.number = m_bitmap->value(); break;
    default: break;
    }
    f.bitmapWidth = m_bitmapWidth->currentData().toInt();
    f.command = m_command->value();
    f.text = f.mode == SendMode::Typed ? m_typed->text() : m_text->text();
    return f;
}

void SendPanel::setMode(SendMode mode)
{
    const int index = m_mode->findData(int(mode));
    if (index >= 0)
        m_mode->setCurrentIndex(index);
}

void SendPanel::updateEditors()
{
    const SendMode mode = SendMode(m_mode->currentData().toInt());
    const bool dpMode = mcu::sendModeWritesDp(mode);
    m_mcuForm->setRowVisible(m_dp->parentWidget(), dpMode);
    m_mcuForm->setRowVisible(m_dpHint, dpMode && m_tracker);
    m_mcuForm->setRowVisible(m_bool, mode == SendMode::Bool);
    m_mcuForm->setRowVisible(m_value, mode == SendMode::Value);
    m_mcuForm->setRowVisible(m_enum, mode == SendMode::Enum);
    m_mcuForm->setRowVisible(m_bitmap->parentWidget(), mode == SendMode::Bitmap);
    m_mcuForm->setRowVisible(m_command, mode == SendMode::AnyCommand);
    const bool textMode = mode == SendMode::String || mode == SendMode::Raw || mode == SendMode::AnyCommand;
    m_mcuForm->setRowVisible(m_text, textMode);
    m_mcuForm->setRowVisible(m_typed, mode == SendMode::Typed);
    if (auto* label = qobject_cast<QLabel*>(m_mcuForm->labelForField(m_text)))
        label->setText(mode == SendMode::String ? tr("Text") : (mode == SendMode::Raw ? tr("Bytes (hex)") : tr("Payload (hex)")));
    m_text->setPlaceholderText(mode == SendMode::String ? tr("text, sent as UTF-8")
                                                        : (mode == SendMode::Raw ? tr("hex bytes, e.g. 01 02 0a")
                                                                                 : tr("payload hex, may be empty")));
    showDpHints();
}

void SendPanel::dpChanged()
{
    // A dp whose type is known picks its write mode (only while writing a dp: a query stays a query).
    if (m_tracker && mcu::sendModeWritesDp(SendMode(m_mode->currentData().toInt()))) {
        const int series = m_tracker->indexOf(QString::number(m_dp->value()));
        if (series >= 0) {
            const DpSeries& s = m_tracker->series().at(series);
            if (const auto mode = mcu::sendModeForDpType(s.type); mode && !s.mixedTypes)
                setMode(*mode);
        }
    }
    showDpHints();
    updatePreview();
}

void SendPanel::showDpHints()
{
    const int series = m_tracker ? m_tracker->indexOf(QString::number(m_dp->value())) : -1;
    if (series < 0) {
        m_dpHint->setText(m_tracker ? tr("not seen in this capture") : QString());
        m_value->setToolTip(QString());
        m_enum->setToolTip(QString());
        return;
    }
    const DpSeries& s = m_tracker->series().at(series);
    QString hint = tr("%1, %n unit(s), last %2", nullptr, s.count).arg(s.mixedTypes ? tr("mixed types") : s.type, s.lastValue);
    if (s.numeric && s.count > 0 && s.type == QLatin1String("value"))
        hint += tr("; observed %1 .. %2").arg(s.min).arg(s.max);
    if (s.type == QLatin1String("enum") && !s.distinct.isEmpty())
        hint += tr("; seen %1").arg(s.distinct.join(QStringLiteral(", ")));
    m_dpHint->setText(hint);
    m_value->setToolTip(hint);
    m_enum->setToolTip(hint);
}

mcu::Family SendPanel::family() const
{
    return m_session ? m_session->frames().decoder().family() : mcu::Family::Unknown;
}

bool SendPanel::canSendNow() const
{
    return m_preview.ok && m_session && m_session->canSendMcu() && !sessionStopped(m_session);
}

void SendPanel::updatePreview()
{
    m_preview = mcu::previewSend(form(), family());
    if (m_preview.ok) {
        const QByteArray& f = m_preview.frame;
        QString text = toHex(f, true);
        text += QLatin1Char('\n')
                + tr("command %1 · length %2 · checksum %3")
                      .arg(hexByte(quint8(f.at(3))))
                      .arg(f.size() - 7)
                      .arg(hexByte(quint8(f.back())));
        if (!m_preview.note.isEmpty())
            text += QLatin1Char('\n') + m_preview.note;
        m_previewLabel->setStyleSheet(QString());
        m_previewLabel->setText(text);
    } else {
        m_previewLabel->setStyleSheet(kErrorStyle);
        m_previewLabel->setText(m_preview.error);
    }
    m_send->setEnabled(canSendNow());
}

void SendPanel::updateAvailability()
{
    const bool mcu = m_session && m_session->canSendMcu();
    const bool lan = m_session && m_session->canSendLan();
    const bool stopped = m_session && sessionStopped(m_session);
    QString hint;
    if (!mcu && !lan)
        hint = m_session ? tr("This connection only listens: open a live connection to send (host mode, LAN client or the demo).")
                         : tr("Open a live connection to send (host mode, LAN client or Help ▸ Demo).");
    else if (stopped)
        hint = tr("The connection is stopped: nothing can be sent.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_mcuBox->setVisible(mcu || !lan);
    m_mcuBox->setEnabled(mcu && !stopped);
    m_lanBox->setVisible(lan);
    m_lanBox->setEnabled(lan && !stopped);
}

bool SendPanel::send()
{
    updatePreview();
    QString error;
    if (!m_session || !m_session->canSendMcu())
        error = tr("open a live connection to send");
    else if (sessionStopped(m_session))
        error = tr("the connection is stopped");
    else if (!m_preview.ok)
        error = m_preview.error;
    else if (!m_session->sendMcu(m_preview.request, &error) && error.isEmpty())
        error = tr("the session refused the command");
    if (!error.isEmpty()) {
        showStatus(error, true);
        emit sendFailed(error);
        return false;
    }
    const QString line = m_preview.text;
    addToHistory(line);
    m_historyCursor = -1;
    showStatus(tr("sent: %1").arg(line), false);
    emit sent(line);
    return true;
}

bool SendPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_typed && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up && m_historyCursor + 1 < m_historyEntries.size()) {
            if (m_historyCursor < 0)
                m_typedDraft = m_typed->text();
            ++m_historyCursor;
            m_typed->setText(m_historyEntries.at(m_historyCursor));
            return true;
        }
        if (key == Qt::Key_Down && m_historyCursor >= 0) {
            --m_historyCursor;
            m_typed->setText(m_historyCursor < 0 ? m_typedDraft : m_historyEntries.at(m_historyCursor));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SendPanel::useHistoryEntry(const QString& entry)
{
    setMode(SendMode::Typed);
    m_historyCursor = -1;
    m_typed->setText(entry);
    m_typed->setFocus();
}

void SendPanel::addToHistory(const QString& entry)
{
    m_historyEntries = SendPanelHistory::withEntry(m_historyEntries, entry);
    SendPanelHistory::save(m_historyEntries);
    m_history->clear();
    m_history->addItems(m_historyEntries);
}

void SendPanel::showStatus(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? kErrorStyle : QString());
    m_status->setText(text);
}

void SendPanel::sendLanDps(const QJsonObject& dps)
{
    QString error;
    if (!m_session || !m_session->canSendLan())
        error = tr("open a LAN connection to send");
    else if (!m_session->setLanDps(dps, &error) && error.isEmpty())
        error = tr("the session refused the dp write");
    if (!error.isEmpty()) {
        m_lan->setStatus(error, true);
        emit sendFailed(error);
        return;
    }
    m_lan->setStatus(tr("set sent"), false);
}

void SendPanel::queryLanStatus()
{
    QString error;
    if (!m_session || !m_session->canSendLan())
        error = tr("open a LAN connection to send");
    else if (!m_session->queryLanStatus(&error) && error.isEmpty())
        error = tr("the session refused the status query");
    if (!error.isEmpty()) {
        m_lan->setStatus(error, true);
        emit sendFailed(error);
        return;
    }
    m_lan->setStatus(tr("status query sent"), false);
}

} // namespace tuyascope::ui
