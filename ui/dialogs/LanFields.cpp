#include "dialogs/LanFields.h"

#include "keys/LocalKey.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace tuyascope::ui {

LocalKeyField::LocalKeyField(QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_show(new QCheckBox(tr("Show"), this))
{
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setPlaceholderText(tr("16-character local key"));
    m_edit->setMaxLength(64);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_show);
    connect(m_show, &QCheckBox::toggled, this,
            [this](bool on) { m_edit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_edit, &QLineEdit::textChanged, this, &LocalKeyField::textChanged);
}

QString LocalKeyField::text() const
{
    return m_edit->text();
}

void LocalKeyField::setText(const QString& key)
{
    m_edit->setText(key);
}

QString LocalKeyField::problem() const
{
    if (m_edit->text().isEmpty())
        return tr("the local key is missing");
    QString why;
    if (!keys::LocalKey::fromString(m_edit->text(), &why))
        return tr("local key: %1").arg(why);
    return QString();
}

LanVersionCombo::LanVersionCombo(QWidget* parent) : QComboBox(parent)
{
    for (const char* name : {"3.1", "3.2", "3.3", "3.4", "3.5"})
        addItem(QString::fromLatin1(name));
    setCurrentText(QStringLiteral("3.3"));
}

lan::LanVersion LanVersionCombo::version() const
{
    return lan::versionFromName(currentText());
}

void LanVersionCombo::setVersion(const QString& name)
{
    const int index = findText(name.trimmed());
    if (index >= 0)
        setCurrentIndex(index);
}

} // namespace tuyascope::ui
