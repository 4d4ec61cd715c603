#include "hexview/HexSourceTabs.h"

#include "hexview/HexView.h"

#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace tuyascope {

HexSourceTabs::HexSourceTabs(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_tabs->setTabBarAutoHide(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabPosition(QTabWidget::South);  // Wireshark's habit: the bytes pane's tabs sit below
}

void HexSourceTabs::setSources(const QVector<DataSource>& sources)
{
    while (m_views.size() > sources.size()) {
        HexView* view = m_views.takeLast();
        m_tabs->removeTab(static_cast<int>(m_views.size()));
        view->deleteLater();
    }
    while (m_views.size() < sources.size()) {
        const int source = static_cast<int>(m_views.size());
        auto* view = new HexView(m_tabs);
        connect(view, &HexView::byteActivated, this,
                [this, source](int offset) { emit byteActivated(source, offset); });
        m_views.append(view);
        m_tabs->addTab(view, QString());
    }
    for (int source = 0; source < sources.size(); ++source) {
        m_tabs->setTabText(source, sources.at(source).name);
        m_views.at(source)->setData(sources.at(source).bytes);
    }
}

int HexSourceTabs::sourceCount() const
{
    return static_cast<int>(m_views.size());
}

HexView* HexSourceTabs::view(int source) const
{
    return source >= 0 && source < m_views.size() ? m_views.at(source) : nullptr;
}

int HexSourceTabs::currentSource() const
{
    return m_tabs->currentIndex();
}

void HexSourceTabs::setCurrentSource(int source)
{
    if (view(source))
        m_tabs->setCurrentIndex(source);
}

void HexSourceTabs::setMarking(int source, int offset, int length)
{
    HexView* target = view(source);
    if (!target) {
        clearMarking();
        return;
    }
    for (HexView* other : std::as_const(m_views)) {
        if (other != target)
            other->clearMarking();
    }
    m_tabs->setCurrentIndex(source);
    target->setMarking(offset, length);
}

void HexSourceTabs::clearMarking()
{
    for (HexView* view : std::as_const(m_views))
        view->clearMarking();
}

} // namespace tuyascope
