#include "portgridwidget.h"

#include "diagnostics/diagnosticsmodel.h"
#include "engine/diagnosticsession.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>
#include <numbers>

namespace rd {

namespace {

constexpr int kPad = 6;
constexpr int kMinColumnWidth = 48;
constexpr int kPreferredColumnWidth = 64;
constexpr int kMaxColumnWidth = 96;
constexpr int kPulseIntervalMs = 33; // about 30 frames per second
constexpr int kPulsePeriodMs = 1200;

constexpr GridRow kRows[kGridRowCount] = {GridRow::Tcp, GridRow::Handshake, GridRow::Tls, GridRow::Rtmpt,
                                          GridRow::Connect};

// Which outcome speaks for a finished cell: a failure outweighs a warning,
// which outweighs an unfinished (cancelled) probe, which outweighs a pass.
int severityRank(CellState state)
{
    switch (state) {
    case CellState::Fail:
        return 4;
    case CellState::Warn:
        return 3;
    case CellState::Skipped:
        return 2;
    case CellState::Pass:
        return 1;
    default:
        return 0;
    }
}

} // namespace

QString gridRowId(GridRow row)
{
    switch (row) {
    case GridRow::Tcp:
        return QStringLiteral("tcp");
    case GridRow::Handshake:
        return QStringLiteral("handshake");
    case GridRow::Tls:
        return QStringLiteral("tls");
    case GridRow::Rtmpt:
        return QStringLiteral("rtmpt");
    case GridRow::Connect:
        return QStringLiteral("connect");
    }
    return {};
}

std::optional<GridRow> gridRowOf(const ProbeResult& result)
{
    switch (result.kind) {
    case ProbeKind::TcpPort:
        return GridRow::Tcp;
    case ProbeKind::Handshake:
        return result.target.transport == Transport::Tls ? GridRow::Tls : GridRow::Handshake;
    case ProbeKind::Tls:
        return GridRow::Tls;
    case ProbeKind::Rtmpt:
        return GridRow::Rtmpt;
    case ProbeKind::Connect:
        return GridRow::Connect;
    case ProbeKind::Dns:
    case ProbeKind::Proxy:
    case ProbeKind::Liveness:
    case ProbeKind::Publish:
    case ProbeKind::FlashSequence:
        break;
    }
    return std::nullopt;
}

PortGridWidget::PortGridWidget(const DiagnosticsModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_pulse.setInterval(kPulseIntervalMs);
    m_motionClock.start();
    connect(&m_pulse, &QTimer::timeout, this, &PortGridWidget::updateRunningCells);
    connect(&model, &DiagnosticsModel::cleared, this, &PortGridWidget::rebuild);
    connect(&model, &DiagnosticsModel::trackAdded, this, &PortGridWidget::rebuild);
    connect(&model, &DiagnosticsModel::trackChanged, this, &PortGridWidget::onTrackChanged);
    connect(&model, &DiagnosticsModel::runningChanged, this, &PortGridWidget::updateAnimation);
    rebuild();
}

void PortGridWidget::rebuild()
{
    const QString selectedId = selectedProbeId();
    const QList<quint16> oldPorts = m_ports;
    m_ports.clear();
    m_cellTracks.clear();
    const QList<ProbeTrack>& tracks = m_model.tracks();
    for (qsizetype index = 0; index < tracks.size(); ++index) {
        const ProbeResult& result = tracks[index].result;
        const std::optional<GridRow> row = gridRowOf(result);
        if (!row)
            continue;
        const quint16 port = result.target.port;
        if (!m_ports.contains(port))
            m_ports << port;
        m_cellTracks[keyOf(*row, port)] << int(index);
    }
    m_selected = {};
    if (!selectedId.isEmpty())
        selectProbe(selectedId);
    if (oldPorts.size() != m_ports.size())
        updateGeometry();
    update();
    updateAnimation();
}

void PortGridWidget::onTrackChanged(int index)
{
    const QList<ProbeTrack>& tracks = m_model.tracks();
    if (index < 0 || index >= tracks.size())
        return;
    const std::optional<GridRow> row = gridRowOf(tracks[index].result);
    if (!row)
        return;
    const int column = int(m_ports.indexOf(tracks[index].result.target.port));
    if (column < 0)
        return;
    update(cellRectAt(geometry(), *row, column).adjusted(-3, -3, 3, 3));
    if (m_selected.isValid() && m_selected.row == *row && m_selected.column == column)
        updateAccessibleDescription();
}

QList<const ProbeTrack*> PortGridWidget::tracksIn(GridRow row, quint16 port) const
{
    QList<const ProbeTrack*> result;
    const QList<ProbeTrack>& tracks = m_model.tracks();
    for (int index : m_cellTracks.value(keyOf(row, port))) {
        if (index < tracks.size())
            result << &tracks[index];
    }
    return result;
}

CellState PortGridWidget::stateOf(const QList<const ProbeTrack*>& tracks, GridRow row) const
{
    if (tracks.isEmpty())
        return CellState::Empty;
    bool anyRunning = false;
    bool anyPending = false;
    bool anyDone = false;
    for (const ProbeTrack* track : tracks) {
        anyRunning = anyRunning || track->phase == ProbePhase::Running;
        anyPending = anyPending || track->phase == ProbePhase::Pending;
        anyDone = anyDone || track->phase == ProbePhase::Done;
    }
    if (anyRunning || (anyPending && anyDone))
        return CellState::Running;
    if (anyPending)
        return CellState::Pending;

    // A probe that did not apply (no IPv6 address, TLS failed first) says
    // nothing when a sibling in the cell did run.
    QList<CellState> states;
    for (const ProbeTrack* track : tracks) {
        if (track->result.status != ProbeStatus::Skipped)
            states << cellStateOf(track->result.verdict());
    }
    if (states.isEmpty())
        return CellState::Skipped;
    // One address family open and the other refused: an encoder that tries
    // only the first address it gets may fail.
    if (row == GridRow::Tcp && states.contains(CellState::Pass) && states.contains(CellState::Fail))
        return CellState::Warn;
    CellState worst = states.first();
    for (CellState state : std::as_const(states)) {
        if (severityRank(state) > severityRank(worst))
            worst = state;
    }
    return worst;
}

CellState PortGridWidget::cellState(GridRow row, quint16 port) const
{
    return stateOf(tracksIn(row, port), row);
}

QStringList PortGridWidget::cellProbeIds(GridRow row, quint16 port) const
{
    QStringList ids;
    for (const ProbeTrack* track : tracksIn(row, port))
        ids << track->result.probeId;
    return ids;
}

QString PortGridWidget::representativeProbe(GridRow row, quint16 port) const
{
    const QList<const ProbeTrack*> tracks = tracksIn(row, port);
    if (tracks.isEmpty())
        return {};
    // The deepest probe that shows the cell's state: for a passing TLS cell
    // that is the RTMP handshake inside TLS, for a failing one the culprit.
    const CellState state = stateOf(tracks, row);
    for (qsizetype index = tracks.size() - 1; index >= 0; --index) {
        const ProbeTrack* track = tracks[index];
        const CellState own = track->phase == ProbePhase::Running   ? CellState::Running
                              : track->phase == ProbePhase::Pending ? CellState::Pending
                                                                    : cellStateOf(track->result.verdict());
        if (own == state && track->result.status != ProbeStatus::Skipped)
            return track->result.probeId;
    }
    return tracks.first()->result.probeId;
}

QString PortGridWidget::cellToolTip(GridRow row, quint16 port) const
{
    QStringList blocks;
    for (const ProbeTrack* track : tracksIn(row, port))
        blocks << describeTrack(*track, m_model.nowMs(), m_technical);
    return blocks.join(QStringLiteral("\n\n"));
}

QString PortGridWidget::rowLabel(GridRow row) const
{
    switch (row) {
    case GridRow::Tcp:
        return tr("TCP");
    case GridRow::Handshake:
        return tr("RTMP handshake");
    case GridRow::Tls:
        return tr("RTMPS / TLS");
    case GridRow::Rtmpt:
        return tr("RTMPT");
    case GridRow::Connect:
        return tr("Connect");
    }
    return {};
}

PortGridWidget::Geometry PortGridWidget::geometry() const
{
    const QFontMetrics metrics = fontMetrics();
    Geometry geometry;
    for (GridRow row : kRows)
        geometry.rowLabelWidth = std::max(geometry.rowLabelWidth, metrics.horizontalAdvance(rowLabel(row)));
    geometry.rowLabelWidth += 3 * kPad;
    geometry.headerHeight = 2 * metrics.height() + kPad;
    geometry.rowHeight = std::max(30, metrics.height() + 14);
    const int columns = std::max<int>(1, int(m_ports.size()));
    const int minimum =
        std::max(kMinColumnWidth, metrics.horizontalAdvance(QStringLiteral("00000")) + kPad * 2);
    geometry.columnWidth =
        std::clamp((width() - geometry.rowLabelWidth) / columns, minimum, std::max(minimum, kMaxColumnWidth));
    geometry.legendTop = geometry.headerHeight + kGridRowCount * geometry.rowHeight + kPad;
    return geometry;
}

QRect PortGridWidget::cellRectAt(const Geometry& geometry, GridRow row, int column) const
{
    return QRect(geometry.rowLabelWidth + column * geometry.columnWidth,
                 geometry.headerHeight + int(row) * geometry.rowHeight, geometry.columnWidth,
                 geometry.rowHeight);
}

QRect PortGridWidget::cellRect(GridRow row, quint16 port) const
{
    const int column = int(m_ports.indexOf(port));
    if (column < 0)
        return {};
    return cellRectAt(geometry(), row, column);
}

QSize PortGridWidget::sizeHint() const
{
    const Geometry geometry = this->geometry();
    const int columns = std::max<int>(4, int(m_ports.size()));
    const int legendHeight = fontMetrics().height() + 2 * kPad;
    return {geometry.rowLabelWidth + columns * kPreferredColumnWidth + kPad,
            geometry.legendTop + legendHeight};
}

QSize PortGridWidget::minimumSizeHint() const
{
    const QSize hint = sizeHint();
    const int columns = std::max<int>(4, int(m_ports.size()));
    return {geometry().rowLabelWidth + columns * kMinColumnWidth, hint.height()};
}

PortGridWidget::Cell PortGridWidget::cellAt(const QPoint& position) const
{
    const Geometry geometry = this->geometry();
    if (position.x() < geometry.rowLabelWidth || position.y() < geometry.headerHeight)
        return {};
    const int column = (position.x() - geometry.rowLabelWidth) / geometry.columnWidth;
    const int row = (position.y() - geometry.headerHeight) / geometry.rowHeight;
    if (column >= m_ports.size() || row >= kGridRowCount)
        return {};
    return {kRows[row], column};
}

bool PortGridWidget::isActive(const Cell& cell) const
{
    return cell.isValid() && cell.column < m_ports.size() &&
           m_cellTracks.contains(keyOf(cell.row, m_ports[cell.column]));
}

QString PortGridWidget::selectedProbeId() const
{
    if (!isActive(m_selected))
        return {};
    return representativeProbe(m_selected.row, m_ports[m_selected.column]);
}

void PortGridWidget::selectProbe(const QString& probeId)
{
    Cell found;
    const qsizetype index = m_model.indexOf(probeId);
    if (index >= 0) {
        const ProbeResult& result = m_model.tracks()[index].result;
        const std::optional<GridRow> row = gridRowOf(result);
        const int column = int(m_ports.indexOf(result.target.port));
        if (row && column >= 0)
            found = {*row, column};
    }
    select(found, false);
}

void PortGridWidget::select(const Cell& cell, bool notify)
{
    if (m_selected == cell) {
        if (notify && isActive(cell))
            emit probeSelected(selectedProbeId());
        return;
    }
    m_selected = cell;
    update();
    updateAccessibleDescription();
    if (notify && isActive(cell))
        emit probeSelected(selectedProbeId());
}

void PortGridWidget::moveSelection(int rowStep, int columnStep)
{
    if (m_ports.isEmpty())
        return;
    if (!isActive(m_selected)) {
        for (int column = 0; column < m_ports.size(); ++column) {
            for (GridRow row : kRows) {
                if (isActive({row, column})) {
                    select({row, column}, true);
                    return;
                }
            }
        }
        return;
    }
    // Walk in the asked direction to the next cell that holds a probe.
    int row = int(m_selected.row);
    int column = m_selected.column;
    for (;;) {
        row += rowStep;
        column += columnStep;
        if (row < 0 || row >= kGridRowCount || column < 0 || column >= m_ports.size())
            return;
        if (isActive({kRows[row], column})) {
            select({kRows[row], column}, true);
            return;
        }
    }
}

void PortGridWidget::updateAccessibleDescription()
{
    QString description;
    if (isActive(m_selected)) {
        const quint16 port = m_ports[m_selected.column];
        description = tr("%1 on port %2: %3")
                          .arg(rowLabel(m_selected.row))
                          .arg(port)
                          .arg(ProbeWords::state(cellState(m_selected.row, port)));
    }
    if (description == accessibleDescription())
        return;
    setAccessibleDescription(description);
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void PortGridWidget::setReducedMotion(bool reduced)
{
    m_reducedMotion = reduced;
    updateAnimation();
    update();
}

void PortGridWidget::updateAnimation()
{
    const bool wanted = !m_reducedMotion && m_model.runningCount() > 0;
    if (wanted && !m_pulse.isActive())
        m_pulse.start();
    else if (!wanted && m_pulse.isActive())
        m_pulse.stop();
    update();
}

void PortGridWidget::updateRunningCells()
{
    const Geometry geometry = this->geometry();
    for (int column = 0; column < m_ports.size(); ++column) {
        for (GridRow row : kRows) {
            if (cellState(row, m_ports[column]) == CellState::Running)
                update(cellRectAt(geometry, row, column));
        }
    }
}

bool PortGridWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Cell cell = cellAt(help->pos());
        if (isActive(cell)) {
            const quint16 port = m_ports[cell.column];
            QToolTip::showText(help->globalPos(), cellToolTip(cell.row, port), this,
                               cellRectAt(geometry(), cell.row, cell.column));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void PortGridWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Cell cell = cellAt(event->position().toPoint());
    if (isActive(cell))
        select(cell, true);
}

void PortGridWidget::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        moveSelection(0, -1);
        break;
    case Qt::Key_Right:
        moveSelection(0, 1);
        break;
    case Qt::Key_Up:
        moveSelection(-1, 0);
        break;
    case Qt::Key_Down:
        moveSelection(1, 0);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PortGridWidget::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    update();
}

void PortGridWidget::focusOutEvent(QFocusEvent* event)
{
    QWidget::focusOutEvent(event);
    update();
}

void PortGridWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setClipRect(event->rect());
    const QPalette& palette = this->palette();
    const Geometry geometry = this->geometry();
    const QFontMetrics metrics = fontMetrics();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor dim = cellColors(CellState::Empty, palette).ink;

    if (m_ports.isEmpty()) {
        painter.setPen(dim);
        painter.drawText(rect(), Qt::AlignCenter, tr("No test has started yet."));
        return;
    }

    // Column headers: the port, and under the URL's own port a note saying so.
    QFont bold = font();
    bold.setBold(true);
    for (int column = 0; column < m_ports.size(); ++column) {
        const QRect header(geometry.rowLabelWidth + column * geometry.columnWidth, 0, geometry.columnWidth,
                           geometry.headerHeight - kPad / 2);
        const bool isUrlPort = m_ports[column] == m_model.urlPort();
        painter.setFont(isUrlPort ? bold : font());
        painter.setPen(text);
        painter.drawText(header.adjusted(0, 0, 0, -metrics.height()), Qt::AlignHCenter | Qt::AlignBottom,
                         QString::number(m_ports[column]));
        if (isUrlPort) {
            QFont small = font();
            small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
            painter.setFont(small);
            painter.setPen(dim);
            painter.drawText(header.adjusted(0, metrics.height(), 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                             tr("your URL"));
        }
    }
    painter.setFont(font());

    const qreal pulse =
        0.5 + 0.5 * std::sin(2.0 * std::numbers::pi * double(m_motionClock.elapsed() % kPulsePeriodMs) /
                             kPulsePeriodMs);
    for (GridRow row : kRows) {
        const QRect label(kPad, geometry.headerHeight + int(row) * geometry.rowHeight,
                          geometry.rowLabelWidth - 2 * kPad, geometry.rowHeight);
        painter.setPen(text);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, rowLabel(row));

        for (int column = 0; column < m_ports.size(); ++column) {
            const QRect area = cellRectAt(geometry, row, column);
            if (!area.intersects(event->rect()))
                continue;
            const CellState state = cellState(row, m_ports[column]);
            const QRectF box = QRectF(area).adjusted(3, 3, -3, -3);
            painter.setRenderHint(QPainter::Antialiasing, true);
            if (state == CellState::Empty) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(cellColors(CellState::Empty, palette).border);
                painter.drawEllipse(box.center(), 1.5, 1.5);
                continue;
            }
            const CellColors colors = cellColors(state, palette);
            QPen border(colors.border, 1.0);
            if (state == CellState::Pending)
                border.setStyle(Qt::DashLine);
            if (state == CellState::Running) {
                QColor pulsing = colors.border;
                if (!m_reducedMotion)
                    pulsing.setAlphaF(0.35 + 0.65 * pulse);
                border = QPen(pulsing, 2.0);
            }
            painter.setPen(border);
            painter.setBrush(colors.fill);
            painter.drawRoundedRect(box, 4, 4);
            const qreal symbolSide = std::min<qreal>(18, box.height() - 8);
            paintStateSymbol(painter,
                             QRectF(box.center().x() - symbolSide / 2, box.center().y() - symbolSide / 2,
                                    symbolSide, symbolSide),
                             state, colors.ink);
        }
    }

    if (isActive(m_selected)) {
        const QRectF ring =
            QRectF(cellRectAt(geometry, m_selected.row, m_selected.column)).adjusted(1, 1, -1, -1);
        QPen pen(palette.color(QPalette::Highlight), hasFocus() ? 2.5 : 1.5);
        if (!hasFocus())
            pen.setStyle(Qt::DotLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(ring, 5, 5);
    }

    paintLegend(painter, geometry);
}

void PortGridWidget::paintLegend(QPainter& painter, const Geometry& geometry) const
{
    const QFontMetrics metrics = fontMetrics();
    const QPalette& palette = this->palette();
    const int symbolSide = metrics.height() - 2;
    int x = kPad;
    const int y = geometry.legendTop;
    for (CellState state : {CellState::Pass, CellState::Warn, CellState::Fail, CellState::Skipped,
                            CellState::Running, CellState::Pending}) {
        const CellColors colors = cellColors(state, palette);
        const QString word = ProbeWords::state(state);
        const QRectF swatch(x, y, symbolSide + 4, symbolSide + 4);
        painter.setPen(QPen(colors.border, 1.0, state == CellState::Pending ? Qt::DashLine : Qt::SolidLine));
        painter.setBrush(colors.fill);
        painter.drawRoundedRect(swatch, 3, 3);
        paintStateSymbol(painter, swatch.adjusted(2, 2, -2, -2), state, colors.ink);
        x += int(swatch.width()) + 4;
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(QRect(x, y, metrics.horizontalAdvance(word) + 2, int(swatch.height())),
                         Qt::AlignLeft | Qt::AlignVCenter, word);
        x += metrics.horizontalAdvance(word) + 14;
    }
}

} // namespace rd
