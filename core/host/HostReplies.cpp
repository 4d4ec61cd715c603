#include "host/HostReplies.h"

#include "tuyamcu/DpUnit.h"

namespace tuyascope::host {

namespace {

void appendDateTime(QByteArray& out, const QDateTime& t, bool valid, bool weekday)
{
    const QDate d = t.date();
    const QTime tm = t.time();
    const bool ok = valid && d.isValid() && tm.isValid();
    out.append(char(ok ? d.year() % 100 : 0));
    out.append(char(ok ? d.month() : 0));
    out.append(char(ok ? d.day() : 0));
    out.append(char(ok ? tm.hour() : 0));
    out.append(char(ok ? tm.minute() : 0));
    out.append(char(ok ? tm.second() : 0));
    if (weekday)
        out.append(char(ok ? d.dayOfWeek() : 0));
}

bool usable(const QDateTime& t, bool valid)
{
    return valid && t.isValid();
}

} // namespace

QByteArray bytes(std::initializer_list<quint8> values)
{
    QByteArray out;
    out.reserve(qsizetype(values.size()));
    for (quint8 v : values)
        out.append(char(v));
    return out;
}

QByteArray localTimePayload(const QDateTime& localTime, bool valid)
{
    QByteArray out;
    const bool ok = usable(localTime, valid);
    out.append(char(ok ? 1 : 0));
    appendDateTime(out, localTime, ok, true);
    return out;
}

QByteArray gmtTimePayload(const QDateTime& time, bool valid)
{
    QByteArray out;
    const bool ok = usable(time, valid);
    out.append(char(ok ? 1 : 0));
    appendDateTime(out, ok ? time.toUTC() : time, ok, false);
    return out;
}

QByteArray timeServicePayload(quint8 type, const QDateTime& time, bool valid)
{
    QByteArray out;
    const bool ok = usable(time, valid);
    out.append(char(0x02));
    out.append(char(type));
    appendDateTime(out, ok && type == 0x00 ? time.toUTC() : time, ok, true);
    return out;
}

QByteArray macPayload()
{
    return bytes({0x00, 0x02, 0x54, 0x53, 0x00, 0x00, 0x01});
}

QByteArray freeMemoryPayload(quint32 bytes)
{
    QByteArray out;
    out.append(char((bytes >> 24) & 0xFF));
    out.append(char((bytes >> 16) & 0xFF));
    out.append(char((bytes >> 8) & 0xFF));
    out.append(char(bytes & 0xFF));
    return out;
}

QByteArray moduleInfoPayload(QByteArrayView requestedItems)
{
    bool ssid = requestedItems.isEmpty();
    bool country = requestedItems.isEmpty();
    for (char c : requestedItems) {
        const auto item = quint8(c);
        ssid = ssid || item == 0xFF || item == 0x01;
        country = country || item == 0xFF || item == 0x02;
    }
    QByteArray json = "{";
    if (ssid)
        json += "\"ssid\":\"TuyaScope\"";
    if (country)
        json += QByteArray(ssid ? "," : "") + "\"cc\":\"EU\"";
    json += "}";
    QByteArray out;
    out.append(char(0x07));
    out.append(char(0x00));
    out.append(json);
    return out;
}

QVector<QByteArray> splitDpUnits(QByteArrayView units)
{
    QVector<QByteArray> out;
    const mcu::DpParseResult parsed = mcu::parseDpUnits(units, 0, int(units.size()));
    int end = 0;
    for (const mcu::DpUnit& u : parsed.units) {
        out.push_back(units.sliced(u.offset, mcu::kDpHeaderSize + u.length).toByteArray());
        end = u.offset + mcu::kDpHeaderSize + u.length;
    }
    if (end < units.size())
        out.push_back(units.sliced(end).toByteArray());
    return out;
}

QByteArray dpCacheReply(QByteArrayView request, QVector<QByteArray>& cache)
{
    const int count = request.isEmpty() ? 0 : int(quint8(request[0]));
    QVector<quint8> wanted;
    for (int i = 1; i <= count && i < request.size(); ++i)
        wanted.push_back(quint8(request[i]));

    QByteArray units;
    int sent = 0;
    for (qsizetype i = 0; i < cache.size();) {
        const QByteArray& unit = cache[i];
        const bool match = !unit.isEmpty() && (wanted.isEmpty() || wanted.contains(quint8(unit[0])));
        if (match && sent < 255) {
            units += unit;
            ++sent;
            cache.removeAt(i);
        } else {
            ++i;
        }
    }
    QByteArray out;
    out.append(char(0x01));
    out.append(char(sent));
    out += units;
    return out;
}

} // namespace tuyascope::host
