#pragma once

#include "probe/probetypes.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPainter;
class QPalette;
class QRectF;

namespace rd {

// What one grid cell, timeline row or ladder shows for a probe (or for the
// probes that share a cell). Empty: the plan has no probe there.
enum class CellState
{
    Empty,
    Pending,
    Running,
    Pass,
    Warn,
    Fail,
    Skipped,
};
QString cellStateId(CellState state); // "empty", "pending", "running", "pass", "warn", "fail", "skipped"
CellState cellStateOf(Verdict verdict);

struct CellColors
{
    QColor fill;
    QColor ink; // symbol and text drawn on `fill`
    QColor border;
};

// Dark themes get deep fills with light ink, light themes pale fills with
// dark ink, so every state stays readable on either; the state is also told
// apart by its symbol, never by colour alone.
bool isDarkPalette(const QPalette& palette);
CellColors cellColors(CellState state, const QPalette& palette);

// Check mark (pass), exclamation mark in a triangle (warn), cross (fail),
// dash (skipped), hollow ring (pending), filled dot (running), centred in
// `box`. Pure geometry, so it does not depend on a font having the glyphs.
void paintStateSymbol(QPainter& painter, const QRectF& box, CellState state, const QColor& ink);

// The words the diagnostics widgets show for probes and their outcomes.
class ProbeWords
{
    Q_DECLARE_TR_FUNCTIONS(rd::ProbeWords)

public:
    // A status in plain words, e.g. "connection refused".
    static QString status(ProbeStatus status);
    // "passed", "warning", "failed", "skipped", "running", "waiting", "not planned".
    static QString state(CellState state);
    // What the probe tests, for sentences: "TCP port 1935 over IPv4".
    static QString title(const ProbeResult& result);
    // The same, short enough for a timeline label: "TCP 1935 IPv4".
    static QString shortTitle(const ProbeResult& result);
    // "41 ms", "1.2 s", "12 s".
    static QString duration(qint64 ms);
};

} // namespace rd
