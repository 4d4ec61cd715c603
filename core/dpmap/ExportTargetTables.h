#pragma once
// What the export targets call each dp role, in one table per firmware so importers and
// exporters read the same facts (reference section 11): Tasmota `TuyaMCU fnId,dpId` function ids
// and OpenBeken channel types.

#include "keys/DpSpec.h"

#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

struct TasmotaFunction {
    int firstFnId;          // a run of numbered components: Relay1..Relay8 = 11..18
    int lastFnId;
    QString role;           // empty: known to Tasmota but no TuyaScope role (imported without role)
    keys::DpKind kind;
    double scale;           // the scale Tasmota assumes (energy); 0: any
    QString unit;
    const char* component;  // for notes and comments
};
const QVector<TasmotaFunction>& tasmotaFunctions();
const TasmotaFunction* tasmotaFunctionForFnId(int fnId);
// Fan controllers: fnId 61..64 = 3..6 speeds.
constexpr int kTasmotaFanFirstFnId = 61;
constexpr int kTasmotaFanFirstSpeeds = 3;

struct ObkChannelType {
    QString role;
    double scale;           // multiplier the channel type implies
    QString channelType;    // "Voltage_div10"
    keys::DpKind kind;
    QString unit;
};
const QVector<ObkChannelType>& obkChannelTypes();
const ObkChannelType* obkChannelTypeFor(const QString& role, double scale);
const ObkChannelType* obkChannelTypeNamed(const QString& channelType); // case-insensitive

// OpenBeken `linkTuyaMCUOutputToChannel` varType: "bool", "val", "str", "enum", "raw".
QString obkVarType(keys::DpKind kind);
// Names and numbers 0..5; nullopt for the raw pseudo types (200+) and anything else.
std::optional<keys::DpKind> obkKindFromVarType(const QString& varType);

// Scales compared with a tolerance, as 0.1 is not exact in binary.
bool sameScale(double a, double b);

} // namespace tuyascope::dpmap
