#include "ladderwidget.h"

#include "diagnostics/diagnosticsmodel.h"
#include "engine/diagnosticsession.h"
#include "probe/netprobes.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace rd {

namespace {

constexpr int kPad = 6;
constexpr int kArrowHead = 7;

using Rung = HandshakeLadderWidget::Rung;

bool drawnAsLadder(ProbeKind kind)
{
    return kind == ProbeKind::Handshake || kind == ProbeKind::Connect || kind == ProbeKind::Publish ||
           kind == ProbeKind::Rtmpt;
}

// One message of the usual RTMP conversation and how its transcript line begins.
struct ExpectedMessage
{
    bool toServer;
    QStringList prefixes;
    QString label;
};

QList<ExpectedMessage> expectedConversation(ProbeKind kind)
{
    QList<ExpectedMessage> messages;
    if (kind != ProbeKind::Handshake && kind != ProbeKind::Connect && kind != ProbeKind::Publish)
        return messages;
    messages << ExpectedMessage{true, {QStringLiteral("C0")}, QStringLiteral("C0+C1")}
             << ExpectedMessage{false, {QStringLiteral("S0")}, QStringLiteral("S0+S1")}
             << ExpectedMessage{true, {QStringLiteral("C2")}, QStringLiteral("C2")}
             << ExpectedMessage{false, {QStringLiteral("S2")}, QStringLiteral("S2")};
    if (kind == ProbeKind::Handshake)
        return messages;
    messages << ExpectedMessage{true, {QStringLiteral("connect")}, QStringLiteral("connect")}
             << ExpectedMessage{false,
                                {QStringLiteral("_result"), QStringLiteral("_error")},
                                QStringLiteral("_result / _error")};
    if (kind == ProbeKind::Connect)
        return messages;
    messages << ExpectedMessage{true, {QStringLiteral("createStream")}, QStringLiteral("createStream")}
             << ExpectedMessage{false, {QStringLiteral("_result")}, QStringLiteral("_result")}
             << ExpectedMessage{true, {QStringLiteral("publish")}, QStringLiteral("publish")}
             << ExpectedMessage{false, {QStringLiteral("onStatus")}, QStringLiteral("onStatus")};
    return messages;
}

bool matches(const ExpectedMessage& message, const TranscriptEntry& entry)
{
    const bool toServer = entry.direction == TranscriptDirection::Sent;
    if (entry.direction == TranscriptDirection::Note || toServer != message.toServer)
        return false;
    return std::any_of(message.prefixes.cbegin(), message.prefixes.cend(),
                       [&entry](const QString& prefix) { return entry.summary.startsWith(prefix); });
}

QString timeLabel(qint64 ms)
{
    return ms < 0 ? QString() : HandshakeLadderWidget::tr("+%1").arg(ProbeWords::duration(ms));
}

} // namespace

HandshakeLadderWidget::HandshakeLadderWidget(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HandshakeLadderWidget::setTechnicalView(bool on)
{
    m_technical = on;
    updateGeometry();
    update();
}

void HandshakeLadderWidget::showTrack(const ProbeTrack* track)
{
    m_rungs.clear();
    m_ladder = false;
    if (track == nullptr) {
        m_probeId.clear();
        m_title.clear();
        m_serverEndpoint.clear();
        m_state = CellState::Empty;
        setAccessibleDescription({});
        updateGeometry();
        update();
        return;
    }
    const ProbeResult& result = track->result;
    m_probeId = result.probeId;
    m_title = ProbeWords::title(result);
    m_serverEndpoint = netprobe::endpointText(
        result.target.address.isEmpty() ? result.target.host : result.target.address, result.target.port);
    switch (track->phase) {
    case ProbePhase::Pending:
        m_state = CellState::Pending;
        m_rungs << Rung{Rung::Kind::Note, tr("Waiting for the tests it depends on."), -1, false, true};
        break;
    case ProbePhase::Running:
        m_state = CellState::Running;
        for (const ProbeStep& step : track->liveSteps) {
            const QString text = step.detail.isEmpty() ? step.name : tr("%1: %2").arg(step.name, step.detail);
            m_rungs << Rung{Rung::Kind::Note, text, step.atMs, false, true};
        }
        m_rungs << Rung{Rung::Kind::Note, tr("Still running..."), -1, false, true};
        break;
    case ProbePhase::Done: {
        m_state = cellStateOf(result.verdict());
        const bool failed = m_state == CellState::Fail || m_state == CellState::Warn;
        m_ladder = drawnAsLadder(result.kind) && track->ran() && !result.transcript.isEmpty();
        if (!m_ladder) {
            for (const ProbeStep& step : result.steps) {
                const QString text =
                    step.detail.isEmpty() ? step.name : tr("%1: %2").arg(step.name, step.detail);
                m_rungs << Rung{Rung::Kind::Note, text, step.atMs, false, true};
            }
            if (!result.message.isEmpty())
                m_rungs << Rung{Rung::Kind::Note, result.message, track->ran() ? result.elapsedMs : -1,
                                failed, true};
            const QString skipReason = result.facts.value(sessionfacts::skipReason).toString();
            if (!skipReason.isEmpty())
                m_rungs << Rung{Rung::Kind::Note, tr("Why it did not run: %1").arg(skipReason), -1, false,
                                true};
            break;
        }
        const QList<ExpectedMessage> expected = expectedConversation(result.kind);
        qsizetype reached = 0;
        for (const TranscriptEntry& entry : result.transcript) {
            switch (entry.direction) {
            case TranscriptDirection::Sent:
                m_rungs << Rung{Rung::Kind::ToServer, entry.summary, entry.atMs, false, true};
                break;
            case TranscriptDirection::Received:
                m_rungs << Rung{Rung::Kind::ToClient, entry.summary, entry.atMs, false, false};
                break;
            case TranscriptDirection::Note:
                m_rungs << Rung{Rung::Kind::Note, entry.summary, entry.atMs, false, true};
                break;
            }
            for (qsizetype next = reached; next < expected.size(); ++next) {
                if (matches(expected[next], entry)) {
                    reached = next + 1;
                    break;
                }
            }
        }
        if (m_state != CellState::Pass) {
            m_rungs << Rung{Rung::Kind::Note, result.message, result.elapsedMs, failed, true};
            for (qsizetype next = reached; next < expected.size(); ++next)
                m_rungs << Rung{Rung::Kind::NotReached, expected[next].label, -1, false,
                                expected[next].toServer};
        }
        break;
    }
    }
    setAccessibleDescription(tr("%1: %2").arg(m_title, ProbeWords::state(m_state)));
    updateGeometry();
    update();
}

int HandshakeLadderWidget::headerHeight() const
{
    const int line = fontMetrics().height();
    int height = line + 2 * kPad;
    if (m_ladder)
        height += (m_technical ? 2 * line : line) + 10 + kPad;
    return height;
}

int HandshakeLadderWidget::rungHeight() const
{
    const int line = fontMetrics().height();
    return m_ladder ? line + 14 : line + 6;
}

QSize HandshakeLadderWidget::sizeHint() const
{
    const int rows = std::max<int>(1, int(m_rungs.size()));
    return {380, headerHeight() + rows * rungHeight() + kPad};
}

QSize HandshakeLadderWidget::minimumSizeHint() const
{
    return {260, sizeHint().height()};
}

QString HandshakeLadderWidget::rungToolTip(int index) const
{
    if (index < 0 || index >= m_rungs.size())
        return {};
    const Rung& rung = m_rungs[index];
    QString text = rung.label;
    switch (rung.kind) {
    case Rung::Kind::ToServer:
        text = tr("This computer to the server: %1").arg(rung.label);
        break;
    case Rung::Kind::ToClient:
        text = tr("Server to this computer: %1").arg(rung.label);
        break;
    case Rung::Kind::NotReached:
        text = tr("Never reached: %1").arg(rung.label);
        break;
    case Rung::Kind::Note:
        break;
    }
    if (rung.atMs >= 0)
        text = tr("%1 after the start: %2").arg(ProbeWords::duration(rung.atMs), text);
    return text;
}

bool HandshakeLadderWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int top = headerHeight();
        const int index = help->pos().y() < top ? -1 : (help->pos().y() - top) / rungHeight();
        const QString text = rungToolTip(index);
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this,
                               QRect(0, top + index * rungHeight(), width(), rungHeight()));
        }
        return true;
    }
    return QWidget::event(event);
}

void HandshakeLadderWidget::paintHeader(QPainter& painter, int lifelineLeft, int lifelineRight) const
{
    const QFontMetrics metrics = fontMetrics();
    const QPalette& palette = this->palette();
    const int line = metrics.height();
    const CellColors colors = cellColors(m_state, palette);
    paintStateSymbol(painter, QRectF(kPad, kPad + 1, line - 2, line - 2), m_state, colors.ink);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette.color(QPalette::WindowText));
    const QString heading = tr("%1: %2").arg(m_title, ProbeWords::state(m_state));
    const QRect titleRect(kPad + line + 2, kPad, width() - 2 * kPad - line - 2, line);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(heading, Qt::ElideRight, titleRect.width()));
    painter.setFont(font());
    if (!m_ladder)
        return;

    const int boxTop = line + 2 * kPad;
    const int boxHeight = (m_technical ? 2 * line : line) + 10;
    const auto drawBox = [&](int centre, const QString& name, const QString& detail) {
        const int textWidth = std::max(metrics.horizontalAdvance(name), metrics.horizontalAdvance(detail));
        const QRect box(centre - textWidth / 2 - 8, boxTop, textWidth + 16, boxHeight);
        painter.setPen(QPen(palette.color(QPalette::Mid), 1.0));
        painter.setBrush(palette.color(QPalette::Button));
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(palette.color(QPalette::ButtonText));
        painter.drawText(box.adjusted(0, 5, 0, 0), Qt::AlignHCenter | Qt::AlignTop, name);
        if (!detail.isEmpty())
            painter.drawText(box.adjusted(0, 5 + line, 0, 0), Qt::AlignHCenter | Qt::AlignTop, detail);
    };
    drawBox(lifelineLeft, tr("This computer"), QString());
    drawBox(lifelineRight, tr("Server"), m_technical ? m_serverEndpoint : QString());
}

void HandshakeLadderWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setClipRect(event->rect());
    const QFontMetrics metrics = fontMetrics();
    const QPalette& palette = this->palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor dim = cellColors(CellState::Empty, palette).ink;
    const int line = metrics.height();

    if (m_probeId.isEmpty()) {
        painter.setPen(dim);
        painter.drawText(rect().adjusted(kPad, kPad, -kPad, -kPad), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Pick a cell of the grid or a row of the timeline to see what was said."));
        return;
    }

    const int timeWidth = metrics.horizontalAdvance(QStringLiteral("+00.0 s")) + kPad;
    const int boxHalf = std::max(metrics.horizontalAdvance(tr("This computer")),
                                 m_technical ? metrics.horizontalAdvance(m_serverEndpoint) : 0) /
                            2 +
                        10;
    const int lifelineLeft = timeWidth + kPad + boxHalf;
    const int lifelineRight = std::max(lifelineLeft + 80, width() - kPad - boxHalf);
    paintHeader(painter, lifelineLeft, lifelineRight);

    const int top = headerHeight();
    const int rowHeight = rungHeight();
    const int bottom = top + int(m_rungs.size()) * rowHeight;
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (m_ladder) {
        QPen lifeline(cellColors(CellState::Empty, palette).border, 1.5, Qt::DashLine);
        painter.setPen(lifeline);
        painter.drawLine(lifelineLeft, top - kPad, lifelineLeft, bottom);
        painter.drawLine(lifelineRight, top - kPad, lifelineRight, bottom);
    }

    const CellColors failColors = cellColors(CellState::Fail, palette);
    for (qsizetype index = 0; index < m_rungs.size(); ++index) {
        const Rung& rung = m_rungs[index];
        const QRect row(0, top + int(index) * rowHeight, width(), rowHeight);
        if (!row.intersects(event->rect()))
            continue;
        painter.setPen(dim);
        painter.drawText(QRect(kPad, row.top(), timeWidth, line + 4), Qt::AlignRight | Qt::AlignVCenter,
                         timeLabel(rung.atMs));

        if (!m_ladder || rung.kind == Rung::Kind::Note) {
            const int left = m_ladder ? lifelineLeft + 8 : timeWidth + 2 * kPad;
            const int right = m_ladder ? lifelineRight - 8 : width() - kPad;
            int textLeft = left;
            if (rung.failure) {
                paintStateSymbol(painter, QRectF(left, row.top() + 3, line - 4, line - 4), CellState::Fail,
                                 failColors.ink);
                textLeft += line;
            }
            QFont noteFont = font();
            noteFont.setItalic(m_ladder && !rung.failure);
            painter.setFont(noteFont);
            painter.setPen(rung.failure ? failColors.ink : text);
            const QRect textRect(textLeft, row.top(), right - textLeft, line + 4);
            painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                             QFontMetrics(noteFont).elidedText(rung.label, Qt::ElideRight, textRect.width()));
            painter.setFont(font());
            continue;
        }

        const bool toServer =
            rung.kind == Rung::Kind::NotReached ? rung.toServer : rung.kind == Rung::Kind::ToServer;
        const bool missing = rung.kind == Rung::Kind::NotReached;
        const int arrowY = row.top() + line + 7;
        const int from = toServer ? lifelineLeft : lifelineRight;
        const int to = toServer ? lifelineRight : lifelineLeft;
        const QColor ink = missing ? cellColors(CellState::Empty, palette).border : text;
        painter.setPen(QPen(ink, 1.5, missing ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(from, arrowY, to - (toServer ? 2 : -2), arrowY);
        const int direction = toServer ? -1 : 1;
        QPainterPath head;
        head.moveTo(to, arrowY);
        head.lineTo(to + direction * kArrowHead, arrowY - kArrowHead / 2.0);
        head.lineTo(to + direction * kArrowHead, arrowY + kArrowHead / 2.0);
        head.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawPath(head);

        const QString label = missing ? tr("%1 (not reached)").arg(rung.label) : rung.label;
        const QRect labelRect(lifelineLeft + 10, row.top() + 1, lifelineRight - lifelineLeft - 20, line + 2);
        painter.setPen(missing ? dim : text);
        painter.drawText(labelRect, (toServer ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                         metrics.elidedText(label, Qt::ElideRight, labelRect.width()));
    }
}

} // namespace rd
