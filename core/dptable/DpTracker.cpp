#include "dptable/DpTracker.h"

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/Family.h"
#include "tuyamcu/McuFrame.h"

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

// "17": made once per id, not once per unit.
const QString& dpIdText(quint8 id)
{
    static const QVector<QString> texts = [] {
        QVector<QString> out;
        for (int i = 0; i < 256; ++i)
            out << QString::number(i);
        return out;
    }();
    return texts.at(id);
}

// The type as a field tree's "dp.type" begins: "value", or "type" for an unknown one.
const QString& dpTypeWord(quint8 type)
{
    static const QVector<QString> words = [] {
        QVector<QString> out;
        for (int i = 0; i < 256; ++i)
            out << mcu::dpTypeName(quint8(i)).section(QLatin1Char(' '), 0, 0);
        return out;
    }();
    return words.at(type);
}

} // namespace

QVector<int> DpTracker::add(int row, qint64 timeUs, Direction direction, const Dissection& dissection)
{
    QVector<int> touched;
    // The MCU's product id (0x01 answer) identifies the device model in the knowledge base.
    if (m_engine.productId().isEmpty() && !sentByController(direction)) {
        const int pid = dissection.findField(QStringLiteral("tuyamcu.product.pid"));
        if (pid >= 0)
            m_engine.setProductId(dissection.field(pid).value);
        // ... and a LAN discovery broadcast's productKey (the JSON text as sent, quoted).
        const int key = dissection.findField(QStringLiteral("tuyalan.json.productKey"));
        if (key >= 0) {
            QString text = dissection.field(key).value.trimmed();
            if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
                text = text.mid(1, text.size() - 2);
            m_engine.setProductId(text);
        }
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
        dpmap::DpObservation observation;
        const bool observed = dpmap::dpObservationFromText(unit.id, unit.type, unit.value, &observation);
        const int index = addUnit(row, timeUs, direction, unit.id, unit.type, unit.value, dpNumericValue(unit.value),
                                  observed ? &observation : nullptr);
        if (!touched.contains(index))
            touched.push_back(index);
    }
    return touched;
}

std::optional<QVector<int>> DpTracker::addMcuFrame(int row, const mcu::McuItem& item, QByteArrayView frame)
{
    using mcu::Family;
    // Only the plain case: a whole frame of a decided family and direction whose command the
    // catalogue lays out for that side. The product-info answer and the DP-cache request carry
    // more than dp units; they and anything unusual take the field tree (add()).
    if (item.kind != mcu::ItemKind::Frame || item.direction == Direction::Unknown
        || (item.family != Family::Standard && item.family != Family::LowPower) || item.command == 0x01
        || (item.family == Family::LowPower && item.command == 0x10))
        return std::nullopt;
    const mcu::CommandSpec* spec = mcu::CommandCatalogue::instance().find(item.family, item.command);
    if (!spec || spec->hasSubCommands)
        return std::nullopt;
    const bool fromModule = item.direction == Direction::ModuleToMcu;
    if ((fromModule ? spec->moduleRole : spec->mcuRole) == mcu::Role::None)
        return std::nullopt; // the dissector reads it with the other side's layout
    if (item.family == Family::LowPower)
        m_engine.setLowPower(true);
    QVector<int> touched;
    for (const mcu::DpUnit& u : mcu::frameDpUnits(frame, item.family, item.direction).units) {
        const QByteArrayView value = frame.sliced(u.valueOffset(), u.length);
        const QString text = mcu::dpValueText(u.type, value);
        dpmap::DpObservation observation;
        const bool observed = dpmap::dpObservationFromUnit(u.id, u.type, value, &observation);
        // The number of a well-formed bool, enum or value unit is its integer; the rest read their
        // text, as add() does.
        const auto type = mcu::DpType(u.type);
        const bool integer = observed && mcu::dpLengthFitsType(u.type, u.length)
                             && (type == mcu::DpType::Bool || type == mcu::DpType::Enum || type == mcu::DpType::Value);
        const std::optional<double> number = integer ? std::optional<double>(double(mcu::dpIntegerValue(u.type, observation.value)))
                                                     : dpNumericValue(text);
        const int index = addUnit(row, item.timeUs, item.direction, dpIdText(u.id), dpTypeWord(u.type), text, number,
                                  observed ? &observation : nullptr);
        if (!touched.contains(index))
            touched.push_back(index);
    }
    return touched;
}

int DpTracker::addUnit(int row, qint64 timeUs, Direction direction, const QString& id, const QString& typeName,
                       const QString& value, std::optional<double> number, dpmap::DpObservation* observation)
{
    int index = m_index.value(id, -1);
    if (index < 0) {
        index = int(m_series.size());
        m_index.insert(id, index);
        DpSeries s;
        s.id = id;
        m_series.push_back(s);
    }
    DpSeries& s = m_series[index];
    const QString type = typeName.isEmpty() ? QStringLiteral("json") : typeName;
    if (s.count > 0 && s.type != type)
        s.mixedTypes = true;
    s.type = type;
    ++s.count;
    if (!s.distinctOverflow && !s.distinct.contains(value)) { // once full, only "more" is news
        if (s.distinct.size() < DpSeries::kMaxDistinct)
            s.distinct.push_back(value);
        else
            s.distinctOverflow = true;
    }
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
    s.lastValue = value;
    (sentByController(direction) ? s.fromController : s.fromDevice) += 1;
    if (observation) {
        observation->timeUs = timeUs;
        observation->item = row;
        observation->written = sentByController(direction);
        m_engine.add(*observation);
    }
    return index;
}

void DpTracker::clear()
{
    m_series.clear();
    m_index.clear();
    m_engine = dpmap::DpEngine();
}

} // namespace tuyascope
