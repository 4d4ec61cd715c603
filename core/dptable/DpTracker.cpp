#include "dptable/DpTracker.h"

#include "tuyamcu/Family.h"

#include "frames/FrameSummary.h"

namespace tuyascope {

std::optional<double> dpNumericValue(const QString& text)
{
    if (text == QLatin1String("true") || text.startsWith(QLatin1String("true (")))
        return 1.0;
    if (text == QLatin1String("false"))
        return 0.0;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (ok)
        return v;
    return std::nullopt;
}

namespace {

bool sentByController(Direction direction)
{
    return direction == Direction::ModuleToMcu || direction == Direction::AppToDevice;
}

} // namespace

QVector<int> DpTracker::add(int row, qint64 timeUs, Direction direction, const Dissection& dissection)
{
    QVector<int> touched;
    // The MCU's product id (0x01 answer) lets role inference use a known product's category.
    if (m_engine.productId().isEmpty() && !sentByController(direction)) {
        const int pid = dissection.findField(QStringLiteral("tuyamcu.product.pid"));
        if (pid >= 0)
            m_engine.setProductId(dissection.field(pid).value);
    }
    // A low-power frame: the device is battery powered (device matching weighs it).
    if (!m_engine.lowPower()) {
        const int family = dissection.findField(QStringLiteral("tuyamcu.family"));
        if (family >= 0 && dissection.field(family).value.startsWith(mcu::familyLabel(mcu::Family::LowPower)))
            m_engine.setLowPower(true);
    }
    // Dps the low-power MCU asks the module for (DP-cache request): named, not measured.
    for (const Field& f : dissection.fields()) {
        bool ok = false;
        const uint id = f.key == QLatin1String("tuyamcu.dpcache.id") ? f.value.toUInt(&ok) : 0;
        if (ok && id <= 255 && !sentByController(direction))
            m_engine.addRequest(quint8(id));
    }
    for (const DpUnitView& unit : dpUnitsOf(dissection)) {
        int index = m_index.value(unit.id, -1);
        if (index < 0) {
            index = int(m_series.size());
            m_index.insert(unit.id, index);
            DpSeries s;
            s.id = unit.id;
            m_series.push_back(s);
        }
        DpSeries& s = m_series[index];
        const QString type = unit.type.isEmpty() ? QStringLiteral("json") : unit.type;
        if (s.count > 0 && s.type != type)
            s.mixedTypes = true;
        s.type = type;
        ++s.count;
        if (!s.distinct.contains(unit.value)) {
            if (s.distinct.size() < DpSeries::kMaxDistinct)
                s.distinct.push_back(unit.value);
            else
                s.distinctOverflow = true;
        }
        const std::optional<double> number = dpNumericValue(unit.value);
        if (!number) {
            s.numeric = false;
        } else {
            s.min = s.count == 1 || *number < s.min ? *number : s.min;
            s.max = s.count == 1 || *number > s.max ? *number : s.max;
            if (timeUs != kUnknownTime) {
                if (s.samples.size() >= DpSeries::kMaxSamples)
                    s.samples.remove(0, DpSeries::kMaxSamples / 10);
                s.samples.push_back({timeUs, *number});
            }
        }
        if (s.firstRow < 0) {
            s.firstRow = row;
            s.firstTimeUs = timeUs;
        }
        s.lastRow = row;
        s.lastTimeUs = timeUs;
        s.lastValue = unit.value;
        (sentByController(direction) ? s.fromController : s.fromDevice) += 1;
        dpmap::DpObservation observation;
        if (dpmap::dpObservationFromText(unit.id, unit.type, unit.value, &observation)) {
            observation.timeUs = timeUs;
            observation.item = row;
            observation.written = sentByController(direction);
            m_engine.add(observation);
        }
        if (!touched.contains(index))
            touched.push_back(index);
    }
    return touched;
}

void DpTracker::clear()
{
    m_series.clear();
    m_index.clear();
    m_engine = dpmap::DpEngine();
}

} // namespace tuyascope
