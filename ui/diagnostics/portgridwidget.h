#pragma once

#include "diagnostics/probepresentation.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <optional>

namespace rd {

class DiagnosticsModel;
struct ProbeTrack;

// The rows of the port grid. TCP holds both address families of a port, TLS
// the TLS session and the RTMP handshake inside it.
enum class GridRow
{
    Tcp,
    Handshake,
    Tls,
    Rtmpt,
    Connect,
};
inline constexpr int kGridRowCount = 5;
QString gridRowId(GridRow row); // "tcp", "handshake", "tls", "rtmpt", "connect"
// The row a probe is shown in; nullopt for probes outside the grid (DNS,
// proxy, liveness, publish), which only the timeline shows.
std::optional<GridRow> gridRowOf(const ProbeResult& result);

// Ports across, protocols down: each cell moves from waiting to running to
// its verdict, drawn with a colour from the palette-aware scheme and a symbol,
// with the reason on hover. Clicking a cell, or moving to it with the arrow
// keys, selects its most telling probe.
class PortGridWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PortGridWidget(const DiagnosticsModel& model, QWidget* parent = nullptr);

    // Columns: the ports of the plan, the ingest URL's own port first.
    QList<quint16> ports() const { return m_ports; }
    CellState cellState(GridRow row, quint16 port) const;
    // Probe ids in the cell, in ladder order; empty for an empty cell.
    QStringList cellProbeIds(GridRow row, quint16 port) const;
    // What hovering shows: per probe its state, status in plain words with its
    // id, message and (when skipped) the reason.
    QString cellToolTip(GridRow row, quint16 port) const;
    // The cell's area in widget coordinates; empty for a port not in the grid.
    QRect cellRect(GridRow row, quint16 port) const;

    // The probe the selected cell stands for; empty when nothing is selected.
    QString selectedProbeId() const;
    // Selects the cell holding `probeId` (or nothing) without emitting probeSelected().
    void selectProbe(const QString& probeId);

    // No pulsing of running cells.
    void setReducedMotion(bool reduced);
    bool reducedMotion() const { return m_reducedMotion; }
    bool isAnimating() const { return m_pulse.isActive(); }

    // Addresses and timings in the tooltips.
    void setTechnicalView(bool on) { m_technical = on; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void probeSelected(const QString& probeId);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    struct Cell
    {
        GridRow row = GridRow::Tcp;
        int column = -1;
        bool isValid() const { return column >= 0; }
        bool operator==(const Cell& other) const = default;
    };
    struct Geometry
    {
        int rowLabelWidth = 0;
        int headerHeight = 0;
        int rowHeight = 0;
        int columnWidth = 0;
        int legendTop = 0;
    };

    static int keyOf(GridRow row, quint16 port) { return int(row) * 65536 + port; }
    Geometry geometry() const;
    QRect cellRectAt(const Geometry& geometry, GridRow row, int column) const;
    QList<const ProbeTrack*> tracksIn(GridRow row, quint16 port) const;
    CellState stateOf(const QList<const ProbeTrack*>& tracks, GridRow row) const;
    QString representativeProbe(GridRow row, quint16 port) const;
    Cell cellAt(const QPoint& position) const;
    bool isActive(const Cell& cell) const;
    void select(const Cell& cell, bool notify);
    void moveSelection(int rowStep, int columnStep);
    void rebuild();
    void onTrackChanged(int index);
    void updateAnimation();
    void updateRunningCells();
    void updateAccessibleDescription();
    QString rowLabel(GridRow row) const;
    void paintLegend(QPainter& painter, const Geometry& geometry) const;

    const DiagnosticsModel& m_model;
    QList<quint16> m_ports;
    QHash<int, QList<int>> m_cellTracks; // keyOf(row, port) -> track indexes
    Cell m_selected;
    bool m_reducedMotion = false;
    bool m_technical = false;
    QTimer m_pulse;
    QElapsedTimer m_motionClock;
};

} // namespace rd
