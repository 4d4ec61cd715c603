#pragma once
// A byte link to a device, without any UI: serial ports, the in-process loopback pair, later
// network sockets. Every received chunk is timestamped (µs since the epoch) the moment the
// transport sees it, so the capture's timeline is arrival order. Framing is never the
// transport's business: chunks are whatever the OS delivered.

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>
#include <QString>

namespace tuyascope {

class Transport : public QObject {
    Q_OBJECT
public:
    enum class State {
        Closed,       // not opened, or closed by the user
        Open,         // bytes flow
        Reconnecting, // the device went away (adapter unplugged); retrying until it returns
    };
    Q_ENUM(State)

    explicit Transport(QObject* parent = nullptr) : QObject(parent) {}

    virtual QString name() const = 0;         // "/dev/ttyUSB0", "loopback:module"
    virtual QString description() const { return QString(); }
    virtual quint32 baudRate() const { return 0; } // 0 = not a UART

    // Opens the link. Returns false with errorString() set when it cannot be opened now.
    virtual bool open() = 0;
    virtual void close() = 0;
    // Queues bytes for sending. Returns the number queued, or -1 (errorString()) when the link
    // is not open; bytes are never buffered across a reconnect.
    virtual qint64 write(QByteArrayView bytes) = 0;

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    QString errorString() const { return m_error; }

signals:
    void chunkReceived(qint64 timeUs, const QByteArray& bytes);
    void stateChanged(tuyascope::Transport::State state);
    // A human-readable problem (open failure, device lost, write error). Losing the device also
    // moves the state to Reconnecting; returning moves it back to Open.
    void errorOccurred(const QString& message);

protected:
    void setState(State state)
    {
        if (state == m_state)
            return;
        m_state = state;
        emit stateChanged(state);
    }
    void reportError(const QString& message)
    {
        m_error = message;
        emit errorOccurred(message);
    }
    void setErrorString(const QString& message) { m_error = message; }

private:
    State m_state = State::Closed;
    QString m_error;
};

} // namespace tuyascope
