#pragma once
// Row tints that work on light and dark palettes: a hue blended into the palette's base colour.
#include <QColor>

namespace tuyascope::ui {

enum class RowTint { FromDevice, FromController, Warning, Bad };

QColor rowColour(RowTint tint);

} // namespace tuyascope::ui
