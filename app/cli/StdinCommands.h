#pragma once
// Reads typed send commands from standard input while a live session runs ("TuyaSend2 2,235"
// then Enter), so a host session can be driven by hand or by a script piped into it.

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace tuyascope::platform {
class ConsoleInput;
}

namespace tuyascope::cli {

class StdinCommands : public QObject {
    Q_OBJECT
public:
    // `onLine` gets each non-empty line, trimmed. Does nothing where stdin cannot be watched.
    explicit StdinCommands(std::function<void(const QString&)> onLine, QObject* parent = nullptr);

private:
    void take(const QByteArray& bytes);

    std::function<void(const QString&)> m_onLine;
    platform::ConsoleInput* m_input = nullptr;
    QByteArray m_partial;
};

} // namespace tuyascope::cli
