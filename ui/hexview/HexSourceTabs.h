#pragma once
// One hex view per data source of a frame (a UART frame has one; a LAN frame has the wire bytes
// and the decrypted plaintext), as tabs. The tab bar hides itself when there is a single source.

#include "dissect/Dissection.h"

#include <QVector>
#include <QWidget>

class QTabWidget;

namespace tuyascope {

class HexView;

class HexSourceTabs : public QWidget {
    Q_OBJECT
public:
    explicit HexSourceTabs(QWidget* parent = nullptr);

    // Views are reused when the number of sources stays the same (the usual case while stepping
    // through frames), so focus and scroll bars do not flicker.
    void setSources(const QVector<DataSource>& sources);
    [[nodiscard]] int sourceCount() const;
    [[nodiscard]] HexView* view(int source) const;
    [[nodiscard]] int currentSource() const;
    void setCurrentSource(int source);

    // Marks bytes in one source, switching to its tab; other sources lose their marking.
    void setMarking(int source, int offset, int length);
    void clearMarking();

signals:
    void byteActivated(int source, int offset);

private:
    QTabWidget* m_tabs = nullptr;
    QVector<HexView*> m_views;
};

} // namespace tuyascope
