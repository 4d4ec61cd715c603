#include "dpmap/DpEngine.h"

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tuyascope::dpmap {

using namespace tuyascope::mcu;

namespace {

bool isIntegerType(quint8 type)
{
    return type == quint8(DpType::Value) || type == quint8(DpType::Enum) || type == quint8(DpType::Bool)
           || type == quint8(DpType::Bitmap);
}

bool within(const qint64 laterUs, int laterItem, qint64 earlierUs, int earlierItem, qint64 windowUs, int windowItems)
{
    if (earlierItem < 0)
        return false;
    if (laterUs != kUnknownTime && earlierUs != kUnknownTime)
        return laterUs >= earlierUs && laterUs - earlierUs <= windowUs;
    return laterItem >= earlierItem && laterItem - earlierItem <= windowItems;
}

// The product id a 0x01 answer carries ({"p":"..."}), if any.
QString productIdOf(const QByteArray& frame)
{
    const int length = declaredDataLength(frame);
    const QByteArray data = frame.mid(kDataOffset, length);
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (!doc.isObject())
        return {};
    // Key case varies in the wild (seed 003 answers "P").
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key().compare(QLatin1String("p"), Qt::CaseInsensitive) == 0)
            return it.value().toString();
    return {};
}

} // namespace

bool dpObservationFromText(const QString& id, const QString& typeName, const QString& valueText, DpObservation* out)
{
    bool ok = false;
    const uint dpId = id.toUInt(&ok);
    if (!ok || dpId > 255)
        return false;
    out->id = quint8(dpId);
    const QString text = valueText.trimmed();
    const auto integerBytes = [&](int width) {
        bool numberOk = false;
        const qint64 v = text.toLongLong(&numberOk);
        QByteArray bytes(width, '\0');
        for (int i = 0; i < width; ++i)
            bytes[i] = char(quint64(v) >> (8 * (width - 1 - i)));
        return numberOk ? bytes : QByteArray();
    };
    DpType type = DpType::Raw;
    if (typeName.isEmpty()) { // LAN JSON value
        if (text == QLatin1String("true") || text == QLatin1String("false")) {
            type = DpType::Bool;
        } else if (text.startsWith(QLatin1Char('"'))) {
            type = DpType::String;
        } else {
            type = DpType::Value;
            if (integerBytes(4).isEmpty())
                return false;
        }
    } else if (!dpTypeFromName(typeName, type)) {
        return false;
    }
    out->type = quint8(type);
    switch (type) {
    case DpType::Bool:
        out->value = QByteArray(1, text.startsWith(QLatin1String("true")) ? '\1' : '\0');
        break;
    case DpType::Value:
        out->value = integerBytes(4);
        break;
    case DpType::Enum:
        out->value = integerBytes(1);
        break;
    case DpType::Bitmap:
        out->value = QByteArray::fromHex(text.mid(2).toLatin1());
        break;
    case DpType::String:
        if (text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')) && text.size() >= 2)
            out->value = text.mid(1, text.size() - 2).toUtf8();
        else
            out->value = QByteArray::fromHex(text.mid(text.startsWith(QLatin1String("hex ")) ? 4 : 0).toLatin1());
        break;
    case DpType::Raw:
        out->value = QByteArray::fromHex(text.toLatin1());
        break;
    }
    return !(out->value.isEmpty() && type != DpType::String && type != DpType::Raw);
}

bool dpObservationFromUnit(quint8 id, quint8 type, QByteArrayView value, DpObservation* out)
{
    // The common types straight from the bytes, normalised as their text would be (a bool is 0/1,
    // a value four bytes); the rest through their text.
    const auto t = DpType(type);
    if ((t == DpType::Bool || t == DpType::Enum) && value.size() == 1) {
        const quint8 raw = quint8(value[0]);
        out->value = QByteArray(1, char(t == DpType::Bool ? (raw ? 1 : 0) : raw));
    } else if (t == DpType::Value && value.size() >= 1 && value.size() <= 4) {
        const qint64 v = dpIntegerValue(type, value);
        out->value = QByteArray(4, '\0');
        for (int i = 0; i < 4; ++i)
            out->value[i] = char(quint64(v) >> (8 * (3 - i)));
    } else {
        return dpObservationFromText(QString::number(id), dpTypeName(type).section(QLatin1Char(' '), 0, 0),
                                     dpValueText(type, value), out);
    }
    out->id = id;
    out->type = type;
    return true;
}

qint64 DpProfile::lastNumber() const
{
    return isIntegerType(type) && lastValue.size() >= 1 && lastValue.size() <= 4 ? dpIntegerValue(type, lastValue) : 0;
}

QVector<qint64> DpProfile::numbers() const
{
    QVector<qint64> out;
    for (const DpValuePoint& p : timeline) {
        if (isIntegerType(type) && p.value.size() >= 1 && p.value.size() <= 4)
            out.push_back(dpIntegerValue(type, p.value));
    }
    return out;
}

DpEngine DpEngine::fromSession(const McuSession& session, DpEngineOptions options)
{
    DpEngine engine(options);
    for (int i = 0; i < session.itemCount(); ++i) {
        const McuItem& it = session.item(i);
        if (it.kind != ItemKind::Frame || !it.checksumOk)
            continue;
        const QByteArray frame = session.itemBytes(i);
        if (it.family == Family::LowPower)
            engine.m_lowPower = true;
        if (it.command == 0x01 && it.direction != Direction::ModuleToMcu && engine.m_productId.isEmpty())
            engine.m_productId = productIdOf(frame);
        if (it.command == 0x10 && it.family == Family::LowPower && it.direction == Direction::McuToModule) {
            // "count dpId...": the MCU asks the module for cached values of these dps.
            const int length = declaredDataLength(frame);
            const int count = length >= 1 ? quint8(frame[kDataOffset]) : 0;
            for (int k = 0; k < count && 1 + k < length; ++k)
                engine.addRequest(quint8(frame[kDataOffset + 1 + k]));
            continue;
        }
        for (const DpUnit& u : frameDpUnits(frame, it.family, it.direction).units) {
            DpObservation o;
            o.timeUs = it.timeUs;
            o.item = i;
            o.id = u.id;
            o.type = u.type;
            o.value = frame.mid(u.valueOffset(), u.length);
            o.written = it.direction == Direction::ModuleToMcu;
            engine.add(o);
        }
    }
    return engine;
}

DpProfile& DpEngine::profileFor(quint8 id)
{
    auto it = std::lower_bound(m_profiles.begin(), m_profiles.end(), id,
                               [](const DpProfile& p, quint8 key) { return p.id < key; });
    if (it == m_profiles.end() || it->id != id) {
        DpProfile fresh;
        fresh.id = id;
        it = m_profiles.insert(it, fresh);
    }
    return *it;
}

void DpEngine::add(const DpObservation& o)
{
    DpProfile& p = profileFor(o.id);
    if (p.count > 0 && p.type != o.type && p.typeChanges++ < kMaxFindingsPerDp) {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.code = diag::DpTypeChanged;
        d.message = QStringLiteral("dp %1 changed type from %2 to %3").arg(o.id).arg(dpTypeName(p.type), dpTypeName(o.type));
        m_findings.push_back({o.id, o.item, d});
    }
    if (!p.typesSeen.contains(o.type))
        p.typesSeen.push_back(o.type);
    p.type = o.type;
    ++p.count;
    const int length = int(o.value.size());
    p.minLength = p.count == 1 ? length : qMin(p.minLength, length);
    p.maxLength = qMax(p.maxLength, length);
    if (!p.distinctOverflow && !p.distinctValues.contains(o.value)) { // once full, only "more" is news
        if (p.distinctValues.size() < DpProfile::kMaxDistinct)
            p.distinctValues.push_back(o.value);
        else
            p.distinctOverflow = true;
    }
    if (isIntegerType(o.type) && length >= 1 && length <= 4) {
        const qint64 v = dpIntegerValue(o.type, o.value);
        if (!p.numeric) {
            p.min = p.max = v;
            p.numeric = true;
        } else {
            p.min = qMin(p.min, v);
            p.max = qMax(p.max, v);
        }
    }
    if (p.timeline.size() < DpProfile::kMaxTimeline)
        p.timeline.push_back({o.timeUs, o.item, o.value, o.written});
    else
        p.timelineOverflow = true;
    p.lastValue = o.value;
    if (p.firstItem < 0) {
        p.firstItem = o.item;
        p.firstTimeUs = o.timeUs;
    }
    p.lastItem = o.item;
    p.lastTimeUs = o.timeUs;

    if (o.written) {
        ++p.writes;
        int effect = -1;
        if (m_writeEffects.size() < kMaxWriteEffects) {
            effect = int(m_writeEffects.size());
            m_writeEffects.push_back({o.item, o.timeUs, o.id, o.value, {}});
        }
        m_lastWrite[o.id] = {o.timeUs, o.item, o.value, effect, {}};
        return;
    }
    ++p.reports;
    // A new value (against this dp's previous report) right after writes: the writes' effect.
    const auto previous = m_lastReport.constFind(o.id);
    if (previous != m_lastReport.constEnd() && previous->value != o.value) {
        p.lastChangeUs = o.timeUs;
        p.lastChangeItem = o.item;
        p.valueBeforeChange = previous->value;
        // Each write counts a dp once, however often a chatty device reports it.
        for (auto w = m_lastWrite.begin(); w != m_lastWrite.end(); ++w) {
            if (w->changed.contains(o.id)
                || !within(o.timeUs, o.item, w->timeUs, w->item, m_options.echoWindowUs, m_options.echoWindowItems))
                continue;
            w->changed.push_back(o.id);
            ++p.changesAfterWriteOf[w.key()];
            if (w->effect >= 0)
                m_writeEffects[w->effect].changed.push_back(o.id);
        }
    }
    const auto write = m_lastWrite.constFind(o.id);
    if (write != m_lastWrite.constEnd()
        && within(o.timeUs, o.item, write->timeUs, write->item, m_options.echoWindowUs, m_options.echoWindowItems)) {
        ++p.reportsAfterWrite;
        // The written value is the timeline's last written point, when kept.
        for (auto t = p.timeline.crbegin(); t != p.timeline.crend(); ++t) {
            if (t->written) {
                if (t->value == o.value)
                    ++p.echoesOfWrittenValue;
                break;
            }
        }
    }
    for (auto other = m_lastReport.constBegin(); other != m_lastReport.constEnd(); ++other) {
        if (other.key() == o.id)
            continue;
        const bool sameFrame = other->item == o.item;
        if (sameFrame || within(o.timeUs, o.item, other->timeUs, other->item, m_options.coChangeWindowUs, 0)) {
            ++p.coChanges[other.key()];
            ++profileFor(other.key()).coChanges[o.id];
        }
    }
    m_lastReport[o.id] = {o.timeUs, o.item, o.value, -1, {}};
}

void DpEngine::addRequest(quint8 id)
{
    ++m_requests[id];
}

QVector<quint8> DpEngine::requestedOnly() const
{
    QVector<quint8> ids;
    for (auto it = m_requests.constBegin(); it != m_requests.constEnd(); ++it) {
        const DpProfile* p = find(it.key());
        if (!p || p->count == 0)
            ids << it.key();
    }
    return ids;
}

QVector<quint8> DpEngine::changedAfterWrite(int item) const
{
    QVector<quint8> changed;
    for (const DpWriteEffect& w : m_writeEffects)
        if (w.item == item)
            for (quint8 id : w.changed)
                if (!changed.contains(id))
                    changed.push_back(id);
    return changed;
}

QStringList DpEngine::findingMessages(quint8 id) const
{
    QStringList messages;
    for (const DpFinding& f : m_findings)
        if (f.dp == id)
            messages << f.diagnostic.message;
    return messages;
}

const DpProfile* DpEngine::find(quint8 id) const
{
    for (const DpProfile& p : m_profiles) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

} // namespace tuyascope::dpmap
