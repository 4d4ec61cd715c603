#pragma once
// Standard input read while the event loop runs (typed commands, a script piped in), delivered
// as chunks in the owner's thread.
#include <QByteArray>
#include <QObject>

#include <memory>

namespace tuyascope::platform {

class ConsoleInput : public QObject {
    Q_OBJECT
public:
    // Starts watching standard input at once, unless it cannot be read without harm (a
    // background job of a terminal would be stopped by the system for reading it).
    explicit ConsoleInput(QObject* parent = nullptr);
    ~ConsoleInput() override;

    bool isWatching() const;

signals:
    void received(const QByteArray& bytes);
    void ended(); // end of input (or /dev/null, NUL): nothing more will come

private:
    struct Reader;
    std::unique_ptr<Reader> m_reader;
};

} // namespace tuyascope::platform
