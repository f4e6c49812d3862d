#pragma once

#include "diagnostics/probepresentation.h"

#include <QList>
#include <QWidget>

namespace rd {

struct ProbeTrack;

// The conversation of one probe. RTMP probes (handshake, connect, publish,
// RTMPT) are drawn as a ladder: arrows between "This computer" and "Server"
// for C0+C1, S0+S1, C2, S2, connect, _result/_error..., each with its time
// since the probe started; what a failed probe never reached is drawn dashed.
// Other probes, and RTMP probes still running, show their steps as a list.
class HandshakeLadderWidget : public QWidget
{
    Q_OBJECT

public:
    struct Rung
    {
        enum class Kind
        {
            ToServer,
            ToClient,
            Note,
            NotReached, // an arrow of the usual conversation that never happened
        };
        Kind kind = Kind::Note;
        QString label;
        qint64 atMs = -1; // since the probe started; -1 when unknown
        bool failure = false;
        bool toServer = true; // NotReached only: the direction it would have had
    };

    explicit HandshakeLadderWidget(QWidget* parent = nullptr);

    // Shows `track` (a copy is kept); nullptr shows a hint to pick a probe.
    void showTrack(const ProbeTrack* track);
    void setTechnicalView(bool on);

    QString probeId() const { return m_probeId; }
    // Arrows between the two sides (true) or a list of steps (false).
    bool showsLadder() const { return m_ladder; }
    QList<Rung> rungs() const { return m_rungs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The full text of a rung, which the drawing may have to shorten.
    QString rungToolTip(int index) const;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    int headerHeight() const;
    int rungHeight() const;
    void paintHeader(QPainter& painter, int lifelineLeft, int lifelineRight) const;

    QString m_probeId;
    QString m_title;
    QString m_serverEndpoint;
    CellState m_state = CellState::Empty;
    bool m_ladder = false;
    bool m_technical = false;
    QList<Rung> m_rungs;
};

} // namespace rd
