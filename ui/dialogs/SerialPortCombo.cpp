#include "dialogs/SerialPortCombo.h"

#include "platform/SerialNames.h"
#include "transport/SerialPortList.h"

#include <QIntValidator>
#include <QLineEdit>

namespace tuyascope::ui {

namespace {

QString portLabel(const SerialPortEntry& port)
{
    QString label = port.systemLocation;
    if (!port.description.isEmpty())
        label += QStringLiteral(" — %1").arg(port.description);
    if (!port.vidPid().isEmpty())
        label += QStringLiteral(" [%1]").arg(port.vidPid());
    return label;
}

} // namespace

SerialPortCombo::SerialPortCombo(QWidget* parent) : QComboBox(parent), m_watcher(new SerialPortWatcher(this))
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    lineEdit()->setPlaceholderText(platform::serialPortExamples() + QStringLiteral(" …"));
    connect(m_watcher, &SerialPortWatcher::portsChanged, this, [this] { fill(); });
    m_watcher->refresh();
    fill();
    setCurrentIndex(-1);
    setEditText(QString());
    m_watcher->start(1000);
}

void SerialPortCombo::refresh()
{
    m_watcher->refresh();
}

void SerialPortCombo::fill()
{
    const QString typed = currentText();
    clear();
    for (const SerialPortEntry& port : m_watcher->ports()) {
        addItem(portLabel(port), port.systemLocation);
        setItemData(count() - 1, port.manufacturer, Qt::ToolTipRole);
    }
    setCurrentIndex(-1);
    setEditText(typed);
}

QString SerialPortCombo::portPath() const
{
    const QString text = currentText().trimmed();
    const int listed = findText(text);
    return listed >= 0 ? itemData(listed).toString() : text;
}

BaudRateCombo::BaudRateCombo(QWidget* parent) : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    for (int rate : {9600, 19200, 38400, 57600, 115200})
        addItem(QString::number(rate));
    lineEdit()->setValidator(new QIntValidator(1, 100000000, this));
    setCurrentIndex(0);
}

qint32 BaudRateCombo::baudRate() const
{
    bool ok = false;
    const int rate = currentText().trimmed().toInt(&ok);
    return ok && rate > 0 ? rate : 0;
}

} // namespace tuyascope::ui
