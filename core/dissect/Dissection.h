#pragma once
// A dissected item: a tree of fields over one or more data sources, plus diagnostics.
// Every field knows its bytes (source, offset, length); tree, hex view, filters and exports
// all read this one structure.

#include "dissect/Diagnostic.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace tuyascope {

enum class ChecksumStatus : quint8 { NotPresent, Unverified, Good, Bad };
QString checksumStatusName(ChecksumStatus status);

struct DataSource {
    QString name;      // "frame", later "decrypted payload", ...
    QByteArray bytes;
};

struct Field {
    QString name;      // display name, e.g. "Checksum"
    QString key;       // filter/export key, e.g. "tuyamcu.checksum"
    QString value;     // display text of the value
    int source = 0;
    int offset = 0;
    int length = 0;
    int parent = -1;
    QVector<int> children;
};

class Dissection {
public:
    int addSource(const QString& name, const QByteArray& bytes);
    // Adds a field; parent -1 makes it a top-level field. Returns its index.
    int addField(int parent, const QString& name, const QString& key, const QString& value,
                 int offset, int length, int source = 0);
    int addDiagnostic(Severity severity, const QString& code, const QString& message, int field = -1,
                      int offset = -1, int length = 0, int source = 0);

    const QVector<DataSource>& sources() const { return m_sources; }
    const QVector<Field>& fields() const { return m_fields; }
    const QVector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    QVector<int> topLevelFields() const { return m_topLevel; }
    Field& field(int index) { return m_fields[index]; }
    const Field& field(int index) const { return m_fields.at(index); }

    // First field whose key matches, or -1.
    int findField(const QString& key, int from = 0) const;
    // The deepest field whose bytes in `source` cover `offset` (what a click on a byte selects), or -1.
    int deepestFieldAt(int source, int offset) const;
    int depth(int field) const;
    bool hasDiagnostic(const QString& code) const;
    Severity worstSeverity() const;

    ChecksumStatus checksum = ChecksumStatus::NotPresent;
    int checksumExpected = -1;  // the computed value when the status is Bad
    QString summary;            // one-line description for lists

private:
    QVector<DataSource> m_sources;
    QVector<Field> m_fields;
    QVector<int> m_topLevel;
    QVector<Diagnostic> m_diagnostics;
};

} // namespace tuyascope
