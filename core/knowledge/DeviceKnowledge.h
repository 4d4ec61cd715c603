#pragma once
// The device knowledge base: real device models (product ids, and per dp its id, wire type, role,
// unit, scale, range, enum labels), shipped as a resource built by
// resources/knowledge/build_knowledge.py from device description YAMLs. Facts only; the
// matching and the role evidence drawn from them live in core/dpmap.
#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tuyascope::knowledge {

struct KnownDp {
    quint8 id = 0;
    quint8 type = 0;             // TuyaMCU dp type byte (0 raw .. 5 bitmap)
    QString role;                // TuyaScope role ("" = none known)
    QString name;                // the description's name ("current_temperature")
    QString unit;
    double scale = 1;            // multiply the raw value by this
    std::optional<qint64> min, max;
    QStringList enumLabels;      // wire values in order, for enums
    bool readOnly = false;       // only reported by the device
    bool optional = false;       // some units of the model lack it
};

struct KnownProduct {
    QString id;
    QString manufacturer;
    QString model;
};

struct KnownModel {
    QString key;                 // the description's file name ("nashone_mts700wb_thermostat")
    QString name;                // "Thermostat"
    QString category;            // the main entity: climate, switch, sensor, light, ...
    QString label;               // the product it names when it lists no product ids ("Nashone MTS-700-WB")
    QVector<KnownProduct> products;
    QVector<KnownDp> dps;        // sorted by id
    const KnownDp* find(quint8 id) const;
    QString displayName() const; // "Thermostat — Nashone MTS-700-WB"
};

struct KnowledgeProblem {
    QString code;                // KB_MISSING, KB_DAMAGED
    QString message;
};

class DeviceKnowledge {
public:
    // The knowledge base the app ships (":/tuyascope/knowledge/tuya-local-devices.json"), loaded
    // once. When the resource is missing or damaged it is empty and problems() says why: the app
    // runs on without it.
    static const DeviceKnowledge& bundled();
    static DeviceKnowledge fromJson(const QByteArray& json, const QString& origin);
    static DeviceKnowledge fromFile(const QString& path);

    bool isLoaded() const { return !m_models.isEmpty(); }
    const QVector<KnowledgeProblem>& problems() const { return m_problems; }
    const QVector<KnownModel>& models() const { return m_models; }
    const KnownModel* byKey(const QString& key) const;
    // Exact product id first, then case-insensitively (MCUs answer "P" ids in either case).
    const KnownModel* byProductId(const QString& productId) const;
    int dpCount() const;
    int productCount() const;
    QString origin() const { return m_origin; }

    static QString resourcePath();
    static QString licenseResourcePath();
    static QString licenseNotice(); // the MIT notice of the descriptions, for the About box

private:
    void index();

    QString m_origin;
    QVector<KnownModel> m_models;
    QVector<KnowledgeProblem> m_problems;
    QHash<QString, int> m_byProduct;
    QHash<QString, int> m_byProductFolded;
    QHash<QString, int> m_byKey;
};

} // namespace tuyascope::knowledge
