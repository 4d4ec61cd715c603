#include "transport/SerialTransport.h"

#include "common/Clock.h"
#include "platform/SerialNames.h"

#include <QMetaObject>
#include <QTimer>

namespace tuyascope {

namespace {

QChar parityLetter(QSerialPort::Parity parity)
{
    switch (parity) {
    case QSerialPort::NoParity: return QLatin1Char('N');
    case QSerialPort::EvenParity: return QLatin1Char('E');
    case QSerialPort::OddParity: return QLatin1Char('O');
    case QSerialPort::SpaceParity: return QLatin1Char('S');
    case QSerialPort::MarkParity: return QLatin1Char('M');
    }
    return QLatin1Char('?');
}

QString stopBitsText(QSerialPort::StopBits stopBits)
{
    switch (stopBits) {
    case QSerialPort::OneStop: return QStringLiteral("1");
    case QSerialPort::OneAndHalfStop: return QStringLiteral("1.5");
    case QSerialPort::TwoStop: return QStringLiteral("2");
    }
    return QStringLiteral("?");
}

} // namespace

SerialTransport::SerialTransport(const SerialSettings& settings, QObject* parent)
    : Transport(parent),
      m_settings(settings),
      m_port(new QSerialPort(this)),
      m_retryTimer(new QTimer(this))
{
    m_retryTimer->setInterval(qMax(10, m_settings.reconnectIntervalMs));
    connect(m_retryTimer, &QTimer::timeout, this, &SerialTransport::retryOpen);
    connect(m_port, &QSerialPort::readyRead, this, &SerialTransport::onReadyRead);
    connect(m_port, &QSerialPort::errorOccurred, this, &SerialTransport::onPortError);
}

SerialTransport::~SerialTransport()
{
    // No signals from a half-destroyed object: just stop retrying and release the device.
    m_retryTimer->stop();
    m_port->disconnect(this);
    if (m_port->isOpen())
        m_port->close();
}

QString SerialTransport::systemLocation() const
{
    return platform::serialSystemLocation(m_settings.port);
}

QString SerialTransport::name() const
{
    return systemLocation();
}

QString SerialTransport::description() const
{
    return QStringLiteral("serial %1 %2%3%4")
        .arg(m_settings.baudRate)
        .arg(int(m_settings.dataBits))
        .arg(parityLetter(m_settings.parity))
        .arg(stopBitsText(m_settings.stopBits));
}

quint32 SerialTransport::baudRate() const
{
    return quint32(qMax(0, m_settings.baudRate));
}

bool SerialTransport::openPort()
{
    m_lostPending = false;
    if (m_settings.port.isEmpty()) {
        setErrorString(QStringLiteral("No serial port given"));
        return false;
    }
    m_port->setPortName(m_settings.port);
    m_port->setBaudRate(m_settings.baudRate);
    m_port->setDataBits(m_settings.dataBits);
    m_port->setParity(m_settings.parity);
    m_port->setStopBits(m_settings.stopBits);
    m_port->setFlowControl(m_settings.flowControl);
    m_port->clearError();
    if (!m_port->open(QIODevice::ReadWrite)) {
        setErrorString(QStringLiteral("Cannot open %1: %2").arg(systemLocation(), m_port->errorString()));
        m_port->clearError();
        return false;
    }
    return true;
}

void SerialTransport::applyControlLines()
{
    // Pseudo-terminals and some adapters reject the modem-control ioctls: worth a warning,
    // never a reason to give up a port that otherwise works.
    if (m_settings.dataTerminalReady && !m_port->setDataTerminalReady(*m_settings.dataTerminalReady)) {
        const QString why = m_port->errorString();
        m_port->clearError();
        reportError(QStringLiteral("%1: cannot set DTR (%2); continuing").arg(systemLocation(), why));
    }
    if (m_settings.requestToSend && !m_port->setRequestToSend(*m_settings.requestToSend)) {
        const QString why = m_port->errorString();
        m_port->clearError();
        reportError(QStringLiteral("%1: cannot set RTS (%2); continuing").arg(systemLocation(), why));
    }
}

bool SerialTransport::open()
{
    if (isOpen())
        return true;
    const bool wasReconnecting = state() == State::Reconnecting;
    if (!openPort()) {
        if (wasReconnecting) {
            m_retryTimer->start(); // still waiting for the device; keep trying
        } else {
            reportError(errorString());
        }
        return false;
    }
    m_retryTimer->stop();
    if (wasReconnecting)
        ++m_reconnects;
    setState(State::Open);
    applyControlLines();
    return true;
}

void SerialTransport::close()
{
    m_retryTimer->stop();
    m_lostPending = false;
    if (m_port->isOpen()) {
        onReadyRead(); // what already arrived belongs to the capture
        m_port->close();
        m_port->clearError();
    }
    setState(State::Closed);
}

qint64 SerialTransport::write(QByteArrayView bytes)
{
    if (!isOpen()) {
        setErrorString(QStringLiteral("%1 is not open").arg(systemLocation()));
        return -1;
    }
    const qint64 written = m_port->write(bytes.data(), bytes.size());
    if (written < 0)
        reportError(QStringLiteral("%1: write failed: %2").arg(systemLocation(), m_port->errorString()));
    return written;
}

bool SerialTransport::setDataTerminalReady(bool on)
{
    m_settings.dataTerminalReady = on;
    if (!m_port->isOpen())
        return true; // applied on the next open
    if (m_port->setDataTerminalReady(on))
        return true;
    setErrorString(QStringLiteral("%1: cannot set DTR: %2").arg(systemLocation(), m_port->errorString()));
    m_port->clearError();
    return false;
}

bool SerialTransport::setRequestToSend(bool on)
{
    m_settings.requestToSend = on;
    if (!m_port->isOpen())
        return true;
    if (m_port->setRequestToSend(on))
        return true;
    setErrorString(QStringLiteral("%1: cannot set RTS: %2").arg(systemLocation(), m_port->errorString()));
    m_port->clearError();
    return false;
}

void SerialTransport::onReadyRead()
{
    const QByteArray bytes = m_port->readAll();
    const qint64 timeUs = nowUs(); // arrival time: taken the moment the bytes are read
    if (!bytes.isEmpty())
        emit chunkReceived(timeUs, bytes);
}

void SerialTransport::onPortError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || state() != State::Open || !m_port->isOpen())
        return; // open() reports its own failures
    switch (error) {
    case QSerialPort::ResourceError: // adapter unplugged (ENXIO/EIO/ENODEV on a real tty)
    case QSerialPort::ReadError:     // a hung-up pty slave reads 0 bytes: Qt 6.4 says ReadError
        if (m_lostPending)
            return; // Qt repeats the error on every wake-up until the port is closed
        m_lostPending = true;
        m_lostReason = error == QSerialPort::ResourceError ? m_port->errorString()
                                                           : QStringLiteral("hung up");
        // Closing the port from inside its own notifier is unsafe; do it from the event loop.
        QMetaObject::invokeMethod(this, &SerialTransport::handleDeviceLost, Qt::QueuedConnection);
        return;
    case QSerialPort::UnsupportedOperationError: // DTR/RTS on a pty: handled where requested
    case QSerialPort::TimeoutError:
        return;
    default:
        reportError(QStringLiteral("%1: %2").arg(systemLocation(), m_port->errorString()));
        m_port->clearError();
        return;
    }
}

void SerialTransport::handleDeviceLost()
{
    if (!m_lostPending || state() != State::Open)
        return; // closed or reopened meanwhile
    m_lostPending = false;
    onReadyRead(); // anything still buffered arrived before the loss
    m_port->close();
    m_port->clearError();
    if (!m_settings.reconnect) {
        reportError(QStringLiteral("%1: device lost (%2)").arg(systemLocation(), m_lostReason));
        setState(State::Closed);
        return;
    }
    reportError(QStringLiteral("%1: device lost (%2); reconnecting every %3 ms")
                    .arg(systemLocation(), m_lostReason)
                    .arg(m_retryTimer->interval()));
    setState(State::Reconnecting);
    m_retryTimer->start();
}

void SerialTransport::retryOpen()
{
    if (state() != State::Reconnecting) {
        m_retryTimer->stop();
        return;
    }
    if (!openPort())
        return; // quietly: the loss was reported once; errorString() has the latest reason
    m_retryTimer->stop();
    ++m_reconnects;
    setState(State::Open);
    applyControlLines();
}

} // namespace tuyascope
