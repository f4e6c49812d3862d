#include "pdf/pdfreport.h"

#include "report/reportgrid.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextOption>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace rd {

namespace {

constexpr int kResolution = 300; // dots per inch of the PDF's coordinate space
// Caps for the appendix, so a huge (or hostile) saved session still gives a readable PDF in
// bounded time.
constexpr qsizetype kMaxTranscriptEntriesPerProbe = 200;
constexpr qsizetype kMaxProbes = 500;      // a real ladder has about 30
constexpr qsizetype kMaxListEntries = 100; // causes, remedies, evidence, walkthrough answers
constexpr qsizetype kMaxTextLength = 2000; // one probe message, evidence quote, step text
constexpr qsizetype kMaxLineLength = 500;  // one transcript summary or step detail
constexpr int kMaxHexLinesPerEntry = 8;

struct Palette
{
    QColor strong;
    QColor light;
};

Palette verdictPalette(ReportVerdict verdict)
{
    switch (verdict) {
    case ReportVerdict::Healthy:
        return {QColor(0x2e, 0x7d, 0x32), QColor(0xe8, 0xf5, 0xe9)};
    case ReportVerdict::Problem:
        return {QColor(0xc6, 0x28, 0x28), QColor(0xff, 0xeb, 0xee)};
    case ReportVerdict::Uncertain:
        return {QColor(0xb2, 0x6a, 0x00), QColor(0xff, 0xf3, 0xe0)};
    }
    return {Qt::black, Qt::white};
}

QString reportVerdictSymbol(ReportVerdict verdict)
{
    switch (verdict) {
    case ReportVerdict::Healthy:
        return verdictSymbol(Verdict::Pass);
    case ReportVerdict::Problem:
        return verdictSymbol(Verdict::Fail);
    case ReportVerdict::Uncertain:
        return verdictSymbol(Verdict::Warn);
    }
    return {};
}

Palette cellPalette(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return {QColor(0x2e, 0x7d, 0x32), QColor(0xc8, 0xe6, 0xc9)};
    case Verdict::Fail:
        return {QColor(0xc6, 0x28, 0x28), QColor(0xff, 0xcd, 0xd2)};
    case Verdict::Warn:
        return {QColor(0xb2, 0x6a, 0x00), QColor(0xff, 0xe0, 0xb2)};
    case Verdict::Skipped:
        return {QColor(0x75, 0x75, 0x75), QColor(0xee, 0xee, 0xee)};
    }
    return {Qt::black, Qt::white};
}

QString html(const QString& text)
{
    return text.toHtmlEscaped();
}

QString timeText(const QDateTime& dateTime)
{
    return dateTime.isValid() ? dateTime.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s
                              : u"time unknown"_s;
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    return u"%1 s"_s.arg(double(ms) / 1000.0, 0, 'f', 1);
}

// 1, 2 or 5 times a power of ten, so that about `wanted` ticks cover `span`.
double niceTickStep(double span, int wanted)
{
    const double raw = std::max(span / std::max(wanted, 1), 1.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw)
            return factor * magnitude;
    }
    return 10.0 * magnitude;
}

QByteArray xmpMetadata(const QString& title, const QString& author, const QDateTime& created)
{
    const QString escapedTitle = title.toHtmlEscaped();
    const QString escapedAuthor = author.toHtmlEscaped();
    QString packet =
        u"<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        u"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        u" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        u"  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        u"    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        u"   <dc:format>application/pdf</dc:format>\n"
        u"   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
        u"   <dc:creator><rdf:Seq><rdf:li>%2</rdf:li></rdf:Seq></dc:creator>\n"
        u"   <xmp:CreatorTool>%2</xmp:CreatorTool>\n"_s.arg(escapedTitle, escapedAuthor);
    if (created.isValid())
        packet += u"   <xmp:CreateDate>%1</xmp:CreateDate>\n"_s.arg(created.toUTC().toString(Qt::ISODate));
    packet += u"   <pdf:Producer>Qt %1</pdf:Producer>\n"
              u"  </rdf:Description>\n"
              u" </rdf:RDF>\n"
              u"</x:xmpmeta>\n"
              u"<?xpacket end=\"w\"?>"_s.arg(QString::fromLatin1(qVersion()));
    return packet.toUtf8();
}

QString clipped(const QString& text, qsizetype maximum)
{
    return text.size() <= maximum ? text : text.left(maximum) + u" …"_s;
}

void clipResult(ProbeResult& result)
{
    result.message = clipped(result.message, kMaxTextLength);
    result.steps = result.steps.mid(0, kMaxListEntries);
    for (ProbeStep& step : result.steps) {
        step.name = clipped(step.name, kMaxLineLength);
        step.detail = clipped(step.detail, kMaxLineLength);
    }
    for (TranscriptEntry& entry : result.transcript)
        entry.summary = clipped(entry.summary, kMaxLineLength);
}

void clipRemedies(QList<ReportRemedy>& remedies)
{
    remedies = remedies.mid(0, kMaxListEntries);
    for (ReportRemedy& remedy : remedies) {
        remedy.explanation = clipped(remedy.explanation, kMaxTextLength);
        remedy.steps = remedy.steps.mid(0, kMaxListEntries);
        for (RemedyStep& step : remedy.steps)
            step.text = clipped(step.text, kMaxTextLength);
    }
}

// A saved session can come from anywhere: whatever it holds, the PDF stays a readable size and is
// made in bounded time. Returns how many probe results were left out.
qsizetype limitForPdf(ReportModel& model)
{
    const qsizetype omitted = std::max<qsizetype>(0, model.probes.size() - kMaxProbes);
    model.probes = model.probes.mid(0, kMaxProbes);
    for (ProbeResult& result : model.probes)
        clipResult(result);
    model.verdictSummary = clipped(model.verdictSummary, kMaxTextLength);
    for (QList<ReportCause>* causes : {&model.diagnosis.causes, &model.diagnosis.ruledOut}) {
        *causes = causes->mid(0, kMaxListEntries);
        for (ReportCause& cause : *causes) {
            cause.plainExplanation = clipped(cause.plainExplanation, kMaxTextLength);
            cause.technicalLine = clipped(cause.technicalLine, kMaxTextLength);
            cause.evidenceFor = cause.evidenceFor.mid(0, kMaxListEntries);
            cause.evidenceAgainst = cause.evidenceAgainst.mid(0, kMaxListEntries);
            for (QList<Evidence>* list : {&cause.evidenceFor, &cause.evidenceAgainst}) {
                for (Evidence& item : *list)
                    item.quote = clipped(item.quote, kMaxTextLength);
            }
            clipRemedies(cause.remedies);
        }
    }
    clipRemedies(model.diagnosis.relatedEntries);
    model.walkthrough = model.walkthrough.mid(0, kMaxListEntries);
    for (WalkthroughEntry& entry : model.walkthrough) {
        entry.retestResults = entry.retestResults.mid(0, kMaxListEntries);
        for (ProbeResult& result : entry.retestResults)
            clipResult(result);
    }
    model.inputs.urlFindings = model.inputs.urlFindings.mid(0, kMaxListEntries);
    return omitted;
}

class PdfRenderer
{
public:
    PdfRenderer(const ReportModel& model, const PdfReportOptions& options, QPdfWriter& writer,
                qsizetype omittedProbes)
        : m_model(model)
        , m_omittedProbes(omittedProbes)
        , m_options(options)
        , m_writer(writer)
    {
        m_page = QRectF(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
        const double margin = mm(16);
        m_body = m_page.adjusted(margin, mm(20), -margin, -mm(18));
        m_sans = QFont(u"DejaVu Sans"_s);
        m_sans.setStyleHint(QFont::SansSerif);
        // No ligatures: a copied or searched "firewall" must not come out as "ﬁrewall".
        m_sans.setStyleStrategy(QFont::PreferNoShaping);
    }

    int render()
    {
        buildBodyDocument();
        const int coverPages = 1;
        const QList<ProbeResult> charted = chartedProbes();
        const int rowsPerPage = timelineRowsPerPage();
        const int timelinePages =
            charted.isEmpty() ? 0 : int((charted.size() + rowsPerPage - 1) / rowsPerPage);
        const int bodyPages = m_document.pageCount();
        m_totalPages = coverPages + timelinePages + bodyPages;

        QPainter painter(&m_writer);
        m_painter = &painter;
        painter.setRenderHint(QPainter::Antialiasing);

        paintCover();
        for (int page = 0; page < timelinePages; ++page) {
            nextPage();
            paintTimeline(charted.mid(qsizetype(page) * rowsPerPage, rowsPerPage), page, timelinePages);
        }
        for (int page = 0; page < bodyPages; ++page) {
            nextPage();
            paintBodyPage(page);
        }
        painter.end();
        m_painter = nullptr;
        return m_totalPages;
    }

private:
    double mm(double millimetres) const { return millimetres * kResolution / 25.4; }

    QFont sans(double points, bool bold = false) const
    {
        QFont font = m_sans;
        font.setPointSizeF(points);
        font.setBold(bold);
        return font;
    }

    void nextPage()
    {
        m_writer.newPage();
        ++m_pageNumber;
        paintChrome();
    }

    // Header and footer: what the report is about, when it was tested, page n of m.
    void paintChrome()
    {
        QPainter& painter = *m_painter;
        painter.save();
        const QFont font = sans(7.5);
        painter.setFont(font);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const double headerY = m_body.top() - mm(9);
        const QRectF header(m_body.left(), headerY, m_body.width(), mm(5));
        painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter,
                         u"RTMP Doctor report · tested %1"_s.arg(timeText(m_model.startedAt)));
        painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, reportVerdictTitle(m_model.verdict));
        painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), mm(0.2)));
        painter.drawLine(QPointF(m_body.left(), headerY + mm(5.5)),
                         QPointF(m_body.right(), headerY + mm(5.5)));

        const double footerY = m_body.bottom() + mm(5);
        painter.drawLine(QPointF(m_body.left(), footerY), QPointF(m_body.right(), footerY));
        const QRectF footer(m_body.left(), footerY + mm(1), m_body.width(), mm(5));
        painter.setPen(QColor(0x55, 0x55, 0x55));
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                         u"Page %1 of %2"_s.arg(m_pageNumber).arg(m_totalPages));
        const QString privacy = m_options.report.includeSecrets
                                    ? u"CONTAINS SECRETS (stream key, tokens, passwords): do not share"_s
                                    : u"Stream keys, tokens and passwords are hidden in this report"_s;
        if (m_options.report.includeSecrets)
            painter.setPen(verdictPalette(ReportVerdict::Problem).strong);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, privacy);
        painter.restore();
    }

    // Draws wrapped text at (x, y) within `width`; returns the height used.
    double paragraph(const QString& text, const QFont& font, double x, double y, double width,
                     const QColor& color = Qt::black, int flags = Qt::AlignLeft)
    {
        QPainter& painter = *m_painter;
        painter.save();
        painter.setFont(font);
        painter.setPen(color);
        const QTextOption option = wrapping(flags);
        const QRectF box(x, y, width, m_page.height());
        const QRectF used = painter.boundingRect(box, text, option);
        painter.drawText(QRectF(x, y, width, used.height()), text, option);
        painter.restore();
        return used.height();
    }

    // Word wrap that also breaks a word longer than the line: an address with its token revealed
    // would otherwise run off the page, and what is off the page is not in the report.
    static QTextOption wrapping(int flags)
    {
        QTextOption option(Qt::Alignment(flags) & Qt::AlignHorizontal_Mask);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        return option;
    }

    // The height paragraph() will use; only while painting.
    double measure(const QString& text, const QFont& font, double width) const
    {
        QPainter& painter = *m_painter;
        painter.save();
        painter.setFont(font);
        const double height =
            painter.boundingRect(QRectF(0, 0, width, m_page.height()), text, wrapping(Qt::AlignLeft))
                .height();
        painter.restore();
        return height;
    }

    void paintCover()
    {
        m_pageNumber = 1;
        paintChrome();
        QPainter& painter = *m_painter;
        const ReportModel& model = m_model;
        double y = m_body.top();

        y += paragraph(u"RTMP Doctor report"_s, sans(22, true), m_body.left(), y, m_body.width());
        y += paragraph(u"Why a live stream cannot reach its ingest server: the test of one ingest address, "
                       u"step by step."_s,
                       sans(10), m_body.left(), y + mm(1), m_body.width(), QColor(0x55, 0x55, 0x55));
        y += mm(6);

        // The verdict box: colour, symbol and word together.
        const Palette palette = verdictPalette(model.verdict);
        const double padding = mm(5);
        const double badge = mm(18);
        const double textX = m_body.left() + padding + badge + mm(5);
        const double textWidth = m_body.right() - padding - textX;
        const QString title = reportVerdictTitle(model.verdict);
        const double titleHeight = measure(title, sans(18, true), textWidth);
        const double summaryHeight = measure(model.verdictSummary, sans(10.5), textWidth);
        const double boxHeight = std::max(badge, titleHeight + mm(2) + summaryHeight) + 2 * padding;
        const QRectF box(m_body.left(), y, m_body.width(), boxHeight);
        painter.save();
        painter.setPen(QPen(palette.strong, mm(0.8)));
        painter.setBrush(palette.light);
        painter.drawRoundedRect(box, mm(2), mm(2));
        const QRectF badgeRect(box.left() + padding, box.top() + padding, badge, badge);
        painter.setPen(Qt::NoPen);
        painter.setBrush(palette.strong);
        painter.drawEllipse(badgeRect);
        painter.setPen(Qt::white);
        painter.setFont(sans(30, true));
        painter.drawText(badgeRect, Qt::AlignCenter, reportVerdictSymbol(model.verdict));
        painter.restore();
        double textY = box.top() + padding;
        textY += paragraph(title, sans(18, true), textX, textY, textWidth, palette.strong);
        paragraph(model.verdictSummary, sans(10.5), textX, textY + mm(2), textWidth);
        y = box.bottom() + mm(5);

        if (m_options.report.includeSecrets) {
            const QString warning =
                u"Secrets included: this report shows the stream key, access tokens and passwords as they "
                u"are, because it was made with the option to include them. Do not share it."_s;
            const double warningHeight =
                measure(warning, sans(10, true), m_body.width() - 2 * mm(3)) + 2 * mm(3);
            const QRectF warningBox(m_body.left(), y, m_body.width(), warningHeight);
            painter.save();
            painter.setPen(QPen(verdictPalette(ReportVerdict::Problem).strong, mm(0.6), Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(warningBox);
            painter.restore();
            paragraph(warning, sans(10, true), warningBox.left() + mm(3), warningBox.top() + mm(3),
                      warningBox.width() - 2 * mm(3), verdictPalette(ReportVerdict::Problem).strong);
            y = warningBox.bottom() + mm(5);
        }

        // The facts a help desk asks for first.
        const ReportInputs& inputs = model.inputs;
        const ReportEnvironment& environment = model.environment;
        QList<QPair<QString, QString>> facts;
        const QString url = m_options.report.includeSecrets && !inputs.ingestUrlRevealed.isEmpty()
                                ? inputs.ingestUrlRevealed
                                : inputs.ingestUrl;
        facts << qMakePair(u"Address"_s,
                           url + (inputs.separateStreamKey ? u"  (stream key in its own box)"_s : QString()));
        if (!inputs.encoderName.isEmpty() || !inputs.encoderId.isEmpty())
            facts << qMakePair(u"Encoder"_s,
                               inputs.encoderName.isEmpty() ? inputs.encoderId : inputs.encoderName);
        if (!inputs.serverFamilyName.isEmpty())
            facts << qMakePair(u"Server"_s,
                               inputs.serverFamilyReason.isEmpty()
                                   ? inputs.serverFamilyName
                                   : u"%1 (%2)"_s.arg(inputs.serverFamilyName, inputs.serverFamilyReason));
        QString tested = timeText(model.startedAt);
        if (model.startedAt.isValid() && model.finishedAt.isValid())
            tested += u", took %1"_s.arg(durationText(model.startedAt.msecsTo(model.finishedAt)));
        facts << qMakePair(u"Tested"_s, tested);
        facts << qMakePair(u"Stream key check"_s, inputs.publishCheck
                                                      ? u"yes: the key was tried (no video was sent)"_s
                                                      : u"no: only the connection was tested"_s);
        facts << qMakePair(u"Proxy"_s, environment.proxy.isEmpty() ? inputs.proxy : environment.proxy);
        facts << qMakePair(u"Tested with"_s, u"%1 %2, Qt %3, %4"_s.arg(
                                                 environment.applicationName, environment.applicationVersion,
                                                 environment.qtVersion, environment.tlsLibrary));
        facts << qMakePair(u"System"_s, environment.operatingSystem);

        const double labelWidth = mm(38);
        for (const auto& [label, value] : std::as_const(facts)) {
            paragraph(label, sans(9, true), m_body.left(), y, labelWidth, QColor(0x44, 0x44, 0x44));
            y += paragraph(value, sans(9), m_body.left() + labelWidth, y, m_body.width() - labelWidth) +
                 mm(1.2);
        }
        y += mm(4);

        const ReportGrid grid = ReportGrid::fromResults(model.probes);
        y += paragraph(u"Ports and protocols"_s, sans(13, true), m_body.left(), y, m_body.width());
        y += mm(1);
        y += paragraph(u"One row per port, one column per test. ✓ passed   ✗ failed   ! warning   – not run "
                       u"(a prerequisite failed)   empty: not tested there."_s,
                       sans(8), m_body.left(), y, m_body.width(), QColor(0x44, 0x44, 0x44));
        y += mm(2);
        if (grid.isEmpty())
            y += paragraph(u"No port was tested."_s, sans(9.5), m_body.left(), y, m_body.width());
        else
            y = paintGrid(grid, y);

        if (!grid.others.isEmpty()) {
            y += mm(4);
            y += paragraph(u"Other checks"_s, sans(11, true), m_body.left(), y, m_body.width());
            y += mm(1);
            for (const ProbeResult& result : grid.others) {
                if (y > m_body.bottom() - mm(8))
                    break; // the full list is in the probe table of the report body
                const QString line = u"%1  %2 (%3): %4"_s.arg(verdictSymbol(result.verdict()), result.probeId,
                                                              shortStatusText(result.status), result.message);
                y += paragraph(line, sans(8.5), m_body.left(), y, m_body.width()) + mm(0.8);
            }
        }
    }

    double paintGrid(const ReportGrid& grid, double y)
    {
        QPainter& painter = *m_painter;
        const double portWidth = mm(16);
        const double cellWidth = (m_body.width() - portWidth) / std::max<qsizetype>(grid.columns.size(), 1);
        const double headerHeight = mm(7);
        const double rowHeight = mm(10);
        const QPen line(QColor(0x99, 0x99, 0x99), mm(0.2));

        painter.save();
        painter.setPen(line);
        painter.setBrush(QColor(0xf5, 0xf5, 0xf5));
        painter.drawRect(QRectF(m_body.left(), y, m_body.width(), headerHeight));
        painter.setPen(Qt::black);
        painter.setFont(sans(8, true));
        painter.drawText(QRectF(m_body.left(), y, portWidth, headerHeight), Qt::AlignCenter, u"Port"_s);
        for (qsizetype c = 0; c < grid.columns.size(); ++c) {
            const QRectF cell(m_body.left() + portWidth + double(c) * cellWidth, y, cellWidth, headerHeight);
            painter.drawText(cell, Qt::AlignCenter, gridColumnTitle(grid.columns.at(c)));
        }
        y += headerHeight;

        for (const ReportGridRow& row : grid.rows) {
            if (y + rowHeight > m_body.bottom()) {
                painter.setFont(sans(8));
                painter.drawText(QRectF(m_body.left(), y, m_body.width(), mm(5)), Qt::AlignLeft,
                                 u"More ports: see the probe table in the report body."_s);
                y += mm(5);
                break;
            }
            painter.setPen(line);
            painter.setBrush(Qt::white);
            const QRectF portCell(m_body.left(), y, portWidth, rowHeight);
            painter.drawRect(portCell);
            painter.setPen(Qt::black);
            painter.setFont(sans(10, true));
            painter.drawText(portCell, Qt::AlignCenter, QString::number(row.port));
            for (qsizetype c = 0; c < row.cells.size(); ++c) {
                const ReportGridCell& gridCell = row.cells.at(c);
                const QRectF cell(m_body.left() + portWidth + double(c) * cellWidth, y, cellWidth, rowHeight);
                painter.setPen(line);
                painter.setBrush(gridCell.present ? cellPalette(gridCell.verdict).light : QColor(Qt::white));
                painter.drawRect(cell);
                if (!gridCell.present)
                    continue;
                const Palette palette = cellPalette(gridCell.verdict);
                painter.setPen(palette.strong);
                painter.setFont(sans(11, true));
                painter.drawText(QRectF(cell.left(), cell.top() + mm(0.6), cell.width(), rowHeight * 0.5),
                                 Qt::AlignHCenter | Qt::AlignBottom, verdictSymbol(gridCell.verdict));
                painter.setPen(Qt::black);
                painter.setFont(sans(6.5));
                painter.drawText(QRectF(cell.left() + mm(0.5), cell.top() + rowHeight * 0.52,
                                        cell.width() - mm(1), rowHeight * 0.45),
                                 Qt::AlignHCenter | Qt::AlignTop, shortStatusText(gridCell.status));
            }
            y += rowHeight;
        }
        painter.restore();
        return y;
    }

    QList<ProbeResult> chartedProbes() const { return m_model.probes; }

    double timelineRowHeight() const { return mm(5.2); }
    double timelineTop() const { return m_body.top() + mm(24); }

    int timelineRowsPerPage() const
    {
        const double available = m_body.bottom() - timelineTop() - mm(4);
        return std::max(1, int(available / timelineRowHeight()));
    }

    void paintTimeline(const QList<ProbeResult>& rows, int page, int pages)
    {
        QPainter& painter = *m_painter;
        double y = m_body.top();
        const QString heading = pages > 1 ? u"Timeline (%1 of %2)"_s.arg(page + 1).arg(pages) : u"Timeline"_s;
        y += paragraph(heading, sans(15, true), m_body.left(), y, m_body.width());
        y += paragraph(
            u"When each test ran, from the start of the session. The bar's colour and the symbol after "
            u"it give the result: ✓ passed, ✗ failed, ! warning, – not run."_s,
            sans(8.5), m_body.left(), y + mm(1), m_body.width(), QColor(0x44, 0x44, 0x44));

        qint64 endMs = 1;
        for (const ProbeResult& result : m_model.probes)
            endMs = std::max(endMs, result.startedAtMs + result.elapsedMs);
        const double step = niceTickStep(double(endMs), 6);
        const double axisEnd = std::ceil(double(endMs) / step) * step;

        const double labelWidth = mm(40);
        const double resultWidth = mm(26);
        const double chartLeft = m_body.left() + labelWidth;
        const double chartWidth = m_body.width() - labelWidth - resultWidth;
        const double top = timelineTop();
        const double rowHeight = timelineRowHeight();
        const double bottom = top + double(rows.size()) * rowHeight;
        const auto xFor = [&](double ms) {
            return chartLeft + chartWidth * ms / axisEnd;
        };

        painter.save();
        // Axis with ticks at whole steps, labelled in seconds or milliseconds.
        painter.setFont(sans(7));
        for (double tick = 0; tick <= axisEnd + 0.5; tick += step) {
            const double x = xFor(tick);
            painter.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), mm(0.2)));
            painter.drawLine(QPointF(x, top - mm(1)), QPointF(x, bottom));
            painter.setPen(QColor(0x44, 0x44, 0x44));
            const QString label =
                axisEnd >= 2000 ? u"%1 s"_s.arg(tick / 1000.0, 0, 'g', 4) : u"%1 ms"_s.arg(tick, 0, 'f', 0);
            painter.drawText(QRectF(x - mm(10), top - mm(6), mm(20), mm(4.5)), Qt::AlignCenter, label);
        }
        painter.setPen(QPen(QColor(0x88, 0x88, 0x88), mm(0.3)));
        painter.drawLine(QPointF(chartLeft, top - mm(1)), QPointF(chartLeft + chartWidth, top - mm(1)));

        double rowY = top;
        for (const ProbeResult& result : rows) {
            const Palette palette = cellPalette(result.verdict());
            painter.setPen(Qt::black);
            painter.setFont(sans(7.5));
            painter.drawText(QRectF(m_body.left(), rowY, labelWidth - mm(2), rowHeight),
                             Qt::AlignRight | Qt::AlignVCenter, result.probeId);

            const bool ran = result.status != ProbeStatus::NotRun && result.status != ProbeStatus::Skipped;
            const double barLeft = xFor(double(result.startedAtMs));
            const double barWidth =
                std::max(mm(0.8), xFor(double(result.startedAtMs + result.elapsedMs)) - barLeft);
            const QRectF bar(barLeft, rowY + rowHeight * 0.2, barWidth, rowHeight * 0.6);
            if (ran) {
                painter.setPen(QPen(palette.strong, mm(0.25)));
                painter.setBrush(palette.light);
                painter.drawRect(bar);
            } else {
                // A marker, kept inside the chart so it never runs into the outcome column.
                const double markerLeft = std::min(barLeft, chartLeft + chartWidth - mm(3));
                painter.setPen(QPen(palette.strong, mm(0.3), Qt::DotLine));
                painter.drawLine(QPointF(markerLeft, rowY + rowHeight / 2),
                                 QPointF(markerLeft + mm(3), rowY + rowHeight / 2));
            }
            painter.setPen(palette.strong);
            painter.setFont(sans(7.5, true));
            const QString outcome =
                ran ? u"%1 %2"_s.arg(verdictSymbol(result.verdict()), durationText(result.elapsedMs))
                    : u"%1 %2"_s.arg(verdictSymbol(result.verdict()), shortStatusText(result.status));
            painter.drawText(QRectF(chartLeft + chartWidth + mm(2), rowY, resultWidth - mm(2), rowHeight),
                             Qt::AlignLeft | Qt::AlignVCenter, outcome);
            rowY += rowHeight;
        }
        painter.restore();
    }

    // -----------------------------------------------------------------------------------------
    // The flowing part: diagnosis, remedies, details, appendix.

    void buildBodyDocument()
    {
        m_document.documentLayout()->setPaintDevice(&m_writer);
        QFont base = sans(9.5);
        m_document.setDefaultFont(base);
        m_document.setDocumentMargin(0);
        m_document.setPageSize(m_body.size());
        m_document.setDefaultStyleSheet(
            u"h1 { font-size: 15pt; font-weight: bold; margin-top: 18px; margin-bottom: 6px; }"
            u"h2 { font-size: 12pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px; }"
            u"h3 { font-size: 10.5pt; font-weight: bold; margin-top: 8px; margin-bottom: 3px; }"
            u"p { margin-top: 2px; margin-bottom: 4px; }"
            u".muted { color: #555555; }"
            u".mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; white-space: pre-wrap; }"
            u".pass { color: #2e7d32; } .fail { color: #c62828; } .warn { color: #b26a00; } .skipped { "
            u"color: #757575; }"
            u"td { padding: 2px; }"_s);
        m_document.setHtml(bodyHtml());
    }

    static QString verdictClass(Verdict verdict) { return verdictId(verdict); }

    QString evidenceHtml(const QList<Evidence>& list, bool supports) const
    {
        QString text;
        for (const Evidence& item : list) {
            text += u"<li><span class=\"%1\">%2</span> <b>%3</b>%4: %5%6</li>"_s.arg(
                supports ? u"fail"_s : u"pass"_s, supports ? u"for"_s : u"against"_s, html(item.subject),
                item.finding.isEmpty() ? QString() : u" (%1)"_s.arg(html(item.finding)), html(item.quote),
                item.why.isEmpty() ? QString() : u" <span class=\"muted\">— %1</span>"_s.arg(html(item.why)));
        }
        return text;
    }

    QString probeLine(const ProbeResult& result) const
    {
        return u"<span class=\"%1\"><b>%2</b></span> %3 (%4)"_s.arg(
            verdictClass(result.verdict()), verdictSymbol(result.verdict()), html(result.probeId),
            html(shortStatusText(result.status)));
    }

    QString remedyHtml(const ReportRemedy& remedy, int number) const
    {
        QString text = u"<h3>%1. %2</h3>"_s.arg(number).arg(html(remedy.title));
        text += u"<p class=\"muted\">For %1.</p>"_s.arg(html(audienceLabel(remedy.audience)));
        if (!remedy.explanation.isEmpty())
            text += u"<p>%1</p>"_s.arg(html(remedy.explanation));
        text += u"<ol>"_s;
        for (qsizetype s = 0; s < remedy.steps.size(); ++s) {
            const RemedyStep& step = remedy.steps.at(s);
            text += u"<li>%1"_s.arg(html(step.text));
            for (const ConfigSnippet& snippet : step.snippets) {
                text += u"<p class=\"muted\">%1:</p><p class=\"mono\">%2</p>"_s.arg(html(snippet.file),
                                                                                    html(snippet.text));
            }
            if (!step.retest.isEmpty())
                text +=
                    u"<br/><span class=\"muted\">Re-test: %1</span>"_s.arg(html(step.retest.join(u", "_s)));
            else if (!step.verify.isEmpty())
                text += u"<br/><span class=\"muted\">Check: %1</span>"_s.arg(html(step.verify));
            bool tried = false;
            for (const WalkthroughEntry& entry : m_model.walkthrough) {
                if (entry.remedyId != remedy.id || entry.stepIndex != s)
                    continue;
                tried = true;
                QStringList retests;
                for (const ProbeResult& result : entry.retestResults)
                    retests << probeLine(result);
                text += u"<br/><b>Tried %1: <span class=\"%2\">%3</span></b>%4"_s.arg(
                    html(timeText(entry.answeredAt)), entry.helped ? u"pass"_s : u"fail"_s,
                    entry.helped ? u"✓ it helped"_s : u"✗ it did not help"_s,
                    retests.isEmpty() ? QString() : u"; re-test: "_s + retests.join(u", "_s));
            }
            if (!tried && !m_model.walkthrough.isEmpty())
                text += u"<br/><span class=\"muted\">Not tried.</span>"_s;
            text += u"</li>"_s;
        }
        text += u"</ol>"_s;
        return text;
    }

    QString bodyHtml() const
    {
        const ReportModel& model = m_model;
        QString text;

        text += u"<h1>Diagnosis</h1>"_s;
        if (model.diagnosis.causes.isEmpty())
            text += u"<p>No known cause matched what was found.</p>"_s;
        int causeNumber = 0;
        for (const ReportCause& cause : model.diagnosis.causes) {
            ++causeNumber;
            text += u"<h2>%1. %2 <span class=\"muted\">(confidence %3%)</span></h2>"_s.arg(causeNumber)
                        .arg(html(cause.title))
                        .arg(cause.confidence);
            text += u"<p>%1</p>"_s.arg(html(cause.plainExplanation));
            text += u"<p class=\"muted\">Technical: %1</p>"_s.arg(html(cause.technicalLine));
            if (!cause.evidenceFor.isEmpty() || !cause.evidenceAgainst.isEmpty()) {
                text += u"<ul>"_s + evidenceHtml(cause.evidenceFor, true) +
                        evidenceHtml(cause.evidenceAgainst, false) + u"</ul>"_s;
            }
        }
        if (!model.diagnosis.ruledOut.isEmpty()) {
            text += u"<h2>Ruled out</h2><p class=\"muted\">Suggested by the address, the answers or the "
                    u"pasted message, then contradicted by what the checks found: no need to check these "
                    u"again.</p>"_s;
            for (const ReportCause& cause : model.diagnosis.ruledOut) {
                text += u"<p><b>%1</b></p>"_s.arg(html(cause.title));
                text += u"<ul>"_s + evidenceHtml(cause.evidenceAgainst, false) + u"</ul>"_s;
            }
        }

        // Remedies in the order to try them: those of the best cause first, each once.
        QStringList shown;
        QList<ReportRemedy> remedies;
        for (const ReportCause& cause : model.diagnosis.causes) {
            for (const ReportRemedy& remedy : cause.remedies) {
                if (!shown.contains(remedy.id)) {
                    shown << remedy.id;
                    remedies << remedy;
                }
            }
        }
        text += u"<h1>What to do</h1>"_s;
        if (remedies.isEmpty())
            text += u"<p>No remedy applies to what was found.</p>"_s;
        int remedyNumber = 0;
        for (const ReportRemedy& remedy : remedies)
            text += remedyHtml(remedy, ++remedyNumber);
        if (!model.diagnosis.relatedEntries.isEmpty()) {
            text += u"<h2>Also relevant</h2><ul>"_s;
            for (const ReportRemedy& entry : model.diagnosis.relatedEntries)
                text += u"<li><b>%1</b> (for %2). %3</li>"_s.arg(
                    html(entry.title), html(audienceLabel(entry.audience)), html(entry.explanation));
            text += u"</ul>"_s;
        }
        for (const WalkthroughEntry& entry : model.walkthrough) {
            if (!shown.contains(entry.remedyId)) {
                text += u"<p>Also tried: %1, step %2: %3.</p>"_s.arg(html(entry.remedyId))
                            .arg(entry.stepIndex + 1)
                            .arg(entry.helped ? u"it helped"_s : u"it did not help"_s);
            }
        }

        const ReportInputs& inputs = model.inputs;
        if (!inputs.urlFindings.isEmpty() || !model.answers.isEmpty() || !inputs.pastedErrorText.isEmpty()) {
            text += u"<h1>What was given</h1>"_s;
            if (!inputs.urlFindings.isEmpty()) {
                text += u"<h2>The address</h2><ul>"_s;
                for (const UrlFinding& finding : inputs.urlFindings)
                    text += u"<li><b>%1</b> %2: %3</li>"_s.arg(html(severityName(finding.severity)),
                                                               html(lintCodeId(finding.code)),
                                                               html(finding.message));
                text += u"</ul>"_s;
            }
            if (!model.answers.isEmpty()) {
                text += u"<h2>Answers</h2><ul>"_s;
                for (auto it = model.answers.cbegin(); it != model.answers.cend(); ++it)
                    text += u"<li><b>%1</b>: %2</li>"_s.arg(html(it.key()), html(it.value().join(u", "_s)));
                text += u"</ul>"_s;
            }
            if (!inputs.pastedErrorText.isEmpty()) {
                text += u"<h2>Pasted error text</h2><p class=\"mono\">%1</p>"_s.arg(
                    html(inputs.pastedErrorText.left(4000)));
            }
        }

        text += u"<h1>Every test</h1>"_s;
        text +=
            u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\" border=\"0.5\">"
            u"<thead><tr><th align=\"left\">test</th><th align=\"left\">result</th>"
            u"<th align=\"right\">start</th><th align=\"right\">took</th><th align=\"left\">what was found</th></tr></thead>"_s;
        for (const ProbeResult& result : model.probes) {
            text +=
                u"<tr><td>%1</td><td><span class=\"%2\"><b>%3</b></span> %4</td><td align=\"right\">%5</td>"
                u"<td align=\"right\">%6</td><td>%7</td></tr>"_s.arg(
                    html(result.probeId), verdictClass(result.verdict()), verdictSymbol(result.verdict()),
                    html(shortStatusText(result.status)), durationText(result.startedAtMs),
                    durationText(result.elapsedMs), html(result.message));
        }
        text += u"</table>"_s;
        if (m_omittedProbes > 0)
            text +=
                u"<p class=\"muted\">%1 more results are in the saved session but not in this PDF.</p>"_s.arg(
                    m_omittedProbes);

        const ReportEnvironment& environment = model.environment;
        text += u"<h2>This computer</h2><ul>"_s;
        text += u"<li>System: %1</li>"_s.arg(html(environment.operatingSystem));
        text += u"<li>%1 %2, Qt %3, TLS: %4</li>"_s.arg(
            html(environment.applicationName), html(environment.applicationVersion),
            html(environment.qtVersion), html(environment.tlsLibrary));
        text += u"<li>Proxy: %1</li>"_s.arg(html(environment.proxy));
        text += u"<li>Local addresses: %1</li>"_s.arg(html(environment.localAddresses.join(u", "_s)));
        text += u"</ul>"_s;

        text += u"<h1 style=\"page-break-before: always\">Appendix: transcripts</h1>"_s;
        text += u"<p class=\"muted\">What each test sent and received. Times are from the start of the test; "
                u"→ sent, ← received, · note. Byte dumps are cut after %1 bytes.</p>"_s.arg(
                    kMaxHexLinesPerEntry * 16);
        for (const ProbeResult& result : model.probes)
            text += transcriptHtml(result);
        for (const WalkthroughEntry& entry : model.walkthrough) {
            for (const ProbeResult& result : entry.retestResults)
                text += transcriptHtml(result, u" (re-test)"_s);
        }
        return text;
    }

    QString transcriptHtml(const ProbeResult& result, const QString& suffix = {}) const
    {
        if (result.transcript.isEmpty() && result.steps.isEmpty())
            return {};
        QString text = u"<h3>%1%2 — <span class=\"%3\">%4 %5</span></h3>"_s.arg(
            html(result.probeId), html(suffix), verdictClass(result.verdict()),
            verdictSymbol(result.verdict()), html(probeStatusId(result.status)));
        text += u"<p>%1</p>"_s.arg(html(result.message));
        QString lines;
        for (const ProbeStep& step : result.steps) {
            lines += u"%1  step %2%3\n"_s.arg(u"%1 ms"_s.arg(step.atMs), -9)
                         .arg(step.name, step.detail.isEmpty() ? QString() : u": "_s + step.detail);
        }
        const qsizetype entries = std::min(result.transcript.size(), kMaxTranscriptEntriesPerProbe);
        for (qsizetype i = 0; i < entries; ++i) {
            const TranscriptEntry& entry = result.transcript.at(i);
            const QString arrow = entry.direction == TranscriptDirection::Sent       ? u"→"_s
                                  : entry.direction == TranscriptDirection::Received ? u"←"_s
                                                                                     : u"·"_s;
            lines += u"%1  %2 %3\n"_s.arg(u"%1 ms"_s.arg(entry.atMs), -9).arg(arrow, entry.summary);
            for (const QString& dump : hexDumpLines(entry.bytes, kMaxHexLinesPerEntry))
                lines += u"           "_s + dump + u'\n';
        }
        if (result.transcript.size() > entries)
            lines += u"… %1 more entries not shown\n"_s.arg(result.transcript.size() - entries);
        text += u"<p class=\"mono\">%1</p>"_s.arg(html(lines.trimmed()));
        return text;
    }

    void paintBodyPage(int page)
    {
        QPainter& painter = *m_painter;
        painter.save();
        const double height = m_body.height();
        painter.translate(m_body.left(), m_body.top() - double(page) * height);
        m_document.drawContents(&painter, QRectF(0, double(page) * height, m_body.width(), height));
        painter.restore();
    }

    const ReportModel& m_model;
    const qsizetype m_omittedProbes;
    const PdfReportOptions& m_options;
    QPdfWriter& m_writer;
    QPainter* m_painter = nullptr;
    QRectF m_page;
    QRectF m_body;
    QFont m_sans;
    QTextDocument m_document;
    int m_pageNumber = 0;
    int m_totalPages = 0;
};

} // namespace

QString pdfPageSizeId(PdfPageSize size)
{
    return size == PdfPageSize::Letter ? u"letter"_s : u"a4"_s;
}

std::optional<PdfPageSize> pdfPageSizeFromId(QStringView id)
{
    if (id.compare(u"a4", Qt::CaseInsensitive) == 0)
        return PdfPageSize::A4;
    if (id.compare(u"letter", Qt::CaseInsensitive) == 0)
        return PdfPageSize::Letter;
    return std::nullopt;
}

PdfPageSize defaultPdfPageSize()
{
    return QLocale::system().measurementSystem() == QLocale::ImperialUSSystem ? PdfPageSize::Letter
                                                                              : PdfPageSize::A4;
}

bool renderPdfReport(const ReportModel& model, QIODevice& device, const PdfReportOptions& options,
                     int* pageCount, QString* error)
{
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()) == nullptr) {
        if (error != nullptr)
            *error = u"PDF output needs the graphics library started (a QGuiApplication), for its fonts"_s;
        return false;
    }
    ReportModel prepared = model.prepared(options.report);
    const qsizetype omittedProbes = limitForPdf(prepared);

    QPdfWriter writer(&device);
    writer.setResolution(kResolution);
    writer.setPageSize(
        QPageSize(options.pageSize == PdfPageSize::Letter ? QPageSize::Letter : QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    const QString host = QUrl(prepared.inputs.ingestUrl).host();
    const QString title = u"RTMP Doctor report: %1%2, %3"_s.arg(
        reportVerdictTitle(prepared.verdict), host.isEmpty() ? QString() : u" (%1)"_s.arg(host),
        timeText(prepared.startedAt));
    writer.setTitle(title);
    const QString producer =
        u"%1 %2"_s.arg(prepared.environment.applicationName.isEmpty() ? u"RTMP Doctor"_s
                                                                      : prepared.environment.applicationName,
                       prepared.environment.applicationVersion);
    writer.setCreator(producer.trimmed());
    // QPdfWriter has no author field; the XMP packet's dc:creator is the PDF's author for every
    // reader that looks at XMP (PDF 1.4 and later).
    writer.setDocumentXmpMetadata(xmpMetadata(title, producer.trimmed(), prepared.startedAt));

    PdfRenderer renderer(prepared, options, writer, omittedProbes);
    const int pages = renderer.render();
    if (pageCount != nullptr)
        *pageCount = pages;
    return true;
}

PdfReportResult writePdfReport(const ReportModel& model, const QString& path, const PdfReportOptions& options)
{
    PdfReportResult result;
    result.file = writeFileAtomically(path, [&](QIODevice& device, QString* error) {
        return renderPdfReport(model, device, options, &result.pageCount, error);
    });
    return result;
}

} // namespace rd
