#pragma once
// What one DP of a device means: its code, human name, type and value constraints. Filled from a
// tinytuya `mapping` entry or a Debugfile `Dp_Data` entry; the same DP ids label LAN `dps` keys
// and TuyaMCU dpIds.

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tuyascope::keys {

enum class DpKind : quint8 { Unknown, Bool, Value, Enum, String, Raw, Bitmap, Json };

QString dpKindName(DpKind kind);          // "bool", "value", "enum", "string", "raw", "bitmap", "json", "unknown"
QString dpKindTinytuyaName(DpKind kind);  // "Boolean", "Integer", "Enum", "String", "Raw", "Bitmap", "Json", ""
// Both vocabularies (tinytuya "Boolean"/"Integer", Debugfile "bool"/"value"), any case.
std::optional<DpKind> dpKindFromName(const QString& name);

// Cloud units come with CJK spellings; tinytuya normalises these three, Debugfiles do not.
QString normaliseUnit(const QString& unit);

struct DpSpec {
    static constexpr int kNoId = -1;
    static constexpr int kMaxId = 65535;
    static constexpr int kMaxScale = 9;   // 10^9 still fits an exact integer division

    int id = kNoId;           // kNoId: the cloud gave only a code
    QString code;             // "cur_power"
    QString name;             // human name (Debugfile), may be empty
    DpKind kind = DpKind::Unknown;
    QString mode;             // "rw", "ro", "wr" (Debugfile), may be empty
    int scale = 0;            // real value = raw / 10^scale
    QString unit;
    std::optional<qint64> min;
    std::optional<qint64> max;
    std::optional<qint64> step;
    QStringList range;        // enum labels, index order
    QStringList labels;       // bitmap bit labels, bit order
    std::optional<int> maxLen;
    QString valuesText;       // string/json/raw/unknown: the `values` text as the source gave it

    // "cur_power", else the name, else "dp 19".
    QString displayName() const;

    bool operator==(const DpSpec& o) const;
    bool operator!=(const DpSpec& o) const { return !(*this == o); }
};

} // namespace tuyascope::keys
