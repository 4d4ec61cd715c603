#include "dpmap/EnergyLayouts.h"

#include <cmath>

namespace tuyascope::dpmap {

namespace {

quint32 be(const QByteArray& v, int at, int width)
{
    quint32 n = 0;
    for (int i = 0; i < width; ++i)
        n = (n << 8) | quint8(v.at(at + i));
    return n;
}

} // namespace

QString EnergyPack::text() const
{
    QString t = QStringLiteral("%1 V, %2 A, %3 W").arg(volts, 0, 'f', 1).arg(amps, 0, 'f', 3).arg(watts, 0, 'f', 1);
    if (hasPowerFactor)
        t += QStringLiteral(", PF %1").arg(powerFactor, 0, 'f', 3);
    if (hasFrequency)
        t += QStringLiteral(", %1 Hz").arg(hertz, 0, 'f', 2);
    return t;
}

QVector<EnergyPack> decodeEnergyPack(const QByteArray& v)
{
    QVector<EnergyPack> packs;
    const int n = int(v.size());
    if (n == 6)
        packs.push_back({QStringLiteral("RAW_TAC2121C_VCP"), be(v, 0, 2) / 10.0, be(v, 2, 2) / 10.0, be(v, 4, 2) / 10.0});
    if (n == 8) {
        const EnergyPack wide{QStringLiteral("RAW_V2C3P3"), be(v, 0, 2) / 10.0, be(v, 2, 3) / 1000.0, double(be(v, 5, 3))};
        const EnergyPack narrow{QStringLiteral("RAW_TAC2121C_VCP"), be(v, 0, 2) / 10.0, be(v, 3, 2) / 1000.0, double(be(v, 6, 2))};
        if (v.at(2) != 0 || v.at(5) != 0)
            packs << wide << narrow;
        else
            packs << narrow << wide;
    }
    if (n == 10)
        packs.push_back({QStringLiteral("RAW_TAC2121C_VCP"), be(v, 0, 2) / 10.0, be(v, 3, 2) / 1000.0, double(be(v, 6, 2))});
    if (n == 15) {
        EnergyPack full{QStringLiteral("RAW_VCPPfF"), be(v, 0, 2) / 10.0, be(v, 3, 2) / 1000.0, double(be(v, 6, 2))};
        full.hasPowerFactor = true;
        full.powerFactor = be(v, 11, 2) / 1000.0;
        full.hasFrequency = true;
        full.hertz = be(v, 13, 2) / 1000.0;
        const EnergyPack dds{QStringLiteral("RAW_DDS238"), be(v, 13, 2) / 10.0, be(v, 11, 2) / 1000.0, 0};
        if (plausibleEnergyPack(dds) && !plausibleEnergyPack(full))
            packs << dds << full;
        else
            packs << full << dds;
    }
    return packs;
}

bool plausibleEnergyPack(const EnergyPack& p)
{
    if (p.volts < 90 || p.volts > 270)
        return false;
    if (p.watts <= 0 || p.amps <= 0)
        return true; // no load, or a layout without power
    const double apparent = p.volts * p.amps;
    // Real power never exceeds apparent power by much; allow a poor power factor down to 0.3.
    return p.watts <= apparent * 1.15 && p.watts >= apparent * 0.3;
}

} // namespace tuyascope::dpmap
