#include "simulator/DeviceProfile.h"

#include "common/Hex.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <cmath>
#include <limits>

namespace tuyascope {

namespace {

constexpr qint64 kInt32Min = std::numeric_limits<qint32>::min();
constexpr qint64 kInt32Max = std::numeric_limits<qint32>::max();
constexpr int kMaxBytesValue = 251; // one DP unit (4 + 251) fits a 255-byte frame
const QString kBuiltinDir = QStringLiteral(":/tuyascope/profiles");

// A profile error: the key path and what is wrong with it.
struct Failure {
    QString key;
    QString problem;
};

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString jsonText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String: return quoted(value.toString());
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

bool isIgnorableKey(const QString& key)
{
    return key == QLatin1String("comment") || key.startsWith(QLatin1Char('_'));
}

bool checkKeys(const QJsonObject& object, const QStringList& allowed, const QString& prefix, Failure& f)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()) && !isIgnorableKey(it.key())) {
            f = {prefix + it.key(), QStringLiteral("unknown key")};
            return false;
        }
    }
    return true;
}

// An integral JSON number within [lo, hi].
bool readInteger(const QJsonValue& value, qint64 lo, qint64 hi, qint64& out, QString& problem)
{
    if (!value.isDouble()) {
        problem = QStringLiteral("expected an integer, got %1").arg(jsonText(value));
        return false;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d) {
        problem = QStringLiteral("expected an integer, got %1").arg(jsonText(value));
        return false;
    }
    if (d < double(lo) || d > double(hi)) {
        problem = QStringLiteral("%1 outside %2..%3").arg(jsonText(value)).arg(lo).arg(hi);
        return false;
    }
    out = qint64(d);
    return true;
}

bool readPositiveSeconds(const QJsonValue& value, int& ms, QString& problem)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() <= 0.0) {
        problem = QStringLiteral("expected a positive number of seconds, got %1").arg(jsonText(value));
        return false;
    }
    const double v = value.toDouble() * 1000.0;
    if (v > double(std::numeric_limits<int>::max())) {
        problem = QStringLiteral("%1 s is too long").arg(jsonText(value));
        return false;
    }
    ms = qMax(1, int(std::lround(v)));
    return true;
}

QByteArray bigEndian(quint64 value, int width)
{
    QByteArray out;
    for (int i = width - 1; i >= 0; --i)
        out.append(char((value >> (8 * i)) & 0xFF));
    return out;
}

quint64 unsignedOf(QByteArrayView value)
{
    quint64 v = 0;
    for (char c : value)
        v = (v << 8) | quint8(c);
    return v;
}

QString typeName(mcu::DpType type)
{
    return mcu::dpTypeName(quint8(type));
}

// Range/limits of one DP, from its type-specific keys. Returns false with a failure.
bool parseRange(const QJsonObject& o, const QString& at, DpProfile& dp, Failure& f)
{
    QString problem;
    using mcu::DpType;
    const bool hasMin = o.contains(QLatin1String("min"));
    const bool hasMax = o.contains(QLatin1String("max"));
    qint64 v = 0;

    if (o.contains(QLatin1String("labels")) && dp.type != DpType::Enum) {
        f = {at + QStringLiteral("labels"), QStringLiteral("only enum dps have labels")};
        return false;
    }
    if (o.contains(QLatin1String("bitmapBytes")) && dp.type != DpType::Bitmap) {
        f = {at + QStringLiteral("bitmapBytes"), QStringLiteral("only bitmap dps have a width")};
        return false;
    }

    switch (dp.type) {
    case DpType::Bool:
        if (hasMin || hasMax) {
            f = {at + (hasMin ? QStringLiteral("min") : QStringLiteral("max")),
                 QStringLiteral("a bool dp has no range")};
            return false;
        }
        dp.minimum = 0;
        dp.maximum = 1;
        return true;
    case DpType::Value:
        dp.minimum = kInt32Min;
        dp.maximum = kInt32Max;
        if (hasMin) {
            if (!readInteger(o.value(QLatin1String("min")), kInt32Min, kInt32Max, v, problem)) {
                f = {at + QStringLiteral("min"), problem};
                return false;
            }
            dp.minimum = v;
        }
        if (hasMax) {
            if (!readInteger(o.value(QLatin1String("max")), kInt32Min, kInt32Max, v, problem)) {
                f = {at + QStringLiteral("max"), problem};
                return false;
            }
            dp.maximum = v;
        }
        break;
    case DpType::Enum:
        dp.minimum = 0;
        dp.maximum = 255;
        if (hasMin) {
            f = {at + QStringLiteral("min"), QStringLiteral("an enum's range starts at 0")};
            return false;
        }
        if (o.contains(QLatin1String("labels"))) {
            const QJsonValue labels = o.value(QLatin1String("labels"));
            if (!labels.isArray() || labels.toArray().isEmpty() || labels.toArray().size() > 256) {
                f = {at + QStringLiteral("labels"), QStringLiteral("expected an array of 1..256 strings")};
                return false;
            }
            const QJsonArray array = labels.toArray();
            for (int i = 0; i < array.size(); ++i) {
                if (!array.at(i).isString()) {
                    f = {at + QStringLiteral("labels[%1]").arg(i),
                         QStringLiteral("expected a string, got %1").arg(jsonText(array.at(i)))};
                    return false;
                }
                dp.labels.append(array.at(i).toString());
            }
            dp.maximum = dp.labels.size() - 1;
            if (hasMax) {
                f = {at + QStringLiteral("max"), QStringLiteral("labels already give the range")};
                return false;
            }
        } else if (hasMax) {
            if (!readInteger(o.value(QLatin1String("max")), 0, 255, v, problem)) {
                f = {at + QStringLiteral("max"), problem};
                return false;
            }
            dp.maximum = v;
        }
        return true;
    case DpType::Bitmap: {
        dp.bitmapBytes = 1;
        if (o.contains(QLatin1String("bitmapBytes"))) {
            if (!readInteger(o.value(QLatin1String("bitmapBytes")), 1, 4, v, problem) || v == 3) {
                f = {at + QStringLiteral("bitmapBytes"),
                     QStringLiteral("must be 1, 2 or 4, got %1").arg(jsonText(o.value(QLatin1String("bitmapBytes"))))};
                return false;
            }
            dp.bitmapBytes = int(v);
        }
        const qint64 widest = (qint64(1) << (8 * dp.bitmapBytes)) - 1;
        dp.minimum = 0;
        dp.maximum = widest;
        if (hasMin) {
            f = {at + QStringLiteral("min"), QStringLiteral("a bitmap has no minimum")};
            return false;
        }
        if (hasMax) {
            if (!readInteger(o.value(QLatin1String("max")), 0, widest, v, problem)) {
                f = {at + QStringLiteral("max"), problem};
                return false;
            }
            dp.maximum = v;
        }
        return true;
    }
    case DpType::String:
    case DpType::Raw:
        dp.minimum = 0;
        dp.maximum = kMaxBytesValue;
        if (hasMin) {
            if (!readInteger(o.value(QLatin1String("min")), 0, kMaxBytesValue, v, problem)) {
                f = {at + QStringLiteral("min"), problem + QStringLiteral(" (byte length)")};
                return false;
            }
            dp.minimum = v;
        }
        if (hasMax) {
            if (!readInteger(o.value(QLatin1String("max")), 0, kMaxBytesValue, v, problem)) {
                f = {at + QStringLiteral("max"), problem + QStringLiteral(" (byte length)")};
                return false;
            }
            dp.maximum = v;
        }
        break;
    }
    if (dp.minimum > dp.maximum) {
        f = {at + QStringLiteral("max"),
             QStringLiteral("%1 is less than min %2").arg(dp.maximum).arg(dp.minimum)};
        return false;
    }
    return true;
}

// The initial value's encoded bytes. `has` false: the type's zero, clamped into the range.
bool parseInitial(const QJsonObject& o, const QString& at, DpProfile& dp, Failure& f)
{
    using mcu::DpType;
    const QString key = at + QStringLiteral("initial");
    const bool has = o.contains(QLatin1String("initial"));
    const QJsonValue value = o.value(QLatin1String("initial"));
    QString problem;
    qint64 v = 0;

    switch (dp.type) {
    case DpType::Bool:
        if (!has) {
            dp.initialValue = QByteArray(1, '\0');
        } else if (value.isBool()) {
            dp.initialValue = QByteArray(1, value.toBool() ? '\1' : '\0');
        } else if (readInteger(value, 0, 1, v, problem)) {
            dp.initialValue = QByteArray(1, char(v));
        } else {
            f = {key, QStringLiteral("expected true or false, got %1").arg(jsonText(value))};
            return false;
        }
        break;
    case DpType::Value:
        if (!has) {
            v = qBound(dp.minimum, qint64(0), dp.maximum);
        } else if (!readInteger(value, dp.minimum, dp.maximum, v, problem)) {
            f = {key, problem};
            return false;
        }
        dp.initialValue = bigEndian(quint64(quint32(qint32(v))), 4);
        break;
    case DpType::Enum:
        if (!has) {
            v = 0;
        } else if (value.isString()) {
            const qsizetype index = dp.labels.indexOf(value.toString());
            if (index < 0) {
                f = {key, dp.labels.isEmpty()
                              ? QStringLiteral("%1 given but the enum has no labels").arg(jsonText(value))
                              : QStringLiteral("%1 is not one of the labels").arg(jsonText(value))};
                return false;
            }
            v = index;
        } else if (!readInteger(value, 0, dp.maximum, v, problem)) {
            f = {key, dp.labels.isEmpty() || !value.isDouble()
                          ? problem
                          : QStringLiteral("index %1 is not below the %2 labels").arg(jsonText(value)).arg(dp.labels.size())};
            return false;
        }
        dp.initialValue = QByteArray(1, char(v));
        break;
    case DpType::Bitmap:
        if (has && !readInteger(value, 0, dp.maximum, v, problem)) {
            f = {key, problem};
            return false;
        }
        dp.initialValue = bigEndian(quint64(v), dp.bitmapBytes);
        break;
    case DpType::String:
        if (has && !value.isString()) {
            f = {key, QStringLiteral("expected a string, got %1").arg(jsonText(value))};
            return false;
        }
        dp.initialValue = value.toString().toUtf8();
        break;
    case DpType::Raw:
        if (has) {
            int column = -1;
            QByteArray bytes;
            if (!value.isString() || !parseHex(value.toString(), bytes, &column)) {
                f = {key, value.isString()
                              ? QStringLiteral("not hex text (column %1)").arg(column)
                              : QStringLiteral("expected hex text, got %1").arg(jsonText(value))};
                return false;
            }
            dp.initialValue = bytes;
        }
        break;
    }
    if (dp.type == DpType::String || dp.type == DpType::Raw) {
        const qsizetype n = dp.initialValue.size();
        if (!has && n < dp.minimum) {
            f = {key, QStringLiteral("missing (min length %1)").arg(dp.minimum)};
            return false;
        }
        if (n < dp.minimum || n > dp.maximum) {
            f = {key, QStringLiteral("%1 bytes, outside the length range %2..%3")
                          .arg(n).arg(dp.minimum).arg(dp.maximum)};
            return false;
        }
    }
    return true;
}

bool parseReport(const QJsonObject& o, const QString& at, DpProfile& dp, Failure& f)
{
    using mcu::DpType;
    dp.walkStep = dp.step;
    if (!o.contains(QLatin1String("report")))
        return true;
    const QString prefix = at + QStringLiteral("report.");
    const QJsonValue report = o.value(QLatin1String("report"));
    if (!report.isObject()) {
        f = {at + QStringLiteral("report"), QStringLiteral("expected an object, got %1").arg(jsonText(report))};
        return false;
    }
    const QJsonObject r = report.toObject();
    if (!checkKeys(r, {QStringLiteral("mode"), QStringLiteral("intervalS"), QStringLiteral("walkStep")}, prefix, f))
        return false;
    const QString mode = r.value(QLatin1String("mode")).toString(QStringLiteral("none"));
    if (!r.value(QLatin1String("mode")).isUndefined() && !r.value(QLatin1String("mode")).isString()) {
        f = {prefix + QStringLiteral("mode"), QStringLiteral("expected a string")};
        return false;
    }
    if (mode == QLatin1String("none")) {
        dp.reporting = DpProfile::Reporting::None;
    } else if (mode == QLatin1String("periodic")) {
        dp.reporting = DpProfile::Reporting::Periodic;
    } else if (mode == QLatin1String("random-walk")) {
        if (dp.type != DpType::Value) {
            f = {prefix + QStringLiteral("mode"), QStringLiteral("random-walk needs a value dp, not %1").arg(typeName(dp.type))};
            return false;
        }
        dp.reporting = DpProfile::Reporting::RandomWalk;
    } else if (mode == QLatin1String("toggle")) {
        if (dp.type != DpType::Bool && dp.type != DpType::Enum && dp.type != DpType::Value) {
            f = {prefix + QStringLiteral("mode"), QStringLiteral("toggle needs a bool, enum or value dp, not %1").arg(typeName(dp.type))};
            return false;
        }
        dp.reporting = DpProfile::Reporting::Toggle;
    } else {
        f = {prefix + QStringLiteral("mode"),
             QStringLiteral("unknown mode %1 (none, periodic, random-walk, toggle)").arg(quoted(mode))};
        return false;
    }
    QString problem;
    dp.intervalMs = 10000;
    if (r.contains(QLatin1String("intervalS")) && !readPositiveSeconds(r.value(QLatin1String("intervalS")), dp.intervalMs, problem)) {
        f = {prefix + QStringLiteral("intervalS"), problem};
        return false;
    }
    if (r.contains(QLatin1String("walkStep"))) {
        if (dp.reporting != DpProfile::Reporting::RandomWalk) {
            f = {prefix + QStringLiteral("walkStep"), QStringLiteral("only for mode random-walk")};
            return false;
        }
        qint64 v = 0;
        if (!readInteger(r.value(QLatin1String("walkStep")), 1, kInt32Max, v, problem)) {
            f = {prefix + QStringLiteral("walkStep"), problem};
            return false;
        }
        dp.walkStep = v;
    }
    if (dp.reporting == DpProfile::Reporting::None)
        dp.intervalMs = 0;
    return true;
}

bool parseDp(const QJsonValue& entry, int index, DpProfile& dp, Failure& f)
{
    const QString at = QStringLiteral("dps[%1].").arg(index);
    if (!entry.isObject()) {
        f = {QStringLiteral("dps[%1]").arg(index), QStringLiteral("expected an object, got %1").arg(jsonText(entry))};
        return false;
    }
    const QJsonObject o = entry.toObject();
    static const QStringList allowed = {
        QStringLiteral("id"), QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("description"),
        QStringLiteral("initial"), QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("step"),
        QStringLiteral("scale"), QStringLiteral("unit"), QStringLiteral("labels"),
        QStringLiteral("bitmapBytes"), QStringLiteral("access"), QStringLiteral("report")};
    if (!checkKeys(o, allowed, at, f))
        return false;

    QString problem;
    qint64 v = 0;
    if (!o.contains(QLatin1String("id"))) {
        f = {at + QStringLiteral("id"), QStringLiteral("missing")};
        return false;
    }
    if (!readInteger(o.value(QLatin1String("id")), 1, 255, v, problem)) {
        f = {at + QStringLiteral("id"), problem};
        return false;
    }
    dp.id = quint8(v);

    const QJsonValue type = o.value(QLatin1String("type"));
    if (type.isUndefined()) {
        f = {at + QStringLiteral("type"), QStringLiteral("missing")};
        return false;
    }
    const QString typeText = type.isDouble() ? QString::number(type.toDouble()) : type.toString();
    if ((!type.isString() && !type.isDouble()) || !mcu::dpTypeFromName(typeText, dp.type)) {
        f = {at + QStringLiteral("type"), QStringLiteral("unknown type %1").arg(type.isString() ? quoted(typeText) : jsonText(type))};
        return false;
    }

    for (const char* key : {"name", "unit", "description"}) {
        const QJsonValue text = o.value(QLatin1String(key));
        if (!text.isUndefined() && !text.isString()) {
            f = {at + QLatin1String(key), QStringLiteral("expected a string, got %1").arg(jsonText(text))};
            return false;
        }
    }
    dp.name = o.value(QLatin1String("name")).toString();
    dp.unit = o.value(QLatin1String("unit")).toString();

    if (o.contains(QLatin1String("step"))) {
        if (!readInteger(o.value(QLatin1String("step")), 1, kInt32Max, v, problem)) {
            f = {at + QStringLiteral("step"), problem};
            return false;
        }
        dp.step = v;
    }
    if (o.contains(QLatin1String("scale"))) {
        if (!readInteger(o.value(QLatin1String("scale")), 0, 9, v, problem)) {
            f = {at + QStringLiteral("scale"), problem};
            return false;
        }
        dp.scale = int(v);
    }
    if (o.contains(QLatin1String("access"))) {
        const QJsonValue access = o.value(QLatin1String("access"));
        if (access == QJsonValue(QStringLiteral("rw"))) {
            dp.settable = true;
        } else if (access == QJsonValue(QStringLiteral("ro"))) {
            dp.settable = false;
        } else {
            f = {at + QStringLiteral("access"), QStringLiteral("expected \"rw\" or \"ro\", got %1").arg(jsonText(access))};
            return false;
        }
    }
    return parseRange(o, at, dp, f) && parseInitial(o, at, dp, f) && parseReport(o, at, dp, f);
}

QByteArray jsonString(const QString& text)
{
    // QJsonDocument escapes correctly; strip the array brackets around the one string.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

bool parseProfile(const QByteArray& json, DeviceProfile& profile, Failure& f)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        f = {QStringLiteral("(json)"), QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)};
        return false;
    }
    if (!doc.isObject()) {
        f = {QStringLiteral("(json)"), QStringLiteral("expected an object at the top")};
        return false;
    }
    const QJsonObject o = doc.object();
    static const QStringList allowed = {
        QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("productId"),
        QStringLiteral("mcuVersion"), QStringLiteral("protocol"), QStringLiteral("protocolVersion"),
        QStringLiteral("workingMode"), QStringLiteral("wakeIntervalS"), QStringLiteral("features"),
        QStringLiteral("requestDpCache"), QStringLiteral("dps")};
    if (!checkKeys(o, allowed, QString(), f))
        return false;

    DeviceProfile p;
    QString problem;
    qint64 v = 0;
    for (const char* key : {"name", "description", "productId", "mcuVersion"}) {
        const QJsonValue text = o.value(QLatin1String(key));
        if (!text.isUndefined() && !text.isString()) {
            f = {QLatin1String(key), QStringLiteral("expected a string, got %1").arg(jsonText(text))};
            return false;
        }
    }
    p.name = o.value(QLatin1String("name")).toString();
    p.description = o.value(QLatin1String("description")).toString();

    if (!o.contains(QLatin1String("productId"))) {
        f = {QStringLiteral("productId"), QStringLiteral("missing")};
        return false;
    }
    p.productId = o.value(QLatin1String("productId")).toString();
    if (p.productId.isEmpty() || p.productId.size() > 64) {
        f = {QStringLiteral("productId"), QStringLiteral("expected 1..64 characters (Tuya uses 16)")};
        return false;
    }
    for (QChar c : p.productId) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7E) {
            f = {QStringLiteral("productId"), QStringLiteral("only printable ASCII without spaces")};
            return false;
        }
    }
    if (o.contains(QLatin1String("mcuVersion"))) {
        p.mcuVersion = o.value(QLatin1String("mcuVersion")).toString();
        const QStringList parts = p.mcuVersion.split(QLatin1Char('.'));
        bool ok = parts.size() == 3;
        for (const QString& part : parts) {
            bool digits = false;
            part.toUInt(&digits);
            ok = ok && digits && !part.isEmpty() && part.size() <= 3;
        }
        if (!ok) {
            f = {QStringLiteral("mcuVersion"), QStringLiteral("expected x.y.z, got %1").arg(quoted(p.mcuVersion))};
            return false;
        }
    }

    if (o.contains(QLatin1String("protocol"))) {
        const QString protocol = o.value(QLatin1String("protocol")).toString();
        p.protocol = mcu::familyFromKey(protocol);
        if (!o.value(QLatin1String("protocol")).isString()
            || (p.protocol != mcu::Family::Standard && p.protocol != mcu::Family::LowPower)) {
            f = {QStringLiteral("protocol"), QStringLiteral("expected \"standard\" or \"low-power\", got %1")
                                                 .arg(jsonText(o.value(QLatin1String("protocol"))))};
            return false;
        }
    }
    p.protocolVersion = p.protocol == mcu::Family::LowPower ? 0x00 : 0x03;
    if (o.contains(QLatin1String("protocolVersion"))) {
        if (!readInteger(o.value(QLatin1String("protocolVersion")), 0, 255, v, problem)) {
            f = {QStringLiteral("protocolVersion"), problem};
            return false;
        }
        p.protocolVersion = quint8(v);
    }

    if (o.contains(QLatin1String("workingMode"))) {
        const QJsonValue mode = o.value(QLatin1String("workingMode"));
        if (mode.isString() && mode.toString() == QLatin1String("cooperative")) {
            p.workingMode.clear();
        } else if (mode.isArray() && (mode.toArray().size() == 2 || mode.toArray().size() == 3)) {
            const QJsonArray gpios = mode.toArray();
            for (int i = 0; i < gpios.size(); ++i) {
                if (!readInteger(gpios.at(i), 0, 255, v, problem)) {
                    f = {QStringLiteral("workingMode[%1]").arg(i), problem};
                    return false;
                }
                p.workingMode.append(char(v));
            }
        } else {
            f = {QStringLiteral("workingMode"),
                 QStringLiteral("expected \"cooperative\" or [ledGpio, keyGpio(, btLedGpio)], got %1").arg(jsonText(mode))};
            return false;
        }
    }

    if (o.contains(QLatin1String("wakeIntervalS"))
        && !readPositiveSeconds(o.value(QLatin1String("wakeIntervalS")), p.wakeIntervalMs, problem)) {
        f = {QStringLiteral("wakeIntervalS"), problem};
        return false;
    }

    if (o.contains(QLatin1String("features"))) {
        const QJsonValue features = o.value(QLatin1String("features"));
        if (features.isObject()) {
            p.features = QJsonDocument(features.toObject()).toJson(QJsonDocument::Compact);
        } else if (features.isString() && QJsonDocument::fromJson(features.toString().toUtf8()).isObject()) {
            p.features = features.toString().toUtf8();
        } else {
            f = {QStringLiteral("features"), QStringLiteral("expected a JSON object (or its text)")};
            return false;
        }
        if (p.features.size() > 250) {
            f = {QStringLiteral("features"), QStringLiteral("longer than 250 bytes")};
            return false;
        }
    }
    if (o.contains(QLatin1String("requestDpCache"))) {
        if (!o.value(QLatin1String("requestDpCache")).isBool()) {
            f = {QStringLiteral("requestDpCache"), QStringLiteral("expected true or false")};
            return false;
        }
        p.requestDpCache = o.value(QLatin1String("requestDpCache")).toBool();
    }

    if (!o.contains(QLatin1String("dps"))) {
        f = {QStringLiteral("dps"), QStringLiteral("missing")};
        return false;
    }
    if (!o.value(QLatin1String("dps")).isArray()) {
        f = {QStringLiteral("dps"), QStringLiteral("expected an array")};
        return false;
    }
    const QJsonArray dps = o.value(QLatin1String("dps")).toArray();
    QHash<quint8, int> seen;
    for (int i = 0; i < dps.size(); ++i) {
        DpProfile dp;
        if (!parseDp(dps.at(i), i, dp, f))
            return false;
        if (seen.contains(dp.id)) {
            f = {QStringLiteral("dps[%1].id").arg(i),
                 QStringLiteral("duplicate id %1 (also dps[%2])").arg(dp.id).arg(seen.value(dp.id))};
            return false;
        }
        seen.insert(dp.id, i);
        p.dps.append(dp);
    }
    profile = p;
    return true;
}

} // namespace

bool DpProfile::accepts(quint8 valueType, QByteArrayView value, QString* why) const
{
    auto fail = [&](const QString& text) {
        if (why)
            *why = text;
        return false;
    };
    if (valueType != quint8(type))
        return fail(QStringLiteral("type %1 does not match the dp's %2").arg(mcu::dpTypeName(valueType), typeName(type)));
    switch (type) {
    case mcu::DpType::Bool:
    case mcu::DpType::Enum:
        if (value.size() != 1)
            return fail(QStringLiteral("%1 bytes, a %2 has 1").arg(value.size()).arg(typeName(type)));
        break;
    case mcu::DpType::Value:
        if (value.size() != 4)
            return fail(QStringLiteral("%1 bytes, a value has 4").arg(value.size()));
        break;
    case mcu::DpType::Bitmap:
        if (value.size() != bitmapBytes)
            return fail(QStringLiteral("%1 bytes, this bitmap has %2").arg(value.size()).arg(bitmapBytes));
        break;
    case mcu::DpType::String:
    case mcu::DpType::Raw:
        if (value.size() < minimum || value.size() > maximum)
            return fail(QStringLiteral("%1 bytes, outside the length range %2..%3").arg(value.size()).arg(minimum).arg(maximum));
        return true;
    }
    const qint64 v = type == mcu::DpType::Value ? mcu::dpIntegerValue(quint8(type), value) : qint64(unsignedOf(value));
    if (v < minimum || v > maximum) {
        if (type == mcu::DpType::Enum && !labels.isEmpty())
            return fail(QStringLiteral("index %1 is not below the %2 labels").arg(v).arg(labels.size()));
        return fail(QStringLiteral("%1 outside %2..%3").arg(v).arg(minimum).arg(maximum));
    }
    return true;
}

QString DpProfile::label() const
{
    if (name.isEmpty())
        return QStringLiteral("dp %1").arg(id);
    return QStringLiteral("dp %1 (%2)").arg(id).arg(name);
}

QString DpProfile::valueText(QByteArrayView value) const
{
    QString text = mcu::dpValueText(quint8(type), value);
    if (type == mcu::DpType::Enum && value.size() == 1 && quint8(value[0]) < labels.size())
        text += QStringLiteral(" (%1)").arg(labels.at(quint8(value[0])));
    return text;
}

const DpProfile* DeviceProfile::dp(quint8 id) const
{
    for (const DpProfile& d : dps) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

QByteArray DeviceProfile::productJson() const
{
    QByteArray json = "{\"p\":" + jsonString(productId) + ",\"v\":" + jsonString(mcuVersion) + ",\"m\":";
    json += workingMode.isEmpty() ? "0" : "2";
    json += '}';
    return json;
}

bool parseDeviceProfile(const QByteArray& json, DeviceProfile& profile, QString* error)
{
    Failure f;
    if (parseProfile(json, profile, f))
        return true;
    if (error)
        *error = f.key + QStringLiteral(": ") + f.problem;
    return false;
}

QStringList builtinProfileNames()
{
    QStringList names;
    const QStringList files = QDir(kBuiltinDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        names.append(file.chopped(5));
    names.sort();
    return names;
}

bool loadDeviceProfile(const QString& nameOrPath, DeviceProfile& profile, QString* error)
{
    QString path = nameOrPath;
    bool builtin = false;
    if (!nameOrPath.isEmpty() && builtinProfileNames().contains(nameOrPath)) {
        path = kBuiltinDir + QLatin1Char('/') + nameOrPath + QStringLiteral(".json");
        builtin = true;
    }
    QFile file(path);
    if (nameOrPath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("cannot read profile \"%1\": %2").arg(nameOrPath,
                nameOrPath.isEmpty() ? QStringLiteral("no name or path given") : file.errorString());
            if (!nameOrPath.contains(QLatin1Char('/')) && !nameOrPath.endsWith(QLatin1String(".json")))
                *error += QStringLiteral(" (built-in profiles: %1)").arg(builtinProfileNames().join(QStringLiteral(", ")));
        }
        return false;
    }
    DeviceProfile loaded;
    QString problem;
    if (!parseDeviceProfile(file.readAll(), loaded, &problem)) {
        if (error)
            *error = (builtin ? nameOrPath : path) + QStringLiteral(": ") + problem;
        return false;
    }
    if (loaded.name.isEmpty())
        loaded.name = builtin ? nameOrPath : QFileInfo(path).completeBaseName();
    profile = loaded;
    return true;
}

} // namespace tuyascope
