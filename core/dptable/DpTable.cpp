#include "dptable/DpTable.h"

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"

#include <algorithm>
#include <map>

namespace tuyascope {

using namespace tuyascope::mcu;

DpTable DpTable::build(const McuSession& session)
{
    std::map<quint8, DpStats> byId;
    for (int i = 0; i < session.itemCount(); ++i) {
        const McuItem& it = session.item(i);
        if (it.kind != ItemKind::Frame || !it.checksumOk)
            continue;
        const QByteArray frame = session.itemBytes(i);
        const int start = dpUnitsOffset(frame, it.family, it.direction);
        if (start < 0)
            continue;
        const int end = kDataOffset + declaredDataLength(frame);
        const DpParseResult parsed = parseDpUnits(frame, start, end);
        for (const DpUnit& u : parsed.units) {
            DpStats& s = byId[u.id];
            const QByteArray value = frame.mid(u.valueOffset(), u.length);
            if (s.count > 0 && s.type != u.type)
                s.mixedTypes = true;
            s.id = u.id;
            s.type = u.type;
            ++s.count;
            if (!s.distinctValues.contains(value)) {
                if (s.distinctValues.size() < DpStats::kMaxDistinct)
                    s.distinctValues.push_back(value);
                else
                    s.distinctOverflow = true;
            }
            const bool isNumber = u.type == quint8(DpType::Value) || u.type == quint8(DpType::Enum)
                                  || u.type == quint8(DpType::Bool) || u.type == quint8(DpType::Bitmap);
            if (isNumber && u.length >= 1 && u.length <= 4) {
                const qint64 v = dpIntegerValue(u.type, value);
                if (!s.numeric) {
                    s.min = s.max = v;
                    s.numeric = true;
                } else {
                    s.min = qMin(s.min, v);
                    s.max = qMax(s.max, v);
                }
            }
            if (s.firstItem < 0) {
                s.firstItem = i;
                s.firstTimeUs = it.timeUs;
            }
            s.lastItem = i;
            s.lastTimeUs = it.timeUs;
            s.lastValue = value;
            if (it.direction == Direction::ModuleToMcu)
                ++s.fromModule;
            else
                ++s.fromMcu;
        }
    }
    DpTable table;
    for (auto& [id, stats] : byId)
        table.m_rows.push_back(stats);
    return table;
}

const DpStats* DpTable::find(quint8 id) const
{
    for (const DpStats& s : m_rows) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

} // namespace tuyascope
