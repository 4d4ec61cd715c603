#include "knowledge/DeviceKnowledge.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <limits>

namespace tuyascope::knowledge {

namespace {

constexpr auto kFormat = "tuyascope-device-knowledge";

// A range bound of a dp: none when absent (or not a number); false when it is no TuyaMCU value,
// which is a signed 32-bit integer on the wire (a bound beyond that range, like 1e300, cannot be
// converted to an integer and would overflow what is computed from it).
bool bound(const QJsonObject& o, const char* key, std::optional<qint64>& out)
{
    out.reset();
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return true;
    const double d = v.toDouble();
    if (!(d >= double(std::numeric_limits<qint32>::min()) && d <= double(std::numeric_limits<qint32>::max())))
        return false;
    out = qint64(d);
    return true;
}

// One dp; false when it is not one (an id outside 1..255, a type outside 0..5, a min or max outside
// the 32-bit range of a dp value).
bool readDp(const QJsonObject& o, KnownDp& dp)
{
    const int id = o.value(QLatin1String("id")).toInt(-1);
    const int type = o.value(QLatin1String("type")).toInt(-1);
    if (id < 1 || id > 255 || type < 0 || type > 5)
        return false;
    dp.id = quint8(id);
    dp.type = quint8(type);
    dp.role = o.value(QLatin1String("role")).toString();
    dp.name = o.value(QLatin1String("name")).toString();
    dp.unit = o.value(QLatin1String("unit")).toString();
    dp.scale = o.value(QLatin1String("scale")).toDouble(1);
    if (!(dp.scale > 0))
        dp.scale = 1;
    if (!bound(o, "min", dp.min) || !bound(o, "max", dp.max))
        return false;
    for (const QJsonValue& label : o.value(QLatin1String("enum")).toArray())
        dp.enumLabels << label.toString();
    dp.readOnly = o.value(QLatin1String("ro")).toInt() != 0;
    dp.optional = o.value(QLatin1String("opt")).toInt() != 0;
    return true;
}

} // namespace

const KnownDp* KnownModel::find(quint8 id) const
{
    auto it = std::lower_bound(dps.begin(), dps.end(), id, [](const KnownDp& d, quint8 i) { return d.id < i; });
    return it != dps.end() && it->id == id ? &*it : nullptr;
}

QString KnownModel::displayName() const
{
    QString product = label;
    if (product.isEmpty() && !products.isEmpty()) {
        const KnownProduct& p = products.first();
        product = QStringList{p.manufacturer, p.model}.join(QLatin1Char(' ')).trimmed();
    }
    const QString title = name.isEmpty() ? key : name;
    return product.isEmpty() || product.compare(title, Qt::CaseInsensitive) == 0
               ? title
               : QStringLiteral("%1 — %2").arg(title, product);
}

DeviceKnowledge DeviceKnowledge::fromJson(const QByteArray& json, const QString& origin)
{
    DeviceKnowledge kb;
    kb.m_origin = origin;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    const QJsonObject top = doc.object();
    if (error.error != QJsonParseError::NoError || top.value(QLatin1String("format")).toString() != QLatin1String(kFormat)) {
        const QString why = error.error != QJsonParseError::NoError
                                ? QStringLiteral("%1 at byte %2").arg(error.errorString()).arg(error.offset)
                                : QStringLiteral("not a TuyaScope device knowledge base");
        kb.m_problems.push_back({QStringLiteral("KB_DAMAGED"),
                                 QStringLiteral("device knowledge base %1 is damaged (%2): dps are named without it").arg(origin, why)});
        return kb;
    }
    int skipped = 0;
    for (const QJsonValue& value : top.value(QLatin1String("models")).toArray()) {
        const QJsonObject o = value.toObject();
        KnownModel m;
        m.key = o.value(QLatin1String("key")).toString();
        m.name = o.value(QLatin1String("name")).toString();
        m.category = o.value(QLatin1String("category")).toString();
        m.label = o.value(QLatin1String("label")).toString();
        for (const QJsonValue& p : o.value(QLatin1String("products")).toArray()) {
            const QJsonObject po = p.toObject();
            const QString id = po.value(QLatin1String("id")).toString();
            if (!id.isEmpty())
                m.products.push_back({id, po.value(QLatin1String("manufacturer")).toString(), po.value(QLatin1String("model")).toString()});
        }
        for (const QJsonValue& d : o.value(QLatin1String("dps")).toArray()) {
            KnownDp dp;
            if (readDp(d.toObject(), dp) && !m.find(dp.id)) {
                m.dps.push_back(dp);
                std::sort(m.dps.begin(), m.dps.end(), [](const KnownDp& a, const KnownDp& b) { return a.id < b.id; });
            } else {
                ++skipped;
            }
        }
        if (m.key.isEmpty() || m.dps.isEmpty()) {
            ++skipped;
            continue;
        }
        kb.m_models.push_back(std::move(m));
    }
    if (kb.m_models.isEmpty())
        kb.m_problems.push_back({QStringLiteral("KB_DAMAGED"),
                                 QStringLiteral("device knowledge base %1 holds no device model: dps are named without it").arg(origin)});
    else if (skipped > 0)
        kb.m_problems.push_back({QStringLiteral("KB_DAMAGED"),
                                 QStringLiteral("device knowledge base %1: %2 malformed entries left out").arg(origin).arg(skipped)});
    kb.index();
    return kb;
}

DeviceKnowledge DeviceKnowledge::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        DeviceKnowledge kb;
        kb.m_origin = path;
        kb.m_problems.push_back({QStringLiteral("KB_MISSING"),
                                 QStringLiteral("device knowledge base %1 is missing (%2): dps are named without it")
                                     .arg(path, file.errorString())});
        return kb;
    }
    return fromJson(file.readAll(), path);
}

const DeviceKnowledge& DeviceKnowledge::bundled()
{
    static const DeviceKnowledge kb = fromFile(resourcePath());
    return kb;
}

void DeviceKnowledge::index()
{
    for (int i = 0; i < m_models.size(); ++i) {
        m_byKey.insert(m_models[i].key, i);
        for (const KnownProduct& p : m_models[i].products) {
            if (!m_byProduct.contains(p.id))
                m_byProduct.insert(p.id, i);
            if (!m_byProductFolded.contains(p.id.toLower()))
                m_byProductFolded.insert(p.id.toLower(), i);
        }
    }
}

const KnownModel* DeviceKnowledge::byKey(const QString& key) const
{
    const auto it = m_byKey.constFind(key);
    return it == m_byKey.constEnd() ? nullptr : &m_models[*it];
}

const KnownModel* DeviceKnowledge::byProductId(const QString& productId) const
{
    if (productId.isEmpty())
        return nullptr;
    int index = m_byProduct.value(productId, -1);
    if (index < 0)
        index = m_byProductFolded.value(productId.toLower(), -1);
    return index < 0 ? nullptr : &m_models[index];
}

int DeviceKnowledge::dpCount() const
{
    int n = 0;
    for (const KnownModel& m : m_models)
        n += int(m.dps.size());
    return n;
}

int DeviceKnowledge::productCount() const
{
    int n = 0;
    for (const KnownModel& m : m_models)
        n += int(m.products.size());
    return n;
}

QString DeviceKnowledge::resourcePath()
{
    return QStringLiteral(":/tuyascope/knowledge/tuya-local-devices.json");
}

QString DeviceKnowledge::licenseResourcePath()
{
    return QStringLiteral(":/tuyascope/knowledge/LICENSE-tuya-local.md");
}

QString DeviceKnowledge::licenseNotice()
{
    QFile file(licenseResourcePath());
    const QString text = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    return QStringLiteral("The device knowledge base is built from the tuya-local device descriptions, "
                          "used under the MIT licence:\n\n%1")
        .arg(text.isEmpty() ? QStringLiteral("(licence text missing from this build)") : text);
}

} // namespace tuyascope::knowledge
