#pragma once
// Bounds-checked big-endian (network order) reads over one packet. Decoders test has() before
// they read; the accessors re-check anyway and return 0 outside the view, so a decoder bug can
// show a wrong value but never read a byte that is not there.

#include <QByteArrayView>

namespace tuyascope::net {

class NetBytes {
public:
    explicit NetBytes(QByteArrayView bytes) : m_bytes(bytes) {}

    int size() const { return int(m_bytes.size()); }
    QByteArrayView view() const { return m_bytes; }

    bool has(int offset, int length) const
    {
        return offset >= 0 && length >= 0 && offset <= size() && length <= size() - offset;
    }
    quint8 u8(int offset) const { return has(offset, 1) ? quint8(m_bytes[offset]) : quint8(0); }
    quint16 be16(int offset) const
    {
        return has(offset, 2) ? quint16((u8(offset) << 8) | u8(offset + 1)) : quint16(0);
    }
    quint32 be32(int offset) const
    {
        return has(offset, 4) ? (quint32(be16(offset)) << 16) | be16(offset + 2) : 0u;
    }
    quint32 le32(int offset) const
    {
        return has(offset, 4) ? quint32(u8(offset)) | (quint32(u8(offset + 1)) << 8) | (quint32(u8(offset + 2)) << 16)
                                    | (quint32(u8(offset + 3)) << 24)
                              : 0u;
    }
    // The bytes [offset, offset + length), or an empty view when they are not all there.
    QByteArrayView slice(int offset, int length) const
    {
        return has(offset, length) ? m_bytes.sliced(offset, length) : QByteArrayView();
    }

private:
    QByteArrayView m_bytes;
};

} // namespace tuyascope::net
