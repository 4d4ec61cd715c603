#include "tuyalan/LanStreamDecoder.h"

namespace tuyascope::lan {

class LanStreamDecoder::Collector : public LanStreamSplitter::Sink {
public:
    explicit Collector(const LanContext& context) : m_context(context) {}

    void onEvent(const LanStreamSplitter::Event& e) override
    {
        Item item;
        item.kind = e.kind;
        item.offset = e.offset;
        item.timeUs = e.timeUs;
        item.bytes = e.bytes.toByteArray();
        item.dissection = dissectLanEvent(e, m_context);
        items.push_back(std::move(item));
    }

    QVector<Item> items;

private:
    const LanContext& m_context;
};

LanStreamDecoder::LanStreamDecoder(const LanContext& context, const LanStreamSplitter::Options& options)
    : m_context(context), m_splitter(options), m_crypto(std::make_unique<crypto::KeyedCryptoCache>())
{
}

void LanStreamDecoder::setContext(const LanContext& context)
{
    // Keys of an earlier session are not kept around once the flow has moved on.
    if (context.localKey != m_context.localKey || context.sessionKey != m_context.sessionKey)
        m_crypto->clear();
    m_context = context;
}

QVector<LanStreamDecoder::Item> LanStreamDecoder::feed(QByteArrayView chunk, qint64 timeUs)
{
    crypto::KeyedCryptoScope scope(*m_crypto);
    Collector c(m_context);
    m_splitter.feed(chunk, timeUs, c);
    return std::move(c.items);
}

QVector<LanStreamDecoder::Item> LanStreamDecoder::finish()
{
    crypto::KeyedCryptoScope scope(*m_crypto);
    Collector c(m_context);
    m_splitter.finish(c);
    return std::move(c.items);
}

} // namespace tuyascope::lan
