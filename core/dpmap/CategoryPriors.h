#pragma once
// Device category dp maps from the TuyaMCU reference (section 13), used as priors: starting
// points for labelling, never facts about an unknown device.

#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::dpmap {

struct CategoryDp {
    quint8 id = 0;
    quint8 type = 0;      // DpType
    const char* role = "";
    double scale = 1;
    const char* unit = "";
};

struct CategoryProfile {
    QString key;          // "plug", "thermostat", ...
    QString source;       // where the map comes from
    QStringList productIds; // known product ids (the 0x01 "p" field)
    QVector<CategoryDp> dps;
};

const QVector<CategoryProfile>& categoryProfiles();

struct CategoryMatch {
    const CategoryProfile* profile = nullptr;
    double score = 0;     // 0..1: share of the capture's dps whose id and type match, or 1 for the product id
    QString reason;
};

struct DpSignature {
    quint8 id = 0;
    quint8 type = 0;
    QStringList roles;    // roles the capture's own evidence suggests for it
};

// The best matching category for a dp set (and product id, when known); profile null when
// nothing matches well enough. A dp counts half when its id and type match, fully when the
// evidence also suggests the category's role for it.
CategoryMatch matchCategory(const QVector<DpSignature>& dps, const QString& productId);

} // namespace tuyascope::dpmap
