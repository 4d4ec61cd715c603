#pragma once
// What a command's payload decoder gets: bounds-checked reads relative to the payload start,
// and helpers that add fields (with their byte ranges) and diagnostics to the dissection.

#include "capture/Direction.h"
#include "dissect/Dissection.h"
#include "tuyamcu/Family.h"
#include "tuyamcu/ValueTable.h"

#include <QByteArrayView>

namespace tuyascope::mcu {

class PayloadContext {
public:
    PayloadContext(Dissection& dissection, QByteArrayView frame, int payloadField, int payloadSize,
                   Direction direction, Family family);

    Dissection& dissection() { return m_d; }
    Direction direction() const { return m_direction; }
    Family family() const { return m_family; }
    quint8 version() const { return quint8(m_frame[2]); }
    quint8 command() const { return quint8(m_frame[3]); }
    int size() const { return m_size; }            // payload bytes actually present
    bool isEmpty() const { return m_size == 0; }
    int payloadField() const { return m_payloadField; }
    QByteArrayView bytes(int rel, int len) const;  // clamped to the payload
    quint8 u8(int rel) const;                      // 0 when out of range
    quint32 uBE(int rel, int len) const;           // unsigned big-endian, len 1..4

    // A frame offset for a payload-relative offset (fields store frame offsets).
    int frameOffset(int rel) const { return 6 + rel; }

    // Adds SHORT_PAYLOAD when fewer than `needed` payload bytes exist; returns whether they do.
    bool require(int needed, const QString& what);
    // Flags TRAILING_BYTES for payload bytes from `rel` on that the layout does not explain.
    void expectEnd(int rel);

    int add(const QString& name, const QString& key, const QString& value, int rel, int len, int parent = -2);
    int addU8(const QString& name, const QString& key, int rel, const ValueTable* labels = nullptr, int parent = -2);
    int addInt(const QString& name, const QString& key, int rel, int len, bool isSigned = false,
               const QString& unit = QString(), int parent = -2);
    int addHex(const QString& name, const QString& key, int rel, int len, int parent = -2);
    int addText(const QString& name, const QString& key, int rel, int len, int parent = -2);
    // JSON text: validated; a parse failure adds INVALID_JSON but keeps the text.
    int addJson(const QString& name, const QString& key, int rel, int len, int parent = -2);
    // flag YY MM DD hh mm ss [weekday]: 7 or 8 bytes.
    int addDateTime(const QString& name, const QString& key, int rel, bool withWeekday, int parent = -2);
    // DP units in payload[rel, end): adds one subtree per unit plus DP_* diagnostics.
    void addDpUnits(int rel, int parent = -2);

    void note(Severity severity, const QString& code, const QString& message, int field = -1);
    void setSummary(const QString& text) { m_d.summary = text; }
    void appendSummary(const QString& text);

private:
    int parentOr(int parent) const { return parent == -2 ? m_payloadField : parent; }

    Dissection& m_d;
    QByteArrayView m_frame;
    int m_payloadField;
    int m_size;
    Direction m_direction;
    Family m_family;
};

using PayloadDecoder = void (*)(PayloadContext&);

} // namespace tuyascope::mcu
