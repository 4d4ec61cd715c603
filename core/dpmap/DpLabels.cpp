#include "dpmap/DpLabels.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSaveFile>

#include <cmath>

namespace tuyascope {

namespace {

const QString kFormatKey = QStringLiteral("format");
const QString kVersionKey = QStringLiteral("version");
const QString kDpsKey = QStringLiteral("dps");
const QString kFormat = QStringLiteral("tuyascope-sidecar");
const QString kNameKey = QStringLiteral("name");
const QString kScaleKey = QStringLiteral("scale");
const QString kUnitKey = QStringLiteral("unit");
const QString kNotesKey = QStringLiteral("notes");
const QString kRoleKey = QStringLiteral("role");
const QString kEnumKey = QStringLiteral("enumLabels");

bool takeString(QJsonObject& entry, const QString& key, QString* out, const QString& dpId, QString* error)
{
    const QJsonValue value = entry.take(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        *error = QStringLiteral("dp %1: \"%2\" must be a string").arg(dpId, key);
        return false;
    }
    *out = value.toString();
    return true;
}

std::optional<DpLabel> readLabel(const QString& dpId, const QJsonValue& value, QString* error)
{
    if (dpId.isEmpty()) {
        *error = QStringLiteral("a dp entry has an empty id");
        return std::nullopt;
    }
    if (!value.isObject()) {
        *error = QStringLiteral("dp %1: the entry must be an object").arg(dpId);
        return std::nullopt;
    }
    QJsonObject entry = value.toObject();
    DpLabel label;
    if (!takeString(entry, kNameKey, &label.name, dpId, error) || !takeString(entry, kUnitKey, &label.unit, dpId, error)
        || !takeString(entry, kNotesKey, &label.notes, dpId, error) || !takeString(entry, kRoleKey, &label.role, dpId, error))
        return std::nullopt;
    const QJsonValue enumLabels = entry.take(kEnumKey);
    if (!enumLabels.isUndefined() && !enumLabels.isNull()) {
        const QJsonArray list = enumLabels.toArray();
        for (const QJsonValue& item : list)
            if (item.isString())
                label.enumLabels << item.toString();
        if (!enumLabels.isArray() || label.enumLabels.size() != list.size()) {
            *error = QStringLiteral("dp %1: \"enumLabels\" must be a list of strings").arg(dpId);
            return std::nullopt;
        }
    }
    const QJsonValue scale = entry.take(kScaleKey);
    if (!scale.isUndefined() && !scale.isNull()) {
        if (!scale.isDouble() || !isValidDpScale(scale.toDouble())) {
            *error = QStringLiteral("dp %1: \"scale\" must be a finite, non-zero number").arg(dpId);
            return std::nullopt;
        }
        label.scale = scale.toDouble();
    }
    label.otherKeys = entry;
    return label;
}

} // namespace

bool isValidDpScale(double scale)
{
    return std::isfinite(scale) && scale != 0;
}

QString scaledDpValueText(const QString& value, double scale, const QString& unit)
{
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return value;
    const QString digits = scale == 1 || !isValidDpScale(scale) ? value : QString::number(number * scale, 'g', 12);
    return unit.isEmpty() ? digits : digits + QLatin1Char(' ') + unit;
}

void DpLabels::setLabel(const QString& dpId, const DpLabel& label)
{
    if (label.isEmpty())
        m_labels.remove(dpId);
    else
        m_labels.insert(dpId, label);
}

QString DpLabels::scaledValue(const QString& dpId, const QString& value) const
{
    const auto it = m_labels.constFind(dpId);
    if (it == m_labels.constEnd())
        return value;
    return scaledDpValueText(value, it->scale, it->unit);
}

QByteArray DpLabels::toJson() const
{
    QJsonObject dps;
    for (auto it = m_labels.constBegin(); it != m_labels.constEnd(); ++it) {
        QJsonObject entry = it->otherKeys;
        if (!it->name.isEmpty())
            entry.insert(kNameKey, it->name);
        if (it->scale != 1)
            entry.insert(kScaleKey, it->scale);
        if (!it->unit.isEmpty())
            entry.insert(kUnitKey, it->unit);
        if (!it->notes.isEmpty())
            entry.insert(kNotesKey, it->notes);
        if (!it->role.isEmpty())
            entry.insert(kRoleKey, it->role);
        if (!it->enumLabels.isEmpty())
            entry.insert(kEnumKey, QJsonArray::fromStringList(it->enumLabels));
        dps.insert(it.key(), entry);
    }
    QJsonObject root = m_otherKeys;
    root.insert(kFormatKey, kFormat);
    root.insert(kVersionKey, kVersion);
    root.insert(kDpsKey, dps);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<DpLabels> DpLabels::fromJson(const QByteArray& json, QString* error)
{
    QString scratch;
    QString& message = error ? *error : scratch;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        message = QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        message = QStringLiteral("not a TuyaScope sidecar (the top level is not an object)");
        return std::nullopt;
    }
    QJsonObject root = document.object();
    if (root.take(kFormatKey) != QJsonValue(kFormat)) {
        message = QStringLiteral("not a TuyaScope sidecar (\"format\" is not \"%1\")").arg(kFormat);
        return std::nullopt;
    }
    const QJsonValue version = root.take(kVersionKey);
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1) {
        message = QStringLiteral("\"version\" must be a whole number from 1");
        return std::nullopt;
    }
    if (version.toDouble() > kVersion) {
        message = QStringLiteral("sidecar version %1 was written by a newer TuyaScope (this one reads version %2)")
                      .arg(version.toDouble())
                      .arg(kVersion);
        return std::nullopt;
    }
    const QJsonValue dps = root.take(kDpsKey);
    if (!dps.isUndefined() && !dps.isObject()) {
        message = QStringLiteral("\"dps\" must be an object");
        return std::nullopt;
    }
    DpLabels labels;
    const QJsonObject entries = dps.toObject();
    for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
        const std::optional<DpLabel> label = readLabel(it.key(), it.value(), &message);
        if (!label)
            return std::nullopt;
        if (!label->isEmpty())
            labels.m_labels.insert(it.key(), *label);
    }
    labels.m_otherKeys = root;
    return labels;
}

std::optional<DpLabels> DpLabels::load(const QString& path, QString* error)
{
    QString scratch;
    QString& message = error ? *error : scratch;
    QFile file(path);
    if (!file.exists())
        return DpLabels();
    if (!file.open(QIODevice::ReadOnly)) {
        message = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString why;
    std::optional<DpLabels> labels = fromJson(file.readAll(), &why);
    if (!labels)
        message = QStringLiteral("%1: %2").arg(path, why);
    return labels;
}

bool DpLabels::save(const QString& path, QString* error) const
{
    QString scratch;
    QString& message = error ? *error : scratch;
    if (path.isEmpty()) {
        message = QStringLiteral("no sidecar path (the capture has no file yet)");
        return false;
    }
    if (QFileInfo::exists(path)) {
        QString why;
        if (!load(path, &why)) {
            message = QStringLiteral("not overwriting a sidecar that does not read: %1").arg(why);
            return false;
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        message = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray json = toJson();
    if (file.write(json) != json.size() || !file.commit()) {
        message = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString sidecarPathFor(const QStringList& capturePaths)
{
    for (const QString& path : capturePaths)
        if (!path.isEmpty())
            return path + QStringLiteral(".tuyascope.json");
    return {};
}

} // namespace tuyascope
