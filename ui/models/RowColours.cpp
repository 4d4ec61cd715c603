#include "models/RowColours.h"

#include <QGuiApplication>
#include <QPalette>

namespace tuyascope::ui {

namespace {

QColor blend(const QColor& base, const QColor& hue, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + hue.redF() * amount),
                            float(base.greenF() * (1 - amount) + hue.greenF() * amount),
                            float(base.blueF() * (1 - amount) + hue.blueF() * amount));
}

} // namespace

QColor rowColour(RowTint tint)
{
    const QColor base = QGuiApplication::palette().color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    const double amount = dark ? 0.28 : 0.16;
    switch (tint) {
    case RowTint::FromDevice: return blend(base, QColor(0x3a, 0x7b, 0xd5), amount);
    case RowTint::FromController: return blend(base, QColor(0x2e, 0xa0, 0x43), amount);
    case RowTint::Warning: return blend(base, QColor(0xe0, 0xb0, 0x00), amount + 0.1);
    case RowTint::Bad: return blend(base, QColor(0xd0, 0x30, 0x30), amount + 0.14);
    }
    return base;
}

} // namespace tuyascope::ui
