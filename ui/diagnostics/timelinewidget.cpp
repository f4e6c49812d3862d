#include "timelinewidget.h"

#include "diagnostics/diagnosticsmodel.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>

namespace rd {

namespace {

constexpr int kPad = 6;
constexpr int kSmoothFrameMs = 33; // about 30 frames per second
constexpr int kReducedFrameMs = 1000;
constexpr int kMaxLabelWidth = 190;
constexpr qint64 kInitialAxisMs = 1000;

// Tick spacings the axis may use, so labels read as round numbers.
constexpr qint64 kTickSteps[] = {50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 15000, 30000, 60000};

// The smallest "round" length (1, 2, 5 x 10^n ms) at or above `ms`.
qint64 roundUp(qint64 ms)
{
    qint64 magnitude = 100;
    for (;;) {
        for (qint64 factor : {1, 2, 5}) {
            if (magnitude * factor >= ms)
                return magnitude * factor;
        }
        magnitude *= 10;
    }
}

// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n ms at or above `ms`:
// a tight fit for the axis once nothing moves any more.
qint64 fitUp(qint64 ms)
{
    qint64 magnitude = 100;
    for (;;) {
        for (qint64 tenths : {10, 15, 20, 25, 30, 40, 50, 60, 80}) {
            if (magnitude * tenths / 10 >= ms)
                return magnitude * tenths / 10;
        }
        magnitude *= 10;
    }
}

QString tickLabel(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0");
    if (ms % 1000 == 0)
        return ProbeTimelineWidget::tr("%1 s").arg(ms / 1000);
    return ProbeTimelineWidget::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms % 100 == 0 ? 1 : 2);
}

class AxisHeader : public QWidget
{
public:
    AxisHeader(const ProbeTimelineWidget& timeline, QWidget* parent)
        : QWidget(parent)
        , m_timeline(timeline)
    {
        setAttribute(Qt::WA_OpaquePaintEvent, false);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Base));
        m_timeline.paintAxisHeader(painter, rect());
    }

private:
    const ProbeTimelineWidget& m_timeline;
};

} // namespace

ProbeTimelineWidget::ProbeTimelineWidget(const DiagnosticsModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_axisEndMs(kInitialAxisMs)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(&m_frames, &QTimer::timeout, this, &ProbeTimelineWidget::onFrame);
    connect(&model, &DiagnosticsModel::cleared, this, &ProbeTimelineWidget::onCleared);
    connect(&model, &DiagnosticsModel::trackAdded, this, &ProbeTimelineWidget::onTrackAdded);
    connect(&model, &DiagnosticsModel::trackChanged, this, &ProbeTimelineWidget::onTrackChanged);
    connect(&model, &DiagnosticsModel::runningChanged, this, &ProbeTimelineWidget::updateTicking);
}

int ProbeTimelineWidget::rowCount() const
{
    return int(m_model.tracks().size());
}

ProbeTimelineWidget::Geometry ProbeTimelineWidget::geometry() const
{
    const QFontMetrics metrics = fontMetrics();
    Geometry geometry;
    const int symbolSide = metrics.height();
    int widest = metrics.horizontalAdvance(tr("Name lookup"));
    for (const ProbeTrack& track : m_model.tracks())
        widest = std::max(widest, metrics.horizontalAdvance(ProbeWords::shortTitle(track.result)));
    geometry.labelWidth = std::min(kMaxLabelWidth, widest + symbolSide + 3 * kPad);
    geometry.top = 0; // the axis labels are in the header above the scrolled rows
    geometry.rowHeight = std::max(20, metrics.height() + 6);
    geometry.plotLeft = geometry.labelWidth + kPad;
    const int rightRoom = m_technical ? metrics.horizontalAdvance(QStringLiteral("00.0 s")) + 2 * kPad
                                      : metrics.horizontalAdvance(QStringLiteral("00 s")) / 2 + kPad;
    geometry.plotRight = std::max(geometry.plotLeft + 40, width() - rightRoom);
    return geometry;
}

int ProbeTimelineWidget::xFor(const Geometry& geometry, qint64 ms) const
{
    const qint64 span = std::max<qint64>(1, m_axisEndMs);
    const qint64 clamped = std::clamp<qint64>(ms, 0, span);
    return geometry.plotLeft + int(clamped * (geometry.plotRight - geometry.plotLeft) / span);
}

QRect ProbeTimelineWidget::rowRect(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const Geometry geometry = this->geometry();
    return QRect(0, geometry.top + row * geometry.rowHeight, width(), geometry.rowHeight);
}

QSize ProbeTimelineWidget::sizeHint() const
{
    const Geometry geometry = this->geometry();
    return {geometry.labelWidth + 360, geometry.top + std::max(1, rowCount()) * geometry.rowHeight + kPad};
}

QSize ProbeTimelineWidget::minimumSizeHint() const
{
    // The full height, so a scroll area scrolls rather than squeezing rows.
    const Geometry geometry = this->geometry();
    return {geometry.labelWidth + 160, sizeHint().height()};
}

CellState ProbeTimelineWidget::stateOf(const ProbeTrack& track) const
{
    switch (track.phase) {
    case ProbePhase::Pending:
        return CellState::Pending;
    case ProbePhase::Running:
        return CellState::Running;
    case ProbePhase::Done:
        break;
    }
    return cellStateOf(track.result.verdict());
}

CellState ProbeTimelineWidget::rowState(int row) const
{
    if (row < 0 || row >= rowCount())
        return CellState::Empty;
    return stateOf(m_model.tracks()[row]);
}

QString ProbeTimelineWidget::rowToolTip(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return describeTrack(m_model.tracks()[row], m_model.nowMs(), m_technical);
}

QString ProbeTimelineWidget::selectedProbeId() const
{
    if (m_selectedRow < 0 || m_selectedRow >= rowCount())
        return {};
    return m_model.tracks()[m_selectedRow].result.probeId;
}

void ProbeTimelineWidget::selectProbe(const QString& probeId)
{
    select(int(m_model.indexOf(probeId)), false);
}

void ProbeTimelineWidget::select(int row, bool notify)
{
    if (row >= rowCount())
        row = -1;
    if (row != m_selectedRow) {
        m_selectedRow = row;
        update();
        setAccessibleDescription(row < 0 ? QString() : rowToolTip(row));
    }
    if (notify && row >= 0)
        emit probeSelected(selectedProbeId());
}

void ProbeTimelineWidget::setReducedMotion(bool reduced)
{
    m_reducedMotion = reduced;
    m_frames.stop();
    updateTicking();
}

void ProbeTimelineWidget::setTechnicalView(bool on)
{
    m_technical = on;
    update();
}

qint64 ProbeTimelineWidget::neededAxisMs() const
{
    qint64 needed = 0;
    const qint64 now = m_model.nowMs();
    for (const ProbeTrack& track : m_model.tracks()) {
        if (track.phase != ProbePhase::Pending)
            needed = std::max(needed, track.barEndMs(now));
    }
    return needed;
}

bool ProbeTimelineWidget::growAxisIfNeeded()
{
    // Growing in round steps with room to spare keeps bars from creeping
    // leftwards on every frame.
    const qint64 needed = neededAxisMs();
    if (needed <= m_axisEndMs)
        return false;
    m_axisEndMs = roundUp(needed + needed / 4);
    emit axisChanged();
    return true;
}

void ProbeTimelineWidget::onCleared()
{
    m_axisEndMs = kInitialAxisMs;
    emit axisChanged();
    m_selectedRow = -1;
    updateGeometry();
    update();
    updateTicking();
}

void ProbeTimelineWidget::onTrackAdded()
{
    updateGeometry();
    update();
}

bool ProbeTimelineWidget::fitAxisIfSettled()
{
    // Once every probe has ended nothing moves any more: the axis can hug
    // the last bar instead of keeping room to grow.
    if (m_model.isActive() || m_model.tracks().isEmpty())
        return false;
    const qint64 needed = neededAxisMs();
    const qint64 fitted = std::max(kInitialAxisMs, fitUp(needed + needed / 50));
    if (fitted == m_axisEndMs)
        return false;
    m_axisEndMs = fitted;
    emit axisChanged();
    update();
    return true;
}

void ProbeTimelineWidget::onTrackChanged(int index)
{
    if (fitAxisIfSettled())
        return;
    if (growAxisIfNeeded()) {
        update();
        return;
    }
    update(rowRect(index));
}

void ProbeTimelineWidget::updateTicking()
{
    if (m_model.runningCount() == 0) {
        m_frames.stop();
        // The final frame: every bar at its real end.
        if (!fitAxisIfSettled())
            growAxisIfNeeded();
        update();
        return;
    }
    const int interval = m_reducedMotion ? kReducedFrameMs : kSmoothFrameMs;
    if (!m_frames.isActive() || m_frames.interval() != interval)
        m_frames.start(interval);
}

void ProbeTimelineWidget::onFrame()
{
    if (growAxisIfNeeded()) {
        update();
        return;
    }
    // Only the running bars move.
    const Geometry geometry = this->geometry();
    const QList<ProbeTrack>& tracks = m_model.tracks();
    for (int row = 0; row < tracks.size(); ++row) {
        if (tracks[row].phase == ProbePhase::Running)
            update(QRect(geometry.plotLeft - 2, geometry.top + row * geometry.rowHeight,
                         width() - geometry.plotLeft + 2, geometry.rowHeight));
    }
}

void ProbeTimelineWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        emit axisChanged();
}

bool ProbeTimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Geometry geometry = this->geometry();
        const int row = (help->pos().y() - geometry.top) / geometry.rowHeight;
        if (help->pos().y() >= geometry.top && row < rowCount()) {
            QToolTip::showText(help->globalPos(), rowToolTip(row), this, rowRect(row));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void ProbeTimelineWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Geometry geometry = this->geometry();
    const int y = event->position().toPoint().y();
    if (y < geometry.top)
        return;
    const int row = (y - geometry.top) / geometry.rowHeight;
    if (row < rowCount())
        select(row, true);
}

void ProbeTimelineWidget::keyPressEvent(QKeyEvent* event)
{
    const int rows = rowCount();
    if (rows == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int page =
        std::max(1, (parentWidget() ? parentWidget()->height() : height()) / geometry().rowHeight - 1);
    const int current = m_selectedRow;
    int target = current;
    switch (event->key()) {
    case Qt::Key_Up:
        target = current < 0 ? 0 : current - 1;
        break;
    case Qt::Key_Down:
        target = current < 0 ? 0 : current + 1;
        break;
    case Qt::Key_PageUp:
        target = current - page;
        break;
    case Qt::Key_PageDown:
        target = current < 0 ? page : current + page;
        break;
    case Qt::Key_Home:
        target = 0;
        break;
    case Qt::Key_End:
        target = rows - 1;
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
    select(std::clamp(target, 0, rows - 1), true);
}

void ProbeTimelineWidget::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    update();
}

void ProbeTimelineWidget::focusOutEvent(QFocusEvent* event)
{
    QWidget::focusOutEvent(event);
    update();
}

qint64 ProbeTimelineWidget::tickStep(const Geometry& geometry) const
{
    const int plotWidth = geometry.plotRight - geometry.plotLeft;
    const int maxTicks = std::max(
        2, plotWidth / std::max(60, fontMetrics().horizontalAdvance(QStringLiteral("00.00 s")) + 12));
    for (qint64 candidate : kTickSteps) {
        if (m_axisEndMs / candidate <= maxTicks)
            return candidate;
    }
    return kTickSteps[std::size(kTickSteps) - 1];
}

void ProbeTimelineWidget::paintGridLines(QPainter& painter, const Geometry& geometry) const
{
    const qint64 step = tickStep(geometry);
    const QColor gridLine = cellColors(CellState::Empty, palette()).border;
    const int bottom = geometry.top + rowCount() * geometry.rowHeight;
    painter.setPen(QPen(gridLine, 1.0));
    for (qint64 ms = 0; ms <= m_axisEndMs; ms += step) {
        const int x = xFor(geometry, ms);
        painter.drawLine(x, 0, x, bottom);
    }
}

int ProbeTimelineWidget::axisHeaderHeight() const
{
    return fontMetrics().height() + kPad + 2;
}

void ProbeTimelineWidget::paintAxisHeader(QPainter& painter, const QRect& area) const
{
    const QFontMetrics metrics = fontMetrics();
    const QPalette& palette = this->palette();
    const Geometry geometry = this->geometry();
    const qint64 step = tickStep(geometry);
    const QColor gridLine = cellColors(CellState::Empty, palette).border;
    const QColor labelColor = cellColors(CellState::Empty, palette).ink;
    for (qint64 ms = 0; ms <= m_axisEndMs; ms += step) {
        const int x = area.left() + xFor(geometry, ms);
        painter.setPen(QPen(gridLine, 1.0));
        painter.drawLine(x, area.bottom() - 3, x, area.bottom());
        const QString label = tickLabel(ms);
        const int labelWidth = metrics.horizontalAdvance(label);
        const int left = std::clamp(x - labelWidth / 2, area.left() + geometry.plotLeft - labelWidth / 2,
                                    area.right() - labelWidth - 1);
        painter.setPen(labelColor);
        painter.drawText(QRect(left, area.top(), labelWidth + 2, area.height() - 4),
                         Qt::AlignLeft | Qt::AlignBottom, label);
    }
}

void ProbeTimelineWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setClipRect(event->rect());
    const QPalette& palette = this->palette();
    const Geometry geometry = this->geometry();
    const QFontMetrics metrics = fontMetrics();
    const QList<ProbeTrack>& tracks = m_model.tracks();

    if (tracks.isEmpty()) {
        painter.setPen(cellColors(CellState::Empty, palette).ink);
        painter.drawText(rect(), Qt::AlignCenter, tr("The timeline fills in as the tests run."));
        return;
    }

    paintGridLines(painter, geometry);

    const qint64 now = m_model.nowMs();
    const int symbolSide = metrics.height() - 4;
    for (int row = 0; row < tracks.size(); ++row) {
        const QRect line(0, geometry.top + row * geometry.rowHeight, width(), geometry.rowHeight);
        if (!line.intersects(event->rect()))
            continue;
        const ProbeTrack& track = tracks[row];
        const CellState state = stateOf(track);
        const CellColors colors = cellColors(state, palette);

        if (row == m_selectedRow) {
            QColor highlight = palette.color(QPalette::Highlight);
            highlight.setAlphaF(hasFocus() ? 0.28 : 0.16);
            painter.fillRect(line, highlight);
        }

        const QRectF symbolBox(kPad, line.center().y() - symbolSide / 2.0 + 0.5, symbolSide, symbolSide);
        paintStateSymbol(painter, symbolBox, state, colors.ink);
        const QRect label(kPad * 2 + symbolSide, line.top(), geometry.labelWidth - 3 * kPad - symbolSide,
                          line.height());
        painter.setPen(state == CellState::Pending ? cellColors(CellState::Pending, palette).ink
                                                   : palette.color(QPalette::WindowText));
        painter.drawText(
            label, Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(ProbeWords::shortTitle(track.result), Qt::ElideRight, label.width()));

        const int barHeight = std::max(8, line.height() - 8);
        const int barTop = line.center().y() - barHeight / 2 + 1;
        if (state == CellState::Pending) {
            painter.setPen(QPen(colors.border, 1.0, Qt::DotLine));
            painter.drawLine(geometry.plotLeft, line.center().y(), geometry.plotRight, line.center().y());
            continue;
        }
        const int begin = xFor(geometry, track.barBeginMs());
        const int end = xFor(geometry, track.barEndMs(now));
        painter.setRenderHint(QPainter::Antialiasing, true);
        if (!track.ran() && track.phase == ProbePhase::Done) {
            // Never ran: a diamond where it was settled.
            const qreal half = barHeight / 2.0;
            const QPointF centre(begin, line.center().y() + 1);
            const QPointF diamond[] = {centre + QPointF(0, -half), centre + QPointF(half, 0),
                                       centre + QPointF(0, half), centre + QPointF(-half, 0)};
            painter.setPen(QPen(colors.border, 1.0));
            painter.setBrush(colors.fill);
            painter.drawPolygon(diamond, 4);
            continue;
        }
        const QRectF bar(begin, barTop, std::max(3, end - begin), barHeight);
        painter.setPen(QPen(colors.border, 1.0));
        painter.setBrush(colors.fill);
        painter.drawRoundedRect(bar, 2, 2);
        if (m_technical && track.phase == ProbePhase::Done) {
            const QString duration = ProbeWords::duration(track.result.elapsedMs);
            painter.setPen(cellColors(CellState::Empty, palette).ink);
            painter.drawText(QRect(int(bar.right()) + 4, line.top(), metrics.horizontalAdvance(duration) + 4,
                                   line.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, duration);
        }
    }
}

TimelineScrollArea::TimelineScrollArea(ProbeTimelineWidget* timeline, QWidget* parent)
    : QScrollArea(parent)
    , m_timeline(timeline)
    , m_header(new AxisHeader(*timeline, this))
{
    setWidget(timeline);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::NoFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    setViewportMargins(0, timeline->axisHeaderHeight(), 0, 0);
    connect(timeline, &ProbeTimelineWidget::axisChanged, m_header, qOverload<>(&QWidget::update));
    placeHeader();
}

void TimelineScrollArea::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    placeHeader();
}

void TimelineScrollArea::placeHeader()
{
    const QRect area = viewport()->geometry();
    const int height = m_timeline->axisHeaderHeight();
    m_header->setGeometry(area.left(), area.top() - height, area.width(), height);
}

} // namespace rd
