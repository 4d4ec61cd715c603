#pragma once
// One direction of one flow, decoded: the stream splitter's events, each dissected with the
// flow's context. The context can change between feeds (e.g. the session key once the
// handshake of the flow is known). The decoder keeps one key-bound cipher/MAC per key of the
// flow (crypto::KeyedCryptoCache), so frames after the first skip the EVP set-up.

#include "tuyalan/LanCryptoKeyed.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanStreamSplitter.h"

#include <QVector>

#include <memory>

namespace tuyascope::lan {

class LanStreamDecoder {
public:
    struct Item {
        LanStreamSplitter::EventKind kind = LanStreamSplitter::EventKind::Frame;
        qint64 offset = 0;
        qint64 timeUs = 0;
        QByteArray bytes;
        LanDissection dissection;
    };

    explicit LanStreamDecoder(const LanContext& context = {}, const LanStreamSplitter::Options& options = {});

    void setContext(const LanContext& context);
    const LanContext& context() const { return m_context; }

    QVector<Item> feed(QByteArrayView chunk, qint64 timeUs = 0);
    QVector<Item> finish();

private:
    class Collector;
    LanContext m_context;
    LanStreamSplitter m_splitter;
    std::unique_ptr<crypto::KeyedCryptoCache> m_crypto;
};

} // namespace tuyascope::lan
