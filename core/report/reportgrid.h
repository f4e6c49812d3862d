#pragma once

#include "probe/probetypes.h"

#include <QList>
#include <QString>

// The port x protocol grid of a report: one row per port, one column per kind of test, each cell
// the verdict of the probe that ran there. Shared by the ticket summary and the PDF so both show
// the same thing.
namespace rd {

enum class ReportGridColumn
{
    TcpIpv4,   // tcp:<port>:ipv4
    TcpIpv6,   // tcp:<port>:ipv6
    Rtmp,      // handshake:<port>
    Tls,       // tls:<port>
    RtmpInTls, // handshake:<port>:tls
    Rtmpt,     // rtmpt:<port>, rtmpt:<port>:tls
    Http,      // liveness:<port>
    Connect,   // connect:<port>[:transport]
    Publish,   // publish:<port>[:transport]
};
QString gridColumnTitle(ReportGridColumn column); // "TCP IPv4", "RTMP", "RTMPS (TLS)", ...

struct ReportGridCell
{
    bool present = false; // a probe was planned here
    QString probeId;
    ProbeStatus status = ProbeStatus::NotRun;
    Verdict verdict = Verdict::Skipped;
};

struct ReportGridRow
{
    quint16 port = 0;
    QList<ReportGridCell> cells; // parallel to ReportGrid::columns
};

struct ReportGrid
{
    QList<ReportGridColumn> columns; // only columns with at least one planned probe, in enum order
    QList<ReportGridRow> rows;       // in the order the ports first appear in the results
    QList<ProbeResult> others;       // results that belong to no port cell (dns, proxy, flash-sequence)

    bool isEmpty() const { return rows.isEmpty(); }
    static ReportGrid fromResults(const QList<ProbeResult>& results);
};

// ✓ pass, ✗ fail, ! warning, – skipped or not run: readable without colour.
QString verdictSymbol(Verdict verdict);
// A short word for a cell, "open", "refused", "filtered", "ok", "rejected", ...
QString shortStatusText(ProbeStatus status);

} // namespace rd
