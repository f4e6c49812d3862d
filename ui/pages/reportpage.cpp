#include "reportpage.h"

#include "mainwizard.h"
#include "pdf/pdfreport.h"
#include "report/reportfile.h"
#include "widgets/themedicon.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

QString suggestedPath(const ReportModel& report, const QString& suffix)
{
    const QDateTime when =
        report.startedAt.isValid() ? report.startedAt.toLocalTime() : QDateTime::currentDateTime();
    const QString name = u"rtmp-doctor-%1.%2"_s.arg(when.toString(u"yyyy-MM-dd-HHmm"_s), suffix);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name);
}

} // namespace

ReportPage::ReportPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(u"reportPage"_s);
    setTitle(tr("Keep the result"));
    setSubTitle(tr("Save the report for whoever runs the server or the network, or copy the summary into "
                   "a support ticket. Your stream key is hidden in all of them."));

    m_preview = new QTextBrowser(this);
    m_preview->setObjectName(u"reportPreview"_s);
    m_preview->setAccessibleName(tr("Report preview"));
    m_preview->setOpenLinks(false);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_exportPdf = new QPushButton(themedIcon(u"document"_s), tr("Save as &PDF..."), this);
    m_exportPdf->setObjectName(u"exportPdfButton"_s);
    m_exportPdf->setAccessibleName(tr("Save the report as PDF"));
    m_exportJson = new QPushButton(themedIcon(u"save"_s), tr("Save session (&JSON)..."), this);
    m_exportJson->setObjectName(u"exportJsonButton"_s);
    m_exportJson->setAccessibleName(tr("Save the session as JSON"));
    m_exportJson->setToolTip(tr("A file RTMP Doctor can open again, e.g. on the help desk's computer"));
    m_copySummary = new QPushButton(themedIcon(u"copy"_s), tr("&Copy summary"), this);
    m_copySummary->setObjectName(u"copySummaryButton2"_s);
    m_copySummary->setAccessibleName(tr("Copy the summary for a ticket"));

    m_message = new QLabel(this);
    m_message->setObjectName(u"reportMessageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    connect(m_exportPdf, &QPushButton::clicked, this, [this] {
        const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
        if (mainWizard == nullptr)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the report as PDF"),
                                                          suggestedPath(mainWizard->report(), u"pdf"_s),
                                                          tr("PDF documents (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
        if (mainWizard == nullptr)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"),
                                                          suggestedPath(mainWizard->report(), u"json"_s),
                                                          tr("RTMP Doctor sessions (*.json)"));
        if (!path.isEmpty())
            exportJson(path);
    });
    connect(m_copySummary, &QPushButton::clicked, this, &ReportPage::copySummary);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_exportPdf);
    buttons->addWidget(m_exportJson);
    buttons->addWidget(m_copySummary);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    // The report is where the session ends; Finish closes the window.
    setFinalPage(true);
}

void ReportPage::initializePage()
{
    m_message->clear();
    refreshPreview();
}

void ReportPage::refreshPreview()
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return;
    // Exactly the text that goes into a ticket: Qt's Markdown renderer mangles tables with empty cells.
    m_preview->setPlainText(mainWizard->report().toTicketSummary());
}

bool ReportPage::exportPdf(const QString& path)
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return false;
    PdfReportOptions options;
    options.pageSize = defaultPdfPageSize();
    const PdfReportResult result = writePdfReport(mainWizard->report(), path, options);
    showMessage(result.ok(), result.ok()
                                 ? tr("Saved the report to %1 (%n page(s)).", nullptr, result.pageCount)
                                       .arg(QDir::toNativeSeparators(path))
                                 : result.file.message);
    return result.ok();
}

bool ReportPage::exportJson(const QString& path)
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return false;
    const MainWizard::SessionFileResult result = mainWizard->saveSession(path);
    showMessage(result.ok(), result.ok() ? tr("Saved the session to %1. RTMP Doctor can open it again with "
                                              "\"Open a saved session\".")
                                               .arg(QDir::toNativeSeparators(path))
                                         : result.message);
    return result.ok();
}

void ReportPage::copySummary()
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return;
    QApplication::clipboard()->setText(mainWizard->report().toTicketSummary());
    showMessage(true, tr("Copied the summary. Paste it into the ticket or an e-mail."));
}

QString ReportPage::message() const
{
    return m_message->text();
}

void ReportPage::showMessage(bool ok, const QString& text)
{
    // A failure stands out by weight, not by a colour that may vanish in a dark palette.
    QFont font = m_message->font();
    font.setBold(!ok);
    m_message->setFont(font);
    m_message->setText(text);
    m_message->setProperty("failed", !ok);
}

} // namespace rd
