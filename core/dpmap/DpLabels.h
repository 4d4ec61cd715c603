#pragma once
// What the user tells TuyaScope about each dp of a device: a name, a scale and a unit (a
// thermostat's dp 3 "room temperature", 0.1, "°C"), its role and enum labels, plus free notes. Kept in a JSON sidecar file
// beside the capture so a capture opened again reads the same. Keys this version does not know
// (at the top level and per dp) are kept verbatim, so a newer TuyaScope's additions survive an
// edit made with this one.
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace tuyascope {

struct DpLabel {
    QString name;
    double scale = 1;
    QString unit;
    QString notes;
    QJsonObject otherKeys; // keys of this dp's entry that this version does not know
    // Last and with initialisers, so brace-initialised labels written before they existed still
    // initialise every member.
    QString role{};           // "switch", "voltage", ... (core/dpmap/DpMapping.h); empty: not known
    QStringList enumLabels{}; // enum dps: label per value, value order

    bool isEmpty() const
    {
        return name.isEmpty() && scale == 1 && unit.isEmpty() && notes.isEmpty() && role.isEmpty() && enumLabels.isEmpty()
            && otherKeys.isEmpty();
    }
    friend bool operator==(const DpLabel& a, const DpLabel& b)
    {
        return a.name == b.name && a.scale == b.scale && a.unit == b.unit && a.notes == b.notes && a.role == b.role
            && a.enumLabels == b.enumLabels && a.otherKeys == b.otherKeys;
    }
    friend bool operator!=(const DpLabel& a, const DpLabel& b) { return !(a == b); }
};

// A usable scale: finite and not zero (zero would flatten every value to 0).
bool isValidDpScale(double scale);

// A numeric value text times scale, with the unit: ("215", 0.1, "°C") -> "21.5 °C". Text that is not
// a plain number (bools, strings, raw hex) comes back unchanged, without the unit.
QString scaledDpValueText(const QString& value, double scale, const QString& unit);

class DpLabels {
public:
    static constexpr int kVersion = 1;

    DpLabel label(const QString& dpId) const { return m_labels.value(dpId); }
    void setLabel(const QString& dpId, const DpLabel& label); // an empty label removes the entry
    const QMap<QString, DpLabel>& labels() const { return m_labels; }
    bool isEmpty() const { return m_labels.isEmpty(); }
    QString scaledValue(const QString& dpId, const QString& value) const;

    QByteArray toJson() const;
    // nullopt and *error on anything that is not a sidecar of a version this build reads.
    static std::optional<DpLabels> fromJson(const QByteArray& json, QString* error);

    // A missing file is an empty, valid sidecar; an unreadable one is an error (never read as empty).
    static std::optional<DpLabels> load(const QString& path, QString* error);
    // Atomic (QSaveFile). Refuses to replace an existing file that is not a readable sidecar, so a
    // file the user broke by hand is never silently emptied.
    bool save(const QString& path, QString* error) const;

    friend bool operator==(const DpLabels& a, const DpLabels& b) { return a.m_labels == b.m_labels && a.m_otherKeys == b.m_otherKeys; }

private:
    QMap<QString, DpLabel> m_labels;
    QJsonObject m_otherKeys; // top-level keys this version does not know
};

// "<first capture path>.tuyascope.json"; empty for no paths (nothing to sit beside). For a live
// session pass its autosave file.
QString sidecarPathFor(const QStringList& capturePaths);

} // namespace tuyascope
