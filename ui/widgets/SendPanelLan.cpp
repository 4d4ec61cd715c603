#include "widgets/SendPanelLan.h"

#include "tuyalan/LanDpForm.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace tuyascope::ui {

SendPanelLan::SendPanelLan(QWidget* parent)
    : QWidget(parent),
      m_dp(new QLineEdit(this)),
      m_value(new QLineEdit(this)),
      m_preview(new QLabel(this)),
      m_status(new QLabel(this)),
      m_set(new QPushButton(tr("Set dp"), this)),
      m_query(new QPushButton(tr("Query status"), this))
{
    m_dp->setObjectName(QStringLiteral("lanDpEdit"));
    m_value->setObjectName(QStringLiteral("lanValueEdit"));
    m_set->setObjectName(QStringLiteral("lanSetButton"));
    m_query->setObjectName(QStringLiteral("lanQueryButton"));
    m_preview->setObjectName(QStringLiteral("lanPreview"));
    m_dp->setPlaceholderText(tr("dp id, e.g. 1"));
    m_value->setPlaceholderText(tr("JSON value: true, 235, \"auto\""));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_status->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("dp id"), m_dp);
    form->addRow(tr("value"), m_value);
    form->addRow(tr("sets"), m_preview);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_set);
    buttons->addWidget(m_query);
    buttons->addStretch(1);
    form->addRow(buttons);
    form->addRow(m_status);

    connect(m_dp, &QLineEdit::textChanged, this, &SendPanelLan::updatePreview);
    connect(m_value, &QLineEdit::textChanged, this, &SendPanelLan::updatePreview);
    connect(m_value, &QLineEdit::returnPressed, m_set, &QPushButton::click);
    connect(m_set, &QPushButton::clicked, this, [this] {
        if (m_valid)
            emit setDpsRequested(m_dps);
    });
    connect(m_query, &QPushButton::clicked, this, &SendPanelLan::queryStatusRequested);
    updatePreview();
}

QString SendPanelLan::previewText() const
{
    return m_preview->text();
}

void SendPanelLan::setStatus(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #c00000;") : QString());
    m_status->setText(text);
}

void SendPanelLan::updatePreview()
{
    const lan::LanDpWrite write = lan::buildLanDpWrite(m_dp->text(), m_value->text());
    m_valid = write.ok;
    m_dps = write.dps;
    m_preview->setStyleSheet(write.ok ? QString() : QStringLiteral("color: #c00000;"));
    m_preview->setText(write.ok ? write.preview : write.error);
    m_set->setEnabled(write.ok);
}

} // namespace tuyascope::ui
