#pragma once
// Which known device models a capture looks like: every model of the device knowledge base is
// scored against what the capture shows (dp ids, types, value ranges, who sends each dp), with the
// evidence for and against; a product id the traffic carries identifies the model outright.
#include "dpmap/DpEngine.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::knowledge {
class DeviceKnowledge;
struct KnownModel;
struct KnownDp;
} // namespace tuyascope::knowledge

namespace tuyascope::dpmap {

struct ModelMatch {
    const knowledge::KnownModel* model = nullptr;
    double score = 0;            // 0..1
    bool byProductId = false;    // identified by the product id the traffic carries
    QVector<quint8> agree;       // capture dps whose id, type, values and sender fit the model
    QVector<quint8> contradict;  // capture dps the model has with another type or values it rules out
    QVector<quint8> lacking;     // capture dps the model does not have
    QVector<quint8> unseen;      // the model's (non-optional) dps the capture never showed
    QStringList evidence;        // "dp 16: values 28 within 5..35", "dp 3: enum 0..4 but the model lists 3 labels"
    // Strong enough to name the capture's dps after the model: the product id said so, or a good
    // score over enough dps (a signature of two or three dps fits hundreds of models).
    bool namesDps() const { return byProductId || (score >= 0.5 && agree.size() >= 4); }
    QString displayName() const; // "Thermostat — Nashone MTS-700-WB"
    QString summary() const;     // "Thermostat — Nashone MTS-700-WB, 0.82: 7 dps agree, 1 contradicts, 0 lacking, 2 unseen"
};

struct MatchOptions {
    int limit = 5;               // matches returned
    double minScore = 0.35;      // below this a model is not a match at all
    const knowledge::KnownModel* exclude = nullptr; // left out (the accuracy benchmark hides each model in turn)
};

// Ranked best first. A product id (the MCU's 0x01 answer, a LAN discovery's productKey) known to
// the knowledge base puts its model first with score 1. Dps only named in requests do not count.
QVector<ModelMatch> matchModels(const DpEngine& engine, const knowledge::DeviceKnowledge& knowledge,
                                const QString& productId, const MatchOptions& options = {});

// How well one capture dp fits a model's dp of the same id: 1 = fully, 0 = ruled out (another
// wire type); values outside the model's range, an enum value beyond its labels, a write to a
// read-only dp take their share off. The per-dp part of a model's score.
double dpFit(const knowledge::KnownDp& known, const DpProfile& seen);

// Whether a dp type seen on the wire fits a type the knowledge base records (LAN JSON carries
// enums and raw values as strings, bitmaps as integers).
bool typeFits(quint8 knownType, quint8 seenType);

} // namespace tuyascope::dpmap
