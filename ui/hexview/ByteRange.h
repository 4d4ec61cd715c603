#pragma once
// A run of bytes in one data source: what a field, a marking or a selection covers.

#include <QMetaType>

namespace tuyascope {

struct ByteRange {
    int offset = -1;
    int length = 0;

    [[nodiscard]] bool isEmpty() const noexcept { return offset < 0 || length <= 0; }
    [[nodiscard]] int end() const noexcept { return offset + length; }  // one past the last byte
    [[nodiscard]] bool contains(int position) const noexcept
    {
        return !isEmpty() && position >= offset && position < end();
    }
    friend bool operator==(const ByteRange& a, const ByteRange& b) noexcept
    {
        return a.offset == b.offset && a.length == b.length;
    }
    friend bool operator!=(const ByteRange& a, const ByteRange& b) noexcept { return !(a == b); }
};

} // namespace tuyascope

Q_DECLARE_METATYPE(tuyascope::ByteRange)
