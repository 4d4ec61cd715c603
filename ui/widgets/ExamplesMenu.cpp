#include "widgets/ExamplesMenu.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::ui {

QString ExamplesMenu::defaultIndexPath()
{
    return QStringLiteral(":/tuyascope/captures/examples/index.json");
}

QVector<ExampleCapture> ExamplesMenu::readIndex(const QString& indexPath, QString* error)
{
    QFile file(indexPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(indexPath, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(indexPath, parseError.errorString());
        return {};
    }
    // Files are named relative to the index, wherever it lives (resources or a test's folder).
    const QString base = QFileInfo(indexPath).path() + QLatin1Char('/');
    QVector<ExampleCapture> examples;
    for (const QJsonValue& value : doc.object().value(QStringLiteral("examples")).toArray()) {
        const QJsonObject o = value.toObject();
        ExampleCapture example;
        example.title = o.value(QStringLiteral("title")).toString();
        example.description = o.value(QStringLiteral("description")).toString();
        for (const QJsonValue& f : o.value(QStringLiteral("files")).toArray()) {
            const QString name = f.toString();
            if (!name.isEmpty() && !name.contains(QLatin1Char('/')))
                example.resourcePaths << base + name;
        }
        if (!example.title.isEmpty() && !example.resourcePaths.isEmpty())
            examples.push_back(example);
    }
    return examples;
}

ExamplesMenu::ExamplesMenu(QWidget* parent, const QString& indexPath)
    : QMenu(tr("&Examples"), parent), m_examples(readIndex(indexPath))
{
    setObjectName(QStringLiteral("examplesMenu"));
    setToolTipsVisible(true);
    for (const ExampleCapture& example : m_examples) {
        QAction* action = addAction(example.title);
        action->setToolTip(example.description);
        action->setStatusTip(example.description);
        action->setData(example.resourcePaths);
        const QStringList paths = example.resourcePaths;
        connect(action, &QAction::triggered, this, [this, paths] { emit openRequested(paths); });
    }
    if (m_examples.isEmpty())
        addAction(tr("(no examples bundled)"))->setEnabled(false);
}

} // namespace tuyascope::ui
