#include "dialogs/ProfilePicker.h"

#include "tuyamcu/DpUnit.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace tuyascope::ui {

namespace {
const QString kFromFile = QStringLiteral("from-file");
}

ProfilePicker::ProfilePicker(QWidget* parent) : QWidget(parent), m_combo(new QComboBox(this)), m_dps(new QLabel(this))
{
    for (const QString& name : builtinProfileNames())
        m_combo->addItem(name, name);
    m_combo->addItem(tr("From file…"), kFromFile);
    m_dps->setWordWrap(true);
    m_dps->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(m_dps);
    connect(m_combo, &QComboBox::activated, this, &ProfilePicker::onActivated);
    if (m_combo->count() > 1)
        load(m_combo->itemData(0).toString());
    showDps();
}

QString ProfilePicker::dpsText() const
{
    return m_dps->text();
}

void ProfilePicker::selectBuiltin(const QString& name)
{
    const int index = m_combo->findData(name);
    if (index < 0)
        return;
    m_combo->setCurrentIndex(index);
    onActivated(index);
}

void ProfilePicker::onActivated(int index)
{
    const QString choice = m_combo->itemData(index).toString();
    if (choice != kFromFile) {
        load(choice);
        showDps();
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Device profile"), QString(), tr("Profiles (*.json);;All files (*)"));
    if (path.isEmpty()) {
        // Cancelled: back to what was chosen before.
        const int previous = m_combo->findData(m_source);
        m_combo->setCurrentIndex(previous >= 0 ? previous : 0);
        return;
    }
    loadFile(path);
}

bool ProfilePicker::loadFile(const QString& path)
{
    // The file is listed above "From file…" so the choice stays visible.
    int index = m_combo->findData(path);
    if (index < 0) {
        index = m_combo->count() - 1;
        m_combo->insertItem(index, QFileInfo(path).fileName(), path);
    }
    m_combo->setCurrentIndex(index);
    const bool ok = load(path);
    showDps();
    return ok;
}

bool ProfilePicker::load(const QString& source)
{
    m_source = source;
    m_error.clear();
    DeviceProfile profile;
    m_loaded = loadDeviceProfile(source, profile, &m_error);
    m_profile = m_loaded ? profile : DeviceProfile();
    emit profileChanged();
    return m_loaded;
}

void ProfilePicker::showDps()
{
    if (!m_loaded) {
        m_dps->setText(m_error.isEmpty() ? tr("no profile") : m_error);
        return;
    }
    QStringList lines;
    for (const DpProfile& dp : m_profile.dps)
        lines << QStringLiteral("%1 %2 (%3)").arg(dp.id).arg(dp.name, mcu::dpTypeName(quint8(dp.type)));
    m_dps->setText(tr("%1 — %2 dp(s): %3").arg(m_profile.description).arg(m_profile.dps.size()).arg(lines.join(QStringLiteral(", "))));
    m_dps->setToolTip(lines.join(QLatin1Char('\n')));
}

} // namespace tuyascope::ui
