#include "tuyalan/LanDpForm.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tuyascope::lan {

LanDpWrite buildLanDpWrite(const QString& dpId, const QString& jsonValue)
{
    LanDpWrite w;
    const QString id = dpId.trimmed();
    bool numeric = !id.isEmpty() && id.size() <= 9;
    for (QChar c : id)
        numeric = numeric && c.isDigit() && c.unicode() < 128;
    if (!numeric || id.toInt() < 1) {
        w.error = QStringLiteral("dp id \"%1\" is not a positive number").arg(id);
        return w;
    }
    const QString value = jsonValue.trimmed();
    if (value.isEmpty()) {
        w.error = QStringLiteral("value is empty; expected JSON such as true, 235 or \"auto\"");
        return w;
    }
    // A bare scalar is not a JSON document for Qt: wrap it in an array and unwrap it.
    const QByteArray wrapped = "[" + value.toUtf8() + "]";
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        w.error = QStringLiteral("value is not JSON: %1 at character %2 (strings need double quotes: \"auto\")")
                      .arg(parseError.errorString())
                      .arg(qMax(1, parseError.offset)); // offset 1 in the wrapper is character 1 of the value
        return w;
    }
    const QJsonArray array = document.array();
    if (array.size() != 1) {
        w.error = QStringLiteral("value must be one JSON value, got %1").arg(array.size());
        return w;
    }
    w.dps.insert(QString::number(id.toInt()), array.first());
    w.preview = QString::fromUtf8(QJsonDocument(w.dps).toJson(QJsonDocument::Compact));
    w.ok = true;
    return w;
}

} // namespace tuyascope::lan
