#include "resultpage.h"

#include "mainwizard.h"
#include "report/reportmodel.h"
#include "widgets/themedicon.h"
#include "widgets/wrappingitemdelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

QString evidenceSourceText(const Evidence& evidence)
{
    return evidence.subject + u" \u00b7 "_s + evidence.finding;
}

QString factText(const QVariant& value)
{
    if (value.typeId() == QMetaType::QStringList || value.typeId() == QMetaType::QVariantList)
        return value.toStringList().join(u", "_s);
    return value.toString();
}

// One block per probe: what a help desk quotes back to a server administrator.
QString technicalDetailsText(const ReportModel& report)
{
    QString text;
    const ReportEnvironment& environment = report.environment;
    if (!environment.operatingSystem.isEmpty()) {
        text += QCoreApplication::translate("rd::ResultPage", "This computer: %1, %2 %3, Qt %4, %5")
                    .arg(environment.operatingSystem, environment.applicationName,
                         environment.applicationVersion, environment.qtVersion, environment.tlsLibrary);
        text += u'\n';
        text += QCoreApplication::translate("rd::ResultPage", "Proxy: %1").arg(environment.proxy) + u'\n';
        if (!environment.localAddresses.isEmpty())
            text += QCoreApplication::translate("rd::ResultPage", "Local addresses: %1")
                        .arg(environment.localAddresses.join(u"; "_s)) +
                    u'\n';
        text += u'\n';
    }
    for (const ProbeResult& probe : report.probes) {
        text += u"%1  %2  %3 ms (at %4 ms)"_s.arg(probe.probeId, probeStatusId(probe.status))
                    .arg(probe.elapsedMs)
                    .arg(probe.startedAtMs);
        if (!probe.target.address.isEmpty())
            text += u"  "_s + probe.target.address;
        text += u'\n';
        if (!probe.message.isEmpty())
            text += u"    "_s + probe.message + u'\n';
        for (auto fact = probe.facts.cbegin(); fact != probe.facts.cend(); ++fact) {
            QString value = factText(fact.value());
            if (value.size() > 200)
                value = value.left(200) + u"\u2026"_s;
            text += u"    %1 = %2\n"_s.arg(fact.key(), value);
        }
    }
    return text;
}

} // namespace

ResultPage::ResultPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(u"resultPage"_s);
    setTitle(tr("What RTMP Doctor found"));

    m_verdictIcon = new QLabel(this);
    m_verdictIcon->setObjectName(u"verdictIcon"_s);
    m_verdictIcon->setFixedSize(40, 40);
    m_verdictIcon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    m_causeTitle = new QLabel(this);
    m_causeTitle->setObjectName(u"causeTitleLabel"_s);
    m_causeTitle->setWordWrap(true);
    m_causeTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_causeTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_causeTitle->setFont(titleFont);

    m_primaryCause = new QLabel(this);
    m_primaryCause->setObjectName(u"primaryCauseLabel"_s);
    m_primaryCause->setWordWrap(true);
    m_primaryCause->setTextFormat(Qt::PlainText);
    m_primaryCause->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_primaryCause->setAccessibleName(tr("Most likely cause"));

    m_confidenceCaption = new QLabel(tr("How sure:"), this);
    m_confidenceCaption->setObjectName(u"confidenceCaption"_s);
    m_confidence = new QProgressBar(this);
    m_confidence->setObjectName(u"confidenceBar"_s);
    m_confidence->setAccessibleName(tr("How sure RTMP Doctor is"));
    m_confidence->setRange(0, 100);
    m_confidence->setTextVisible(true);
    m_confidence->setFormat(tr("%p %"));
    m_confidence->setMaximumWidth(240);

    m_technicalLine = new QLabel(this);
    m_technicalLine->setObjectName(u"technicalLineLabel"_s);
    m_technicalLine->setWordWrap(true);
    m_technicalLine->setTextFormat(Qt::PlainText);
    m_technicalLine->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_technicalLine->setAccessibleName(tr("Technical explanation"));

    m_savedNotice = new QLabel(this);
    m_savedNotice->setObjectName(u"savedSessionNotice"_s);
    m_savedNotice->setWordWrap(true);
    m_savedNotice->hide();

    m_evidence = new QTreeWidget(this);
    m_evidence->setObjectName(u"evidenceTree"_s);
    m_evidence->setAccessibleName(tr("Evidence"));
    m_evidence->setColumnCount(3);
    m_evidence->setHeaderLabels({tr("What was seen"), tr("Why it matters"), tr("Source")});
    m_evidence->setWordWrap(true);
    m_evidence->setUniformRowHeights(false);
    m_evidence->setRootIsDecorated(true);
    m_evidence->header()->setStretchLastSection(false);
    m_evidence->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_evidence->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_evidence->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_evidence->setItemDelegate(new WrappingItemDelegate(m_evidence));

    m_otherCauses = new QListWidget(this);
    m_otherCauses->setObjectName(u"otherCausesList"_s);
    m_otherCauses->setAccessibleName(tr("Other possible causes"));
    m_otherCauses->setWordWrap(true);

    auto* evidenceBox = new QWidget(this);
    auto* evidenceLayout = new QVBoxLayout(evidenceBox);
    evidenceLayout->setContentsMargins(0, 0, 0, 0);
    auto* evidenceLabel = new QLabel(tr("&Evidence:"), evidenceBox);
    evidenceLabel->setBuddy(m_evidence);
    evidenceLayout->addWidget(evidenceLabel);
    evidenceLayout->addWidget(m_evidence);

    auto* othersBox = new QWidget(this);
    auto* othersLayout = new QVBoxLayout(othersBox);
    othersLayout->setContentsMargins(0, 0, 0, 0);
    auto* othersLabel = new QLabel(tr("Other &possible causes:"), othersBox);
    othersLabel->setBuddy(m_otherCauses);
    othersLayout->addWidget(othersLabel);
    othersLayout->addWidget(m_otherCauses);

    m_technicalDetails = new QPlainTextEdit(this);
    m_technicalDetails->setObjectName(u"technicalDetailsView"_s);
    m_technicalDetails->setAccessibleName(tr("Technical details of every test"));
    m_technicalDetails->setReadOnly(true);
    m_technicalDetails->setTabChangesFocus(true);
    m_technicalDetails->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_technicalDetails->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"resultSplitter"_s);
    splitter->setChildrenCollapsible(false);
    auto* lists = new QSplitter(Qt::Horizontal, splitter);
    lists->setChildrenCollapsible(false);
    lists->addWidget(evidenceBox);
    lists->addWidget(othersBox);
    lists->setStretchFactor(0, 3);
    lists->setStretchFactor(1, 2);
    splitter->addWidget(lists);
    splitter->addWidget(m_technicalDetails);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_copySummary = new QPushButton(themedIcon(u"copy"_s), tr("&Copy summary for a ticket"), this);
    m_copySummary->setObjectName(u"copySummaryButton"_s);
    m_copySummary->setAccessibleName(tr("Copy summary for a ticket"));
    m_copySummary->setToolTip(tr("Puts a plain-text summary (stream key hidden) on the clipboard"));
    m_copyConfirmation = new QLabel(this);
    m_copyConfirmation->setObjectName(u"copySummaryConfirmation"_s);
    connect(m_copySummary, &QPushButton::clicked, this, &ResultPage::copySummary);

    auto* confidenceRow = new QHBoxLayout;
    confidenceRow->addWidget(m_confidenceCaption);
    confidenceRow->addWidget(m_confidence, 1);
    confidenceRow->addStretch(2);

    auto* headline = new QVBoxLayout;
    headline->addWidget(m_causeTitle);
    headline->addWidget(m_primaryCause);
    headline->addLayout(confidenceRow);
    headline->addWidget(m_technicalLine);
    headline->addWidget(m_savedNotice);

    auto* top = new QHBoxLayout;
    top->addWidget(m_verdictIcon, 0, Qt::AlignTop);
    top->addLayout(headline, 1);

    auto* copyRow = new QHBoxLayout;
    copyRow->addWidget(m_copySummary);
    copyRow->addWidget(m_copyConfirmation, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addLayout(copyRow);

    setTechnicalView(false);
}

void ResultPage::initializePage()
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return;
    if (!mainWizard->isShowingSavedSession())
        mainWizard->diagnoseAnswers();
    m_copyConfirmation->clear();
    setSubTitle(field(MainWizard::kHelpDeskField).toBool()
                    ? tr("The most likely cause first. Copy the summary into the ticket, or go on to fix it "
                         "step by step with the broadcaster.")
                    : tr("The most likely cause first. Next, RTMP Doctor walks you through fixing it."));
    showReport(mainWizard->report());
}

int ResultPage::nextId() const
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard == nullptr || mainWizard->isShowingSavedSession())
        return MainWizard::ReportPageId;
    for (const ReportCause& cause : mainWizard->report().diagnosis.causes) {
        for (const ReportRemedy& remedy : cause.remedies) {
            if (!remedy.steps.isEmpty())
                return MainWizard::WalkthroughPageId;
        }
    }
    return MainWizard::ReportPageId;
}

void ResultPage::setTechnicalView(bool on)
{
    m_technicalView = on;
    m_technicalLine->setVisible(on && !m_technicalLine->text().isEmpty());
    m_technicalDetails->setVisible(on);
    m_evidence->setColumnHidden(2, !on);
}

QString ResultPage::ticketSummary() const
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    return mainWizard != nullptr ? mainWizard->report().toTicketSummary() : QString();
}

void ResultPage::copySummary()
{
    QApplication::clipboard()->setText(ticketSummary());
    m_copyConfirmation->setText(tr("Copied. Paste it into the ticket or an e-mail."));
}

void ResultPage::showReport(const ReportModel& fullReport)
{
    // Everything shown goes through the same scrubbing as the saved files.
    const ReportModel report = fullReport.prepared();
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    m_savedNotice->setVisible(mainWizard != nullptr && mainWizard->isShowingSavedSession());
    if (m_savedNotice->isVisible())
        m_savedNotice->setText(
            tr("Opened from a saved session (tested %1 with %2 %3).")
                .arg(QLocale().toString(report.startedAt.toLocalTime(), QLocale::ShortFormat),
                     report.environment.applicationName, report.environment.applicationVersion));

    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxQuestion;
    if (report.verdict == ReportVerdict::Healthy)
        icon = QStyle::SP_DialogApplyButton;
    else if (report.verdict == ReportVerdict::Problem)
        icon = QStyle::SP_MessageBoxWarning;
    m_verdictIcon->setPixmap(style()->standardIcon(icon).pixmap(QSize(32, 32), devicePixelRatioF()));
    m_verdictIcon->setAccessibleName(reportVerdictTitle(report.verdict));

    const ReportCause* top = report.diagnosis.topCause();
    if (top == nullptr) {
        m_causeTitle->setText(tr("No explanation found"));
        m_primaryCause->setText(tr("Nothing RTMP Doctor knows explains the problem. The report lists "
                                   "everything that was checked; pass it to whoever runs the server."));
        m_confidence->hide();
        m_confidenceCaption->hide();
        m_technicalLine->clear();
    } else {
        m_causeTitle->setText(top->title);
        m_primaryCause->setText(top->plainExplanation);
        m_confidence->show();
        m_confidenceCaption->show();
        m_confidence->setValue(top->confidence);
        m_technicalLine->setText(top->technicalLine);
    }

    m_evidence->clear();
    if (top != nullptr) {
        const auto addGroup = [this](const QString& title, const QList<Evidence>& evidence) {
            if (evidence.isEmpty())
                return;
            auto* group = new QTreeWidgetItem(m_evidence, {title.arg(evidence.size())});
            group->setFirstColumnSpanned(true);
            for (const Evidence& item : evidence) {
                auto* child = new QTreeWidgetItem(group, {item.quote, item.why, evidenceSourceText(item)});
                child->setToolTip(0, item.quote);
                child->setToolTip(1, item.why);
            }
            group->setExpanded(true);
        };
        addGroup(tr("Speaks for it (%1)"), top->evidenceFor);
        addGroup(tr("Speaks against it (%1)"), top->evidenceAgainst);
        for (int row = 0; row < m_evidence->topLevelItemCount(); ++row)
            m_evidence->topLevelItem(row)->setFirstColumnSpanned(true);
    }
    // Evidence from a trigger carries no "why"; an empty column would only take room.
    bool anyWhy = false;
    if (top != nullptr) {
        for (const QList<Evidence>* list : {&top->evidenceFor, &top->evidenceAgainst})
            anyWhy |= std::any_of(list->begin(), list->end(),
                                  [](const Evidence& item) { return !item.why.isEmpty(); });
    }
    m_evidence->setColumnHidden(1, !anyWhy);

    m_otherCauses->clear();
    for (qsizetype index = 1; index < report.diagnosis.causes.size(); ++index) {
        const ReportCause& cause = report.diagnosis.causes.at(index);
        auto* item =
            new QListWidgetItem(tr("%1 (%2 %)").arg(cause.title).arg(cause.confidence), m_otherCauses);
        item->setToolTip(cause.plainExplanation);
        item->setData(Qt::UserRole, cause.causeId);
    }
    if (m_otherCauses->count() == 0) {
        auto* none = new QListWidgetItem(tr("None"), m_otherCauses);
        none->setFlags(Qt::ItemIsEnabled);
    }
    // What the user or the pasted message suggested and the checks contradicted: a help desk
    // need not chase these again.
    if (!report.diagnosis.ruledOut.isEmpty()) {
        auto* heading = new QListWidgetItem(tr("Ruled out by the checks:"), m_otherCauses);
        heading->setFlags(Qt::ItemIsEnabled);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        for (const ReportCause& cause : report.diagnosis.ruledOut) {
            QStringList reasons;
            for (const Evidence& against : cause.evidenceAgainst)
                reasons << (against.why.isEmpty() ? against.quote : against.why);
            // Each reason is a sentence of its own.
            auto* item =
                new QListWidgetItem(tr("%1 — %2").arg(cause.title, reasons.join(u' ')), m_otherCauses);
            item->setToolTip(cause.plainExplanation);
            item->setData(Qt::UserRole, cause.causeId);
        }
    }

    m_technicalDetails->setPlainText(technicalDetailsText(report));
    setTechnicalView(m_technicalView);
}

} // namespace rd
