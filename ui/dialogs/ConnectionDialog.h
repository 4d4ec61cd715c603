#pragma once
// The frame every connection dialog shares: a form, a line saying what is still wrong, and
// OK enabled only when nothing is. Subclasses add rows, call revalidate() when a field changes
// and build their session from the fields.
#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace tuyascope {
class LiveSession;
}

namespace tuyascope::ui {

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(const QString& title, QWidget* parent = nullptr);

    // A new, unstarted session configured from the fields (the caller owns it), or nullptr
    // when the fields are not valid (problemText() says why).
    virtual LiveSession* createSession() const = 0;

    bool isValid() const { return problem().isEmpty(); }
    QString problemText() const;
    QPushButton* okButton() const;

protected:
    // What is wrong with the fields, in words; empty when they are valid.
    virtual QString problem() const = 0;
    void revalidate();
    QFormLayout* form() const { return m_form; }
    // A line under the form for notes that do not block OK (e.g. "listening on every interface").
    void setNote(const QString& text);

private:
    QFormLayout* m_form;
    QLabel* m_note;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace tuyascope::ui
