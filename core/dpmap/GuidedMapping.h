#pragma once
// "I just did ...": the user does something to the device (presses its button, turns its knob,
// opens the door) and asks which dps changed in the moments before; each candidate comes with the
// label the action suggests, so the answer becomes part of the mapping.
#include "dpmap/DpEngine.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::dpmap {

struct UserAction {
    QString key;          // "button", "knob_up", ...
    QString text;         // "pressed the button"
    QString name;         // the label it gives a dp: "button"
    QStringList roles;    // roles it suggests, most likely first (the one fitting the dp's type is taken)
    int direction = 0;    // +1: the value should rise, -1: fall, 0: any change
};

const QVector<UserAction>& userActions();
const UserAction* findUserAction(const QString& key);

struct ActionCandidate {
    quint8 dp = 0;
    QString before, after;  // values as dpValueText prints them
    qint64 changedUs = 0;
    QString name;           // proposed label
    QString role;           // proposed role ("" when no role of the action fits the dp's type)
    double score = 0;       // 0..1: fewer dps changing, a fitting type and direction score higher
    QString reason;         // "changed false -> true 1.2 s before; bool fits switch"
};

// The dps whose reported value changed within [fromUs, toUs], best candidate first.
QVector<ActionCandidate> dpsChangedBy(const DpEngine& engine, const UserAction& action, qint64 fromUs, qint64 toUs);

} // namespace tuyascope::dpmap
