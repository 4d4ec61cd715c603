#pragma once
// An in-process wire with two ends, for tests and the demo: bytes written on one end arrive
// on the other (queued, never re-entrant), timestamped on arrival, optionally cut into small
// random chunks so consumers cannot rely on read sizes.

#include "common/Xorshift32.h"
#include "transport/Transport.h"

#include <QObject>

namespace tuyascope {

class LoopbackLink;

class LoopbackEnd : public Transport {
    Q_OBJECT
public:
    QString name() const override { return m_name; }
    QString description() const override { return QStringLiteral("in-process loopback"); }
    bool open() override;
    void close() override;
    qint64 write(QByteArrayView bytes) override;

private:
    friend class LoopbackLink;
    LoopbackEnd(LoopbackLink* link, QString name);
    void deliver(const QByteArray& bytes);
    LoopbackLink* m_link;
    LoopbackEnd* m_peer = nullptr;
    QString m_name;
};

class LoopbackLink : public QObject {
    Q_OBJECT
public:
    explicit LoopbackLink(QObject* parent = nullptr);
    LoopbackEnd* moduleEnd() const { return m_module; } // the Wi-Fi module's side
    LoopbackEnd* mcuEnd() const { return m_mcu; }       // the MCU's side
    // 0 = deliver each write whole; n > 0 = cut deliveries into pieces of 1..n bytes.
    void setMaxChunk(int maxChunk, quint32 seed = 1);
    int maxChunk() const { return m_maxChunk; }
    quint32 nextRandom();

private:
    LoopbackEnd* m_module;
    LoopbackEnd* m_mcu;
    int m_maxChunk = 0;
    Xorshift32 m_random;
};

} // namespace tuyascope
