#pragma once
// Help ▸ Examples: the real captures bundled with TuyaScope, one action per example, built from
// the examples index (":/tuyascope/captures/examples/index.json": {examples: [{title,
// description, files[]}]}). Choosing one asks for its files to be opened together (an RX/TX pair
// becomes one timeline); the window connects openRequested to its openFiles.
#include <QMenu>
#include <QStringList>
#include <QVector>

namespace tuyascope::ui {

struct ExampleCapture {
    QString title;
    QString description;
    QStringList resourcePaths; // ":/tuyascope/captures/examples/<file>"
};

class ExamplesMenu : public QMenu {
    Q_OBJECT
public:
    static QString defaultIndexPath();
    // Reads an examples index; entries without a title or files are skipped, and a missing or
    // unreadable index gives none (with `error` saying why).
    static QVector<ExampleCapture> readIndex(const QString& indexPath, QString* error = nullptr);

    explicit ExamplesMenu(QWidget* parent = nullptr, const QString& indexPath = defaultIndexPath());

    const QVector<ExampleCapture>& examples() const { return m_examples; }

signals:
    void openRequested(const QStringList& resourcePaths);

private:
    QVector<ExampleCapture> m_examples;
};

} // namespace tuyascope::ui
