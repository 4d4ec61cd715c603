#pragma once
// Fields of the LAN dialogs: the local key (hidden unless the user asks to see it) and the
// protocol version.
#include "tuyalan/LanVersion.h"

#include <QComboBox>
#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace tuyascope::ui {

class LocalKeyField : public QWidget {
    Q_OBJECT
public:
    explicit LocalKeyField(QWidget* parent = nullptr);
    QString text() const;
    void setText(const QString& key);
    QLineEdit* edit() const { return m_edit; }
    QCheckBox* showToggle() const { return m_show; }
    // Empty when the text is a usable 16-character key, else why not (never quoting it).
    QString problem() const;

signals:
    void textChanged();

private:
    QLineEdit* m_edit;
    QCheckBox* m_show;
};

class LanVersionCombo : public QComboBox {
    Q_OBJECT
public:
    explicit LanVersionCombo(QWidget* parent = nullptr); // 3.1 .. 3.5, 3.3 selected
    lan::LanVersion version() const;
    void setVersion(const QString& name); // "3.4"; ignored when unknown
};

} // namespace tuyascope::ui
