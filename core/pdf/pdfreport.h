#pragma once

#include "report/reportfile.h"
#include "report/reportmodel.h"

#include <QString>

class QIODevice;

// A report as a PDF a help desk can file or print: a cover with the verdict and the port grid, the
// probe timeline as a chart, the diagnosis with its remedies and what was tried, and an appendix
// with every transcript. Text is real text (selectable, fonts embedded); colour is never the only
// signal (✓ ✗ ! – next to every colour). Needs a QGuiApplication (fonts come from the platform).
namespace rd {

enum class PdfPageSize
{
    A4,
    Letter,
};
QString pdfPageSizeId(PdfPageSize size); // "a4", "letter"
std::optional<PdfPageSize> pdfPageSizeFromId(QStringView id);
// Letter where the system locale measures in inches (US), A4 elsewhere.
PdfPageSize defaultPdfPageSize();

struct PdfReportOptions
{
    PdfPageSize pageSize = PdfPageSize::A4;
    ReportOptions report; // includeSecrets: shown, and said so on the cover and every page
};

struct PdfReportResult
{
    ReportFileResult file;
    int pageCount = 0;

    bool ok() const { return file.ok(); }
};

// Renders into `device` (open for writing). False with `*error` when no QGuiApplication exists.
bool renderPdfReport(const ReportModel& model, QIODevice& device, const PdfReportOptions& options,
                     int* pageCount, QString* error);

// Renders and writes atomically (QSaveFile). An unwritable path is a result, never a crash; the
// model is not touched.
PdfReportResult writePdfReport(const ReportModel& model, const QString& path,
                               const PdfReportOptions& options = {});

} // namespace rd
