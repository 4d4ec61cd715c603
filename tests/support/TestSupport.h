#pragma once
// Helpers shared by the test suites: locating shared vectors/captures and reading them.

#include "simulator/DeviceProfile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::test {

QString sharedPath(const QString& relative);   // ../shared/<relative>
QString sourcePath(const QString& relative);   // <checkout>/<relative>
QByteArray readFile(const QString& path);      // QFAIL-free: empty on error
QByteArray fromHex(const QString& hex);

// One line of shared/vectors/tuyamcu-frames.txt.
struct McuVector {
    QString section;    // "seed frames", "built frames, standard protocol", ...
    QString hex;
    QString source;
    QString direction;  // "wifi->mcu", "mcu->wifi", "both", "?"
    QString family;     // "std", "lp", "any" (empty in the malformed section)
    QString meaning;    // or the "expect=..." text in the malformed section
    int line = 0;
};
QVector<McuVector> loadMcuVectors();

// A built-in device profile by name (a warning, and an empty profile, when it does not load).
DeviceProfile profileNamed(const QString& name);

} // namespace tuyascope::test
