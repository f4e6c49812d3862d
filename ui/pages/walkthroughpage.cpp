#include "walkthroughpage.h"

#include "engine/diagnosticsession.h"
#include "mainwizard.h"
#include "report/reportgrid.h"
#include "widgets/themedicon.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

QString audienceText(Audience audience)
{
    switch (audience) {
    case Audience::Broadcaster:
        return QCoreApplication::translate("rd::WalkthroughPage", "For: the person at the encoder");
    case Audience::HelpDesk:
        return QCoreApplication::translate("rd::WalkthroughPage", "For: the help desk");
    case Audience::NetworkAdmin:
        return QCoreApplication::translate("rd::WalkthroughPage",
                                           "For: whoever runs the network the encoder is on");
    case Audience::ServerAdmin:
        return QCoreApplication::translate("rd::WalkthroughPage", "For: whoever runs the media server");
    }
    return {};
}

QLabel* wrappingLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

WalkthroughPage::WalkthroughPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(u"walkthroughPage"_s);
    setTitle(tr("Fix it step by step"));
    setSubTitle(tr("Do one step, then say whether it helped. RTMP Doctor tests again what the step "
                   "changed."));

    m_remedyTitle = wrappingLabel(u"remedyTitleLabel"_s, this);
    QFont titleFont = m_remedyTitle->font();
    titleFont.setBold(true);
    m_remedyTitle->setFont(titleFont);
    m_audience = wrappingLabel(u"remedyAudienceLabel"_s, this);
    m_explanation = wrappingLabel(u"remedyExplanationLabel"_s, this);

    m_stepTitle = wrappingLabel(u"stepTitleLabel"_s, this);
    m_stepTitle->setFont(titleFont);
    m_stepText = wrappingLabel(u"stepTextLabel"_s, this);
    m_stepText->setAccessibleName(tr("What to do"));
    m_verify = wrappingLabel(u"stepVerifyLabel"_s, this);

    m_snippetCaption = wrappingLabel(u"snippetCaption"_s, this);
    m_snippetView = new QPlainTextEdit(this);
    m_snippetView->setObjectName(u"snippetView"_s);
    m_snippetView->setAccessibleName(tr("Configuration to use"));
    m_snippetView->setReadOnly(true);
    m_snippetView->setTabChangesFocus(true);
    m_snippetView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippetView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_snippetView->setFixedHeight(m_snippetView->fontMetrics().lineSpacing() * 3 + 14);
    m_copySnippet = new QPushButton(themedIcon(u"copy"_s), tr("&Copy"), this);
    m_copySnippet->setObjectName(u"copySnippetButton"_s);
    m_copySnippet->setAccessibleName(tr("Copy the configuration"));
    connect(m_copySnippet, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_snippetView->toPlainText()); });

    m_question = new QLabel(tr("Did this fix it?"), this);
    m_question->setObjectName(u"fixedQuestionLabel"_s);
    m_fixedYes = new QPushButton(themedIcon(u"yes"_s), tr("&Yes, test again"), this);
    m_fixedYes->setObjectName(u"fixedYesButton"_s);
    m_fixedYes->setAccessibleName(tr("Yes, this fixed it: test again"));
    m_fixedYes->setAutoDefault(false);
    m_fixedNo = new QPushButton(themedIcon(u"no"_s), tr("N&o, next step"), this);
    m_fixedNo->setObjectName(u"fixedNoButton"_s);
    m_fixedNo->setAccessibleName(tr("No: show the next step"));
    m_fixedNo->setAutoDefault(false);
    connect(m_fixedYes, &QPushButton::clicked, this, &WalkthroughPage::answerFixed);
    connect(m_fixedNo, &QPushButton::clicked, this, &WalkthroughPage::answerNotFixed);

    m_retestResult = new QLabel(this);
    m_retestResult->setObjectName(u"retestResultLabel"_s);
    m_retestResult->setWordWrap(true);
    m_retestResult->setTextFormat(Qt::RichText);
    m_retestResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_retestResult->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* remedyBox = new QVBoxLayout;
    remedyBox->addWidget(m_remedyTitle);
    remedyBox->addWidget(m_audience);
    remedyBox->addWidget(m_explanation);

    auto* stepBox = new QGroupBox(this);
    stepBox->setObjectName(u"stepBox"_s);
    auto* stepLayout = new QVBoxLayout(stepBox);
    stepLayout->addWidget(m_stepTitle);
    stepLayout->addWidget(m_stepText);
    stepLayout->addWidget(m_verify);
    stepLayout->addWidget(m_snippetCaption);
    auto* snippetRow = new QHBoxLayout;
    snippetRow->addWidget(m_snippetView, 1);
    snippetRow->addWidget(m_copySnippet, 0, Qt::AlignTop);
    stepLayout->addLayout(snippetRow);

    auto* answerRow = new QHBoxLayout;
    answerRow->addWidget(m_question);
    answerRow->addWidget(m_fixedYes);
    answerRow->addWidget(m_fixedNo);
    answerRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(remedyBox);
    layout->addWidget(stepBox);
    layout->addLayout(answerRow);
    layout->addWidget(m_retestResult);
    layout->addStretch(1);
}

void WalkthroughPage::initializePage()
{
    m_steps.clear();
    m_position = 0;
    m_retestResult->clear();
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard != nullptr) {
        // The remedies of every cause, best cause first, each remedy once.
        QStringList seen;
        for (const ReportCause& cause : mainWizard->report().diagnosis.causes) {
            for (const ReportRemedy& remedy : cause.remedies) {
                if (seen.contains(remedy.id))
                    continue;
                seen << remedy.id;
                for (int index = 0; index < remedy.steps.size(); ++index)
                    m_steps.append({remedy, index});
            }
        }
    }
    showCurrentStep();
}

void WalkthroughPage::cleanupPage()
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (m_retesting && mainWizard != nullptr)
        mainWizard->session().cancel();
}

bool WalkthroughPage::isComplete() const
{
    return !m_retesting;
}

int WalkthroughPage::nextId() const
{
    return MainWizard::ReportPageId;
}

QString WalkthroughPage::currentRemedyId() const
{
    return m_position < m_steps.size() ? m_steps.at(m_position).remedy.id : QString();
}

int WalkthroughPage::currentStepIndex() const
{
    return m_position < m_steps.size() ? m_steps.at(m_position).stepIndex : -1;
}

void WalkthroughPage::showCurrentStep()
{
    const bool haveStep = m_position < m_steps.size();
    m_fixedYes->setEnabled(haveStep && !m_retesting);
    m_fixedNo->setEnabled(haveStep && !m_retesting);
    if (!haveStep) {
        m_remedyTitle->setText(m_steps.isEmpty() ? tr("Nothing to do here")
                                                 : tr("That was the last suggestion"));
        m_audience->clear();
        m_explanation->setText(
            m_steps.isEmpty()
                ? tr("RTMP Doctor has no steps for this result.")
                : tr("RTMP Doctor has no further steps for this problem. Save the report and pass it to "
                     "whoever runs the server or the network: it lists everything that was tested and "
                     "tried."));
        m_stepTitle->clear();
        m_stepText->clear();
        m_verify->hide();
        m_snippetCaption->hide();
        m_snippetView->hide();
        m_copySnippet->hide();
        return;
    }
    const Step& step = m_steps.at(m_position);
    const RemedyStep& remedyStep = step.remedy.steps.at(step.stepIndex);
    m_remedyTitle->setText(step.remedy.title);
    m_audience->setText(audienceText(step.remedy.audience));
    m_explanation->setText(step.remedy.explanation);
    m_stepTitle->setText(tr("Step %1 of %2").arg(step.stepIndex + 1).arg(step.remedy.steps.size()));
    m_stepText->setText(remedyStep.text);
    m_verify->setVisible(!remedyStep.verify.isEmpty());
    m_verify->setText(tr("How to tell it worked: %1").arg(remedyStep.verify));

    QStringList files;
    QStringList lines;
    for (const ConfigSnippet& snippet : remedyStep.snippets) {
        if (!snippet.file.isEmpty() && !files.contains(snippet.file))
            files << snippet.file;
        lines << snippet.text;
    }
    const bool haveSnippet = !lines.isEmpty();
    m_snippetCaption->setVisible(haveSnippet);
    m_snippetView->setVisible(haveSnippet);
    m_copySnippet->setVisible(haveSnippet);
    m_snippetCaption->setText(files.isEmpty() ? tr("Use exactly this:")
                                              : tr("In %1, use exactly this:").arg(files.join(u", "_s)));
    m_snippetView->setPlainText(lines.join(u'\n'));
}

void WalkthroughPage::answerFixed()
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard == nullptr || m_retesting || m_position >= m_steps.size())
        return;
    const Step& step = m_steps.at(m_position);
    const RemedyStep& remedyStep = step.remedy.steps.at(step.stepIndex);
    m_pending = WalkthroughEntry{};
    m_pending.remedyId = step.remedy.id;
    m_pending.stepIndex = step.stepIndex;
    m_pending.helped = true;
    m_pending.answeredAt = QDateTime::currentDateTimeUtc();

    DiagnosticSession& session = mainWizard->session();
    QStringList ids;
    if (mainWizard->probesRanThisPass() && !mainWizard->isShowingSavedSession() && !session.isRunning())
        ids = probeIdsToRerun(remedyStep, session.results());
    const auto recordWithoutRetest = [&] {
        mainWizard->recordWalkthroughAnswer(m_pending);
        m_retestResult->setText(
            (remedyStep.verify.isEmpty()
                 ? tr("Good. Nothing here can be tested again from this computer; check that the stream "
                      "works in the encoder.")
                 : tr("Good. To be sure: %1").arg(remedyStep.verify))
                .toHtmlEscaped());
    };
    if (ids.isEmpty()) {
        recordWithoutRetest();
        return;
    }

    const ReportCause* top = mainWizard->report().diagnosis.topCause();
    m_causeBeforeRetest = top != nullptr ? top->causeId : QString();
    m_retestIds.clear();
    m_pending.retestResults.clear();
    m_sessionProbeFinished =
        connect(&session, &DiagnosticSession::probeFinished, this, [this](const ProbeResult& result) {
            m_pending.retestResults.append(ReportModel::normalised(result));
        });
    m_sessionFinished = connect(&session, &DiagnosticSession::finished, this, &WalkthroughPage::finishRetest);
    if (!session.rerun(ids)) {
        disconnect(m_sessionProbeFinished);
        disconnect(m_sessionFinished);
        recordWithoutRetest();
        return;
    }
    m_retesting = true;
    m_retestIds = ids;
    m_fixedYes->setEnabled(false);
    m_fixedNo->setEnabled(false);
    m_retestResult->setText(tr("Testing again: %1 ...").arg(ids.join(u", "_s)).toHtmlEscaped());
    emit completeChanged();
}

void WalkthroughPage::finishRetest()
{
    disconnect(m_sessionProbeFinished);
    disconnect(m_sessionFinished);
    m_retesting = false;
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard != nullptr)
        mainWizard->recordWalkthroughAnswer(m_pending);
    const QStringList secrets = mainWizard != nullptr ? mainWizard->report().secrets : QStringList();

    QList<ProbeResult> failing;
    QString rows;
    for (const ProbeResult& result : std::as_const(m_pending.retestResults)) {
        if (result.verdict() == Verdict::Fail)
            failing << result;
        rows += u"<li>%1 %2: %3</li>"_s.arg(verdictSymbol(result.verdict()), result.probeId.toHtmlEscaped(),
                                            scrubSecrets(result.message, secrets).toHtmlEscaped());
    }
    QString headline;
    if (failing.isEmpty()) {
        headline = tr("Fixed: the re-tested checks pass now.");
    } else {
        headline = tr("Not fixed yet: %n check(s) still fail.", nullptr, static_cast<int>(failing.size()));
        const ReportCause* top = mainWizard != nullptr ? mainWizard->report().diagnosis.topCause() : nullptr;
        if (top != nullptr && top->causeId == m_causeBeforeRetest)
            headline += u' ' + tr("Press No to try the next step.");
    }
    m_retestResult->setText(u"<p><b>%1</b></p><ul>%2</ul>"_s.arg(headline.toHtmlEscaped(), rows));
    showCurrentStep();
    emit completeChanged();
    emit retestFinished();
}

void WalkthroughPage::answerNotFixed()
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard == nullptr || m_retesting || m_position >= m_steps.size())
        return;
    const Step& step = m_steps.at(m_position);
    WalkthroughEntry entry;
    entry.remedyId = step.remedy.id;
    entry.stepIndex = step.stepIndex;
    entry.helped = false;
    entry.answeredAt = QDateTime::currentDateTimeUtc();
    mainWizard->recordWalkthroughAnswer(entry);
    ++m_position;
    m_retestResult->clear();
    showCurrentStep();
}

} // namespace rd
