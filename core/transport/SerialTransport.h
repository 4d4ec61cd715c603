#pragma once
// Serial port transport (Qt SerialPort). Opens any path, including pseudo-terminals, at any
// baud rate. When the device disappears (ResourceError: adapter unplugged, pty master closed)
// it reports the loss, keeps retrying the same path and resumes when the port returns; what
// was captured before is owned by the capture, not by the transport, so nothing is lost.

#include "transport/Transport.h"

#include <QSerialPort>

#include <optional>

class QTimer;

namespace tuyascope {

struct SerialSettings {
    QString port;                       // "ttyUSB0", "/dev/ttyUSB0", "COM3", "/dev/pts/7"
    qint32 baudRate = 9600;             // 9600, 115200 or any other rate
    QSerialPort::DataBits dataBits = QSerialPort::Data8;
    QSerialPort::Parity parity = QSerialPort::NoParity;
    QSerialPort::StopBits stopBits = QSerialPort::OneStop;
    QSerialPort::FlowControl flowControl = QSerialPort::NoFlowControl;
    std::optional<bool> dataTerminalReady; // unset = leave the line as the driver has it
    std::optional<bool> requestToSend;
    bool reconnect = true;
    int reconnectIntervalMs = 500;
};

class SerialTransport : public Transport {
    Q_OBJECT
public:
    explicit SerialTransport(const SerialSettings& settings, QObject* parent = nullptr);
    ~SerialTransport() override;

    QString name() const override;
    QString description() const override;
    quint32 baudRate() const override;
    bool open() override;
    void close() override;
    qint64 write(QByteArrayView bytes) override;

    const SerialSettings& settings() const { return m_settings; }
    // Drives the control lines while open (also remembered for reconnects).
    bool setDataTerminalReady(bool on);
    bool setRequestToSend(bool on);
    int reconnectCount() const { return m_reconnects; }

private:
    bool openPort();                  // configures and opens m_port; errorString() on failure
    void applyControlLines();         // DTR/RTS from the settings; failures are not fatal
    void onReadyRead();
    void onPortError(QSerialPort::SerialPortError error);
    void handleDeviceLost();          // queued from onPortError: close, report, start retrying
    void retryOpen();
    QString systemLocation() const;   // "ttyUSB0" -> "/dev/ttyUSB0" on Unix

    SerialSettings m_settings;
    int m_reconnects = 0;
    QSerialPort* m_port = nullptr;
    QTimer* m_retryTimer = nullptr;
    bool m_lostPending = false;       // a device-lost handling is queued; ignore repeats
    QString m_lostReason;
};

} // namespace tuyascope
