#include "dialogs/ConnectionDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace tuyascope::ui {

ConnectionDialog::ConnectionDialog(const QString& title, QWidget* parent)
    : QDialog(parent),
      m_form(new QFormLayout),
      m_note(new QLabel(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("problem"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isValid())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Subclasses fill the form in their constructors; judge the fields once they exist.
    okButton()->setEnabled(false);
    QTimer::singleShot(0, this, &ConnectionDialog::revalidate);
}

QString ConnectionDialog::problemText() const
{
    return m_problem->text();
}

QPushButton* ConnectionDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ConnectionDialog::revalidate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    okButton()->setEnabled(why.isEmpty());
}

void ConnectionDialog::setNote(const QString& text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

} // namespace tuyascope::ui
