#pragma once

#include <QIcon>
#include <QString>

namespace rd {

// A monochrome SVG action icon drawn in the palette's text colour at whatever
// size and device pixel ratio is asked for, so it stays sharp on high-DPI
// screens and readable on light and dark palettes alike. `name` is a file in
// ui/widgets/icons/ without ".svg" ("copy", "save", "open", "document",
// "export", "technical", "yes", "no"). The SVG's "currentColor" is replaced by
// the palette colour at paint time, so a palette change needs no new icon.
QIcon themedIcon(const QString& name);

} // namespace rd
