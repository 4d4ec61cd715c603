#pragma once
// Raw energy-meter dps decoded into their parts (TuyaMCU reference, section 12).

#include <QByteArray>
#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

struct EnergyPack {
    QString layout;          // OpenBeken varType name, e.g. "RAW_V2C3P3"
    double volts = 0;
    double amps = 0;
    double watts = 0;
    bool hasPowerFactor = false;
    double powerFactor = 0;
    bool hasFrequency = false;
    double hertz = 0;
    QString text() const;    // "230.0 V, 0.500 A, 105 W"
};

// Every layout the value's length allows, the most likely first (24-bit reading preferred for
// 8 bytes when bytes 2 or 5 are non-zero). Empty when no layout fits.
QVector<EnergyPack> decodeEnergyPack(const QByteArray& value);

// True when the pack looks like a live meter reading: mains-like voltage and V x I ~= P (or no load).
bool plausibleEnergyPack(const EnergyPack& pack);

} // namespace tuyascope::dpmap
