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
    : m_context(context), m_splitter(options)
{
}

QVector<LanStreamDecoder::Item> LanStreamDecoder::feed(QByteArrayView chunk, qint64 timeUs)
{
    Collector c(m_context);
    m_splitter.feed(chunk, timeUs, c);
    return std::move(c.items);
}

QVector<LanStreamDecoder::Item> LanStreamDecoder::finish()
{
    Collector c(m_context);
    m_splitter.finish(c);
    return std::move(c.items);
}

} // namespace tuyascope::lan
