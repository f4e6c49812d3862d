#pragma once

#include "diagnostics/probepresentation.h"

#include <QScrollArea>
#include <QTimer>
#include <QWidget>

namespace rd {

class DiagnosticsModel;
struct ProbeTrack;

// Every probe of the run on one shared time axis: one row per probe in ladder
// order, a bar from its start to its end that grows while it runs, coloured
// and marked with a symbol by verdict. Rows are selected by clicking or with
// the arrow keys.
class ProbeTimelineWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ProbeTimelineWidget(const DiagnosticsModel& model, QWidget* parent = nullptr);

    int rowCount() const;
    QRect rowRect(int row) const;
    // The state a row is drawn in.
    CellState rowState(int row) const;
    QString rowToolTip(int row) const;
    // The end of the time axis in ms: during a run it only grows, in round
    // steps with room to spare; once every probe has ended it fits the last bar.
    qint64 axisEndMs() const { return m_axisEndMs; }

    QString selectedProbeId() const;
    int selectedRow() const { return m_selectedRow; }
    // Selects the row of `probeId` (or none) without emitting probeSelected().
    void selectProbe(const QString& probeId);

    // Bars jump once a second instead of growing smoothly.
    void setReducedMotion(bool reduced);
    bool reducedMotion() const { return m_reducedMotion; }
    // How often running bars are redrawn now; 0 when nothing runs.
    int frameIntervalMs() const { return m_frames.isActive() ? m_frames.interval() : 0; }

    // Durations next to the bars.
    void setTechnicalView(bool on);

    // The time axis is drawn by a header that stays put while the rows scroll
    // (see TimelineScrollArea); these are its height and its drawing.
    int axisHeaderHeight() const;
    void paintAxisHeader(QPainter& painter, const QRect& area) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void probeSelected(const QString& probeId);
    // The axis was rescaled or the widget resized: the header must redraw.
    void axisChanged();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    struct Geometry
    {
        int labelWidth = 0;
        int top = 0;
        int rowHeight = 0;
        int plotLeft = 0;
        int plotRight = 0;
    };

    Geometry geometry() const;
    int xFor(const Geometry& geometry, qint64 ms) const;
    CellState stateOf(const ProbeTrack& track) const;
    qint64 neededAxisMs() const;
    bool growAxisIfNeeded();
    bool fitAxisIfSettled();
    void select(int row, bool notify);
    void onCleared();
    void onTrackAdded();
    void onTrackChanged(int index);
    void updateTicking();
    void onFrame();
    qint64 tickStep(const Geometry& geometry) const;
    void paintGridLines(QPainter& painter, const Geometry& geometry) const;

    const DiagnosticsModel& m_model;
    qint64 m_axisEndMs = 0;
    int m_selectedRow = -1;
    bool m_reducedMotion = false;
    bool m_technical = false;
    QTimer m_frames;
};

// Scrolls the timeline's rows under a fixed header with the time axis.
class TimelineScrollArea : public QScrollArea
{
    Q_OBJECT

public:
    explicit TimelineScrollArea(ProbeTimelineWidget* timeline, QWidget* parent = nullptr);

    ProbeTimelineWidget* timeline() const { return m_timeline; }
    QWidget* header() const { return m_header; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void placeHeader();

    ProbeTimelineWidget* m_timeline;
    QWidget* m_header;
};

} // namespace rd
