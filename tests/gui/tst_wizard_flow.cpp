// The whole wizard, driven the way a person drives it (widgets found by
// objectName, keys typed, buttons clicked), against real servers on loopback:
// nginx-rtmp, stunnel with an expired certificate, a dropped or closed port,
// a peer that never answers.
#include "builtindata.h"
#include "catalog/catalogs.h"
#include "diagnostics/portgridwidget.h"
#include "engine/diagnosticsession.h"
#include "fixtures.h"
#include "mainwizard.h"
#include "pages/camerachecklistpage.h"
#include "pages/rememberedtarget.h"
#include "pages/reportpage.h"
#include "pages/walkthroughpage.h"
#include "widgetfinder.h"
#include "widgets/themedicon.h"
#include "widgets/urledit.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>
#include <QTreeWidget>

#include <algorithm>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;
using rd::MainWizard;
using rd::test::findWidget;

namespace {

rd::ProbeTimeouts shortTimeouts(int readMs = 2500)
{
    rd::ProbeTimeouts timeouts;
    timeouts.dnsMs = 3000;
    timeouts.connectMs = 1500;
    timeouts.readMs = readMs;
    timeouts.probeMs = readMs + 4000;
    timeouts.sessionMs = 30000;
    return timeouts;
}

QString randomKey()
{
    return u"sk-"_s + QString::number(QRandomGenerator::global()->generate64(), 16) + u"x9"_s;
}

QStringList startedIds(const QSignalSpy& spy)
{
    QStringList ids;
    for (const QList<QVariant>& arguments : spy)
        ids << arguments.at(0).toString();
    return ids;
}

// Every probe that (transitively) waits for one of `ids`: what rerun(ids) may run again.
QSet<QString> withDependents(const rd::DiagnosticPlan& plan, const QStringList& ids)
{
    QSet<QString> closure(ids.begin(), ids.end());
    bool grew = true;
    while (grew) {
        grew = false;
        for (const rd::PlannedProbe& planned : plan.probes()) {
            if (closure.contains(planned.probeId))
                continue;
            for (const QString& prerequisite : planned.prerequisites) {
                if (closure.contains(prerequisite)) {
                    closure.insert(planned.probeId);
                    grew = true;
                    break;
                }
            }
        }
    }
    return closure;
}

} // namespace

class TestWizardFlow : public QObject
{
    Q_OBJECT

private:
    std::optional<rd::Catalogs> m_catalogs;
    std::optional<rd::KnowledgeBase> m_knowledge;
    QTemporaryDir m_files;

    std::unique_ptr<MainWizard> newWizard(int readMs = 2500)
    {
        auto wizard = std::make_unique<MainWizard>(*m_catalogs);
        rd::DiagnosticPlan::Options options;
        options.timeouts = shortTimeouts(readMs);
        options.proxy.mode = rd::ProxyMode::None;
        // The URL's port comes first anyway; 443 and 80 tell a firewall from a dead host.
        options.gridPorts = {443, 80};
        wizard->setPlanOptions(options);
        wizard->resize(1024, 640);
        return wizard;
    }

    QString plainOf(const QString& causeId) const
    {
        const rd::CauseDefinition* cause = m_knowledge->cause(causeId);
        return cause != nullptr ? cause->plain : QString();
    }

    QString primaryCause(MainWizard& wizard)
    {
        return findWidget<QLabel>(&wizard, "primaryCauseLabel")->text();
    }

    static QString topCauseId(const MainWizard& wizard)
    {
        const rd::ReportCause* top = wizard.report().diagnosis.topCause();
        return top != nullptr ? top->causeId : QString();
    }

    // Welcome -> Encoder (keyboard search) -> URL -> Symptoms, with the given answers.
    void walkToSymptoms(MainWizard& wizard, const QString& url, const QString& key,
                        const QString& encoderSearch = u"OBS"_s)
    {
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.currentId(), int(MainWizard::WelcomePageId));
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::EncoderPageId));
        auto* search = findWidget<QLineEdit>(&wizard, "encoderSearch");
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, encoderSearch);
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(wizard.currentId(), int(MainWizard::IngestUrlPageId));
        findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit")->setText(url);
        findWidget<QLineEdit>(&wizard, "streamKeyEdit")->setText(key);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::SymptomsPageId));
    }

    void tick(MainWizard& wizard, const char* objectName)
    {
        auto* box = findWidget<QCheckBox>(&wizard, objectName);
        QVERIFY(box);
        QVERIFY(!box->isChecked());
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
        QVERIFY(box->isChecked());
    }

    // ... -> Symptoms ("cannot connect", the message the user pasted) -> Diagnostics, run to the
    // end -> Result.
    void runToResult(MainWizard& wizard, const QString& url, const QString& key, const QString& pasted = {})
    {
        walkToSymptoms(wizard, url, key);
        if (QTest::currentTestFailed())
            return;
        if (!pasted.isEmpty())
            findWidget<QPlainTextEdit>(&wizard, "errorTextEdit")->setPlainText(pasted);
        tick(wizard, "symptomCannotConnect");
        QSignalSpy finished(&wizard.session(), &rd::DiagnosticSession::finished);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::DiagnosticsPageId));
        QVERIFY(wizard.session().isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 40000);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 2000);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MainWizard::ResultPageId));
    }

    static rd::CellState cell(MainWizard& wizard, rd::GridRow row, quint16 port)
    {
        auto* grid = wizard.findChild<rd::PortGridWidget*>(u"diagPortGrid"_s);
        return grid != nullptr ? grid->cellState(row, port) : rd::CellState::Empty;
    }

private slots:
    void initTestCase()
    {
        // Never read or write the real user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(rd::RememberedTarget::settingsPath());
        QVERIFY(m_files.isValid());
        rd::test::BuiltInData loaded = rd::test::loadBuiltInData();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        m_catalogs = std::move(loaded.catalogs);
        m_knowledge = std::move(loaded.knowledge);
    }

    void init() { QFile::remove(rd::RememberedTarget::settingsPath()); }

    void healthyServerSaysHealthy()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        const QString key = randomKey();
        auto wizard = newWizard();
        runToResult(*wizard, u"rtmp://127.0.0.1:%1/live"_s.arg(nginx.rtmpPort()), key);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(topCauseId(*wizard), u"no-problem-found"_s);
        QCOMPARE(primaryCause(*wizard), plainOf(u"no-problem-found"_s));
        QCOMPARE(wizard->report().verdict, rd::ReportVerdict::Healthy);
        QCOMPARE(cell(*wizard, rd::GridRow::Tcp, nginx.rtmpPort()), rd::CellState::Pass);
        QCOMPARE(cell(*wizard, rd::GridRow::Handshake, nginx.rtmpPort()), rd::CellState::Pass);
        QCOMPARE(cell(*wizard, rd::GridRow::Connect, nginx.rtmpPort()), rd::CellState::Pass);
        QVERIFY(findWidget<QProgressBar>(wizard.get(), "confidenceBar")->value() >= 50);

        // The ticket summary on the clipboard hides the key.
        QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "copySummaryButton"), Qt::LeftButton);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY(!copied.isEmpty());
        QVERIFY(!copied.contains(key));
    }

    // The pasted message suggests a missing host name among other causes; the name resolved and
    // the server answered, so the result lists it as ruled out, with the reason.
    void contradictedCauseIsListedAsRuledOut()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        auto wizard = newWizard();
        runToResult(*wizard, u"rtmp://127.0.0.1:%1/live"_s.arg(nginx.rtmpPort()), randomKey(),
                    u"Failed to connect to server"_s);
        if (QTest::currentTestFailed())
            return;
        const QList<rd::ReportCause>& ruledOut = wizard->report().diagnosis.ruledOut;
        const auto hostName =
            std::find_if(ruledOut.cbegin(), ruledOut.cend(), [](const rd::ReportCause& cause) {
                return cause.causeId == u"host-name-not-found"_s;
            });
        QVERIFY2(hostName != ruledOut.cend(), qPrintable(wizard->report().toTicketSummary()));

        auto* others = findWidget<QListWidget>(wizard.get(), "otherCausesList");
        QVERIFY(others);
        const QList<QListWidgetItem*> headings =
            others->findItems(u"Ruled out by the checks:"_s, Qt::MatchExactly);
        QCOMPARE(headings.size(), 1);
        QListWidgetItem* listed = nullptr;
        for (int row = others->row(headings.first()) + 1; row < others->count(); ++row) {
            if (others->item(row)->data(Qt::UserRole).toString() == hostName->causeId)
                listed = others->item(row);
        }
        QVERIFY(listed);
        QVERIFY2(listed->text().startsWith(hostName->title), qPrintable(listed->text()));
        QVERIFY2(listed->text().contains(hostName->evidenceAgainst.first().why), qPrintable(listed->text()));
        QVERIFY(wizard->report().toTicketSummary().contains(u"Ruled out by the checks:"_s));
    }

    void unknownApplicationBlamesApplicationOrKey()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        auto wizard = newWizard();
        runToResult(*wizard, u"rtmp://127.0.0.1:%1/nosuchapp"_s.arg(nginx.rtmpPort()), randomKey());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(topCauseId(*wizard), u"wrong-application-or-key"_s);
        QCOMPARE(primaryCause(*wizard), plainOf(u"wrong-application-or-key"_s));
        QVERIFY(primaryCause(*wizard).contains(u"application name"_s));
        QCOMPARE(cell(*wizard, rd::GridRow::Handshake, nginx.rtmpPort()), rd::CellState::Pass);
        QCOMPARE(cell(*wizard, rd::GridRow::Connect, nginx.rtmpPort()), rd::CellState::Fail);
        // The evidence names the connect probe.
        auto* evidence = findWidget<QTreeWidget>(wizard.get(), "evidenceTree");
        QVERIFY(evidence->topLevelItemCount() >= 1);
        QVERIFY(evidence->topLevelItem(0)->childCount() >= 1);
        QVERIFY(evidence->topLevelItem(0)->isExpanded());
    }

    void blockedPortBlamesFirewallOrServer()
    {
        const quint16 port = rd::test::FreePort::pick();
        QVERIFY(port != 0);
        std::unique_ptr<rd::test::LoopbackDrop> drop;
        QString whyNot;
        if (rd::test::LoopbackDrop::available(&whyNot)) {
            drop = std::make_unique<rd::test::LoopbackDrop>(port);
            QVERIFY2(drop->isActive(), qPrintable(drop->errorString()));
        } else {
            qInfo("no packet filter here (%s): a closed port stands in for a firewalled one",
                  qPrintable(whyNot));
        }
        auto wizard = newWizard();
        runToResult(*wizard, u"rtmp://127.0.0.1:%1/live"_s.arg(port), randomKey());
        if (QTest::currentTestFailed())
            return;
        const QString expected = drop ? u"firewall-blocks-rtmp-port"_s : u"server-not-running"_s;
        QCOMPARE(topCauseId(*wizard), expected);
        QCOMPARE(primaryCause(*wizard), plainOf(expected));
        QCOMPARE(cell(*wizard, rd::GridRow::Tcp, port), rd::CellState::Fail);
        QCOMPARE(cell(*wizard, rd::GridRow::Handshake, port), rd::CellState::Skipped);
    }

    void expiredCertificateIsNamed()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        rd::test::StunnelFixture stunnel(nginx.rtmpPort(), rd::test::CertificateKind::Expired);
        RD_START_FIXTURE(stunnel);
        auto wizard = newWizard();
        rd::NetworkProbeOptions trustTestCa;
        trustTestCa.extraCaCertificates = QSslCertificate::fromPath(stunnel.caCertificatePath(), QSsl::Pem);
        QVERIFY(!trustTestCa.extraCaCertificates.isEmpty());
        wizard->setNetworkProbeOptions(trustTestCa);
        runToResult(*wizard, u"rtmps://localhost:%1/live"_s.arg(stunnel.port()), randomKey());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(topCauseId(*wizard), u"tls-certificate-expired"_s);
        QCOMPARE(primaryCause(*wizard), plainOf(u"tls-certificate-expired"_s));
        QCOMPARE(cell(*wizard, rd::GridRow::Tls, stunnel.port()), rd::CellState::Fail);
    }

    void cancelMidRun()
    {
        rd::test::ScriptedPeer silent(rd::test::ScriptedPeer::Behaviour::Silent);
        QVERIFY2(silent.isListening(), qPrintable(silent.errorString()));
        auto wizard = newWizard(20000);
        walkToSymptoms(*wizard, u"rtmp://127.0.0.1:%1/live"_s.arg(silent.port()), randomKey());
        if (QTest::currentTestFailed())
            return;
        tick(*wizard, "symptomCannotConnect");
        QSignalSpy started(&wizard->session(), &rd::DiagnosticSession::probeStarted);
        QSignalSpy finished(&wizard->session(), &rd::DiagnosticSession::finished);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        const QString handshake = rd::probeids::handshake(silent.port(), rd::Transport::PlainTcp);
        QTRY_VERIFY_WITH_TIMEOUT(startedIds(started).contains(handshake), 10000);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(findWidget<QAbstractButton>(wizard.get(), "diagCancel"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 1000);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(wizard->session().result(handshake)->status, rd::ProbeStatus::Cancelled);
    }

    void closingTheWindowMidRunEndsQuickly()
    {
        rd::test::ScriptedPeer silent(rd::test::ScriptedPeer::Behaviour::Silent);
        QVERIFY2(silent.isListening(), qPrintable(silent.errorString()));
        auto wizard = newWizard(20000);
        walkToSymptoms(*wizard, u"rtmp://127.0.0.1:%1/live"_s.arg(silent.port()), randomKey());
        if (QTest::currentTestFailed())
            return;
        tick(*wizard, "symptomCannotConnect");
        QSignalSpy started(&wizard->session(), &rd::DiagnosticSession::probeStarted);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        const QString handshake = rd::probeids::handshake(silent.port(), rd::Transport::PlainTcp);
        QTRY_VERIFY_WITH_TIMEOUT(startedIds(started).contains(handshake), 10000);

        QElapsedTimer clock;
        clock.start();
        QVERIFY(wizard->close());
        wizard.reset();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    }

    // AVChat 3 with rtmp:// and no port runs Flash Player's own sequence (RTMP on 1935, 443, 80,
    // RTMPT on 80): the ladder tests plain RTMP on 443 and RTMPT on 80 too, and the report judges
    // each step. Nothing listens on 127.0.0.1 at those ports in a test run; whatever does, the
    // second step must rest on port 443's TCP or plain RTMP result, never on TLS there.
    void avchatWithoutPortJudgesTheFlashSequence()
    {
        auto wizard = newWizard(500);
        walkToSymptoms(*wizard, u"rtmp://127.0.0.1/avchat30/_definst_"_s, QString(), u"AVChat"_s);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(wizard->field(MainWizard::kEncoderIdField).toString(), u"avchat-3"_s);
        tick(*wizard, "symptomCannotConnect");
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::CameraChecklistPageId));
        QSignalSpy finished(&wizard->session(), &rd::DiagnosticSession::finished);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::DiagnosticsPageId));
        const QStringList planned = wizard->session().probeIds();
        QVERIFY(planned.contains(u"handshake:443"_s));
        QVERIFY(planned.contains(u"rtmpt:80"_s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 40000);
        // The page says where the client's own sequence would end, as soon as the tests are done.
        const QString status = findWidget<QLabel>(wizard.get(), "diagStatus")->text();
        QVERIFY2(status.contains(u"AVChat and other Flash clients would "_s), qPrintable(status));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 2000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::ResultPageId));

        const QList<rd::ProbeResult>& probes = wizard->report().probes;
        const auto sequence = std::find_if(probes.cbegin(), probes.cend(), [](const rd::ProbeResult& probe) {
            return probe.kind == rd::ProbeKind::FlashSequence;
        });
        QVERIFY(sequence != probes.cend());
        QVERIFY(sequence->status == rd::ProbeStatus::FlashSequenceConnects ||
                sequence->status == rd::ProbeStatus::FlashSequenceNoPath);
        const QVariantList steps = sequence->facts.value(rd::flashfacts::steps).toList();
        QCOMPARE(steps.size(), 4);
        const QString secondEvidence = steps.at(1).toMap().value(rd::flashfacts::stepEvidence).toString();
        QVERIFY2(secondEvidence.startsWith(u"tcp:443:"_s) || secondEvidence == u"handshake:443"_s,
                 qPrintable(secondEvidence));
        const QString fourthEvidence = steps.at(3).toMap().value(rd::flashfacts::stepEvidence).toString();
        QVERIFY2(fourthEvidence.startsWith(u"tcp:80:"_s) || fourthEvidence == u"rtmpt:80"_s,
                 qPrintable(fourthEvidence));
        const bool connects = sequence->status == rd::ProbeStatus::FlashSequenceConnects;
        QCOMPARE(status.contains(u"would connect at step"_s), connects);
        QCOMPARE(status.contains(u"would find no way in"_s), !connects);
    }

    void walkthroughYesRerunsOnlyTheNamedProbes()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        const QString key = randomKey();
        auto wizard = newWizard();
        runToResult(*wizard, u"rtmp://127.0.0.1:%1/nosuchapp"_s.arg(nginx.rtmpPort()), key);
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::WalkthroughPageId));
        auto* walkthrough = qobject_cast<rd::WalkthroughPage*>(wizard->currentPage());
        QVERIFY(walkthrough);
        QVERIFY(walkthrough->stepCount() > 1);
        QCOMPARE(walkthrough->currentRemedyId(), u"stream-key-and-application"_s);
        QVERIFY(!findWidget<QLabel>(wizard.get(), "stepTextLabel")->text().isEmpty());

        // "No" moves to the next step of the same remedy and records the answer.
        QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "fixedNoButton"), Qt::LeftButton);
        QCOMPARE(walkthrough->currentRemedyId(), u"stream-key-and-application"_s);
        QCOMPARE(walkthrough->currentStepIndex(), 1);
        QCOMPARE(findWidget<QLabel>(wizard.get(), "stepTitleLabel")->text(), u"Step 2 of 3"_s);

        const rd::ReportRemedy* remedy = wizard->report().diagnosis.remedy(walkthrough->currentRemedyId());
        QVERIFY(remedy);
        const rd::RemedyStep step = remedy->steps.at(walkthrough->currentStepIndex());
        const QStringList named = rd::probeIdsToRerun(step, wizard->session().results());
        QCOMPARE(named, QStringList{rd::probeids::connect(nginx.rtmpPort(), rd::Transport::PlainTcp)});
        const QSet<QString> allowed = withDependents(wizard->session().plan(), named);

        QSignalSpy started(&wizard->session(), &rd::DiagnosticSession::probeStarted);
        QSignalSpy retested(walkthrough, &rd::WalkthroughPage::retestFinished);
        QTest::mouseClick(findWidget<QPushButton>(wizard.get(), "fixedYesButton"), Qt::LeftButton);
        QVERIFY(walkthrough->isRetesting());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(retested.count(), 1, 20000);
        const QStringList rerun = startedIds(started);
        for (const QString& id : named)
            QVERIFY2(rerun.contains(id), qPrintable(id));
        for (const QString& id : rerun)
            QVERIFY2(allowed.contains(id),
                     qPrintable(u"re-ran %1 although the step does not name it"_s.arg(id)));
        QVERIFY(!rerun.contains(rd::probeids::dns()));

        const QString shown = findWidget<QLabel>(wizard.get(), "retestResultLabel")->text();
        QVERIFY2(shown.contains(named.first()), qPrintable(shown));
        QVERIFY(shown.contains(u"Not fixed yet"_s));
        QVERIFY(!shown.contains(key));

        const QList<rd::WalkthroughEntry> path = wizard->walkthroughPath();
        QCOMPARE(path.size(), 2);
        QCOMPARE(path.at(0).helped, false);
        QCOMPARE(path.at(0).stepIndex, 0);
        QCOMPARE(path.at(1).remedyId, u"stream-key-and-application"_s);
        QCOMPARE(path.at(1).stepIndex, 1);
        QCOMPARE(path.at(1).helped, true);
        QVERIFY(path.at(1).answeredAt.isValid());
        QStringList retestedIds;
        for (const rd::ProbeResult& result : path.at(1).retestResults)
            retestedIds << result.probeId;
        QVERIFY(retestedIds.contains(named.first()));
        QCOMPARE(wizard->report().walkthrough.size(), 2);
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    }

    void reportExportsAndSessionRoundTrip()
    {
        rd::test::NginxRtmpFixture nginx;
        RD_START_FIXTURE(nginx);
        const QString key = randomKey();
        QString shownCause;
        int evidenceGroups = 0;
        const QString jsonPath = m_files.filePath(u"session.json"_s);
        {
            auto wizard = newWizard();
            runToResult(*wizard, u"rtmp://127.0.0.1:%1/nosuchapp"_s.arg(nginx.rtmpPort()), key);
            if (QTest::currentTestFailed())
                return;
            shownCause = primaryCause(*wizard);
            QVERIFY(findWidget<QPushButton>(wizard.get(), "saveSessionButton")->isVisible());
            evidenceGroups = findWidget<QTreeWidget>(wizard.get(), "evidenceTree")->topLevelItemCount();
            QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
            QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
            QCOMPARE(wizard->currentId(), int(MainWizard::ReportPageId));
            QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
            auto* report = qobject_cast<rd::ReportPage*>(wizard->currentPage());
            QVERIFY(report);
            const QString preview = findWidget<QTextBrowser>(wizard.get(), "reportPreview")->toPlainText();
            QVERIFY(!preview.isEmpty());
            QVERIFY(!preview.contains(key));

            // An unwritable path is a message, and the session is still there to save elsewhere.
            const QString unwritable = u"/proc/rtmp-doctor-cannot-write-here/session.json"_s;
            QVERIFY(!report->exportJson(unwritable));
            QVERIFY(!findWidget<QLabel>(wizard.get(), "reportMessageLabel")->text().isEmpty());
            QVERIFY(!report->exportPdf(u"/proc/rtmp-doctor-cannot-write-here/report.pdf"_s));
            QCOMPARE(topCauseId(*wizard), u"wrong-application-or-key"_s);

            QVERIFY(report->exportJson(jsonPath));
            const QString pdfPath = m_files.filePath(u"report.pdf"_s);
            QVERIFY(report->exportPdf(pdfPath));
            QFile pdf(pdfPath);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            QVERIFY(pdf.read(5) == "%PDF-");

            QFile json(jsonPath);
            QVERIFY(json.open(QIODevice::ReadOnly));
            QVERIFY(!json.readAll().contains(key.toUtf8()));
        }

        // A help desk opens the file: the Result page shows what the customer saw.
        auto helpDesk = newWizard();
        helpDesk->show();
        QVERIFY(QTest::qWaitForWindowExposed(helpDesk.get()));
        const MainWizard::SessionFileResult opened = helpDesk->openSession(jsonPath);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(helpDesk->currentId(), int(MainWizard::ResultPageId));
        QVERIFY(helpDesk->isShowingSavedSession());
        QCOMPARE(primaryCause(*helpDesk), shownCause);
        QCOMPARE(findWidget<QTreeWidget>(helpDesk.get(), "evidenceTree")->topLevelItemCount(),
                 evidenceGroups);
        QVERIFY(findWidget<QLabel>(helpDesk.get(), "savedSessionNotice")->isVisible());
        QVERIFY(!helpDesk->session().isRunning());
        QTest::mouseClick(helpDesk->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(helpDesk->currentId(), int(MainWizard::ReportPageId));

        // A damaged file is refused with a message and changes nothing.
        const QString damaged = m_files.filePath(u"damaged.json"_s);
        QFile broken(damaged);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"schemaVersion\": 1, \"probes\": [");
        broken.close();
        const MainWizard::SessionFileResult refused = helpDesk->openSession(damaged);
        QVERIFY(!refused.ok());
        QVERIFY(!refused.message.isEmpty());
        QCOMPARE(helpDesk->currentId(), int(MainWizard::ReportPageId));
    }

    void pictureProblemsGoToTheChecklist()
    {
        auto wizard = newWizard();
        walkToSymptoms(*wizard, u"rtmp://live.example.com/app"_s, randomKey());
        if (QTest::currentTestFailed())
            return;
        tick(*wizard, "symptomLowFramerate");
        tick(*wizard, "symptomBandwidthNotUsed");
        // Enter is Next.
        QTest::keyClick(findWidget<QCheckBox>(wizard.get(), "symptomBandwidthNotUsed"), Qt::Key_Return);
        QCOMPARE(wizard->currentId(), int(MainWizard::CameraChecklistPageId));

        auto* stream = findWidget<QSpinBox>(wizard.get(), "streamBitrateSpin");
        auto* upload = findWidget<QSpinBox>(wizard.get(), "uploadSpeedSpin");
        QVERIFY(stream && upload);
        QVERIFY(stream->isVisible());
        stream->setValue(768);
        upload->setValue(350);
        const QString verdict = findWidget<QLabel>(wizard.get(), "bitrateVerdictLabel")->text();
        QVERIFY2(verdict.contains(u"does not fit"_s), qPrintable(verdict));
        QVERIFY(verdict.contains(u"280"_s));

        auto* lightItem = findWidget<QCheckBox>(wizard.get(), "checklistItem:improve-frame-rate/0");
        QVERIFY(lightItem);
        QTest::mouseClick(lightItem, Qt::LeftButton);
        QCOMPARE(wizard->field(MainWizard::kCameraChecklistField).toStringList(),
                 QStringList{u"improve-frame-rate/0"_s});

        // No connection symptom: straight to the result, nothing probed.
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(MainWizard::ResultPageId));
        QVERIFY(!wizard->probesRanThisPass());
        QVERIFY(wizard->report().probes.isEmpty());
        // 768 kbit/s per stream through a 350 kbit/s upload cannot fit: the
        // measured bitrate outranks the symptom, which stays a named cause.
        QCOMPARE(topCauseId(*wizard), u"bandwidth-not-used"_s);
        const QList<rd::ReportCause>& causes = wizard->report().diagnosis.causes;
        QVERIFY(std::any_of(causes.cbegin(), causes.cend(), [](const rd::ReportCause& cause) {
            return cause.causeId == u"capture-low-framerate"_s;
        }));
        QCOMPARE(wizard->report().answers.value(u"camera-checklist"_s),
                 QStringList{u"improve-frame-rate/0"_s});
        QCOMPARE(wizard->report().answers.value(u"stream-bitrate-kbps"_s), QStringList{u"768"_s});
    }

    void bitrateComparison_data()
    {
        QTest::addColumn<int>("streamKbps");
        QTest::addColumn<int>("uploadKbps");
        QTest::addColumn<int>("fit");
        using Fit = rd::CameraChecklistPage::BitrateFit;
        QTest::newRow("seed example") << 768 << 350 << int(Fit::DoesNotFit);
        QTest::newRow("just over") << 351 << 350 << int(Fit::DoesNotFit);
        QTest::newRow("equal") << 350 << 350 << int(Fit::Tight);
        QTest::newRow("above 80 %") << 281 << 350 << int(Fit::Tight);
        QTest::newRow("at 80 %") << 280 << 350 << int(Fit::Fits);
        QTest::newRow("plenty") << 768 << 20000 << int(Fit::Fits);
        QTest::newRow("no bitrate") << 0 << 350 << int(Fit::NotGiven);
        QTest::newRow("no upload") << 768 << 0 << int(Fit::NotGiven);
    }

    void bitrateComparison()
    {
        QFETCH(int, streamKbps);
        QFETCH(int, uploadKbps);
        QFETCH(int, fit);
        QCOMPARE(int(rd::CameraChecklistPage::compareBitrate(streamKbps, uploadKbps)), fit);
    }

    void lastTargetIsRememberedWithoutTheKey()
    {
        const QString key = randomKey();
        {
            auto wizard = newWizard();
            walkToSymptoms(*wizard, u"rtmp://live.example.com/app"_s, key);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(rd::RememberedTarget::settingsPath().contains(u"qttest"_s));
        QFile settings(rd::RememberedTarget::settingsPath());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QByteArray stored = settings.readAll();
        settings.close();
        QVERIFY(stored.contains("live.example.com/app"));
        QVERIFY(!stored.contains(key.toUtf8()));
        QCOMPARE(rd::RememberedTarget::load().encoderId, u"obs-studio"_s);

        // A key typed into the address is not remembered either.
        rd::IngestUrl inAddress = rd::IngestUrl::parse(u"rtmp://live.example.com/app/"_s + key);
        QCOMPARE(rd::RememberedTarget::addressWithoutSecrets(inAddress), u"rtmp://live.example.com/app"_s);

        // Next time the address is filled in, the key box stays empty.
        {
            auto wizard = newWizard();
            wizard->show();
            QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
            QVERIFY(findWidget<QLabel>(wizard.get(), "lastTargetLabel")->isVisible());
            wizard->next();
            QCOMPARE(wizard->field(MainWizard::kEncoderIdField).toString(), u"obs-studio"_s);
            wizard->next();
            QCOMPARE(wizard->currentId(), int(MainWizard::IngestUrlPageId));
            QCOMPARE(findWidget<rd::UrlEdit>(wizard.get(), "ingestUrlEdit")->text(),
                     u"rtmp://live.example.com/app"_s);
            QVERIFY(findWidget<QLineEdit>(wizard.get(), "streamKeyEdit")->text().isEmpty());

            // Ticking "remember the key" keeps it; unticking later forgets it again.
            findWidget<QLineEdit>(wizard.get(), "streamKeyEdit")->setText(key);
            QTest::mouseClick(findWidget<QCheckBox>(wizard.get(), "rememberKeyCheck"), Qt::LeftButton, {},
                              QPoint(8, 8));
            wizard->next();
            QCOMPARE(rd::RememberedTarget::load().streamKey, key);
            wizard->back();
            QTest::mouseClick(findWidget<QCheckBox>(wizard.get(), "rememberKeyCheck"), Qt::LeftButton, {},
                              QPoint(8, 8));
            wizard->next();
            QVERIFY(rd::RememberedTarget::load().streamKey.isEmpty());
        }
        QVERIFY(settings.open(QIODevice::ReadOnly));
        stored = settings.readAll();
        QVERIFY(!stored.contains(key.toUtf8()));
    }

    void serverFamilyAndErrorTextAreRecognisedAsYouType()
    {
        auto wizard = newWizard();
        walkToSymptoms(*wizard, u"rtmp://myserver.example.com/avchat30/_definst_"_s, QString());
        if (QTest::currentTestFailed())
            return;
        wizard->back();
        auto* combo = findWidget<QComboBox>(wizard.get(), "serverFamilyCombo");
        auto* urlEdit = findWidget<rd::UrlEdit>(wizard.get(), "ingestUrlEdit");
        QVERIFY(combo && urlEdit);
        urlEdit->setText(u"rtmp://a.rtmp.youtube.com/live2"_s);
        QCOMPARE(wizard->field(MainWizard::kServerFamilyField).toString(),
                 m_catalogs->servers.detect(u"a.rtmp.youtube.com"_s, 1935, u"live2"_s).familyId);
        QVERIFY(wizard->field(MainWizard::kServerFamilyField).toString() != u"generic"_s);
        QVERIFY(combo->currentText().contains(u"Recognised"_s));

        // The user's choice wins over the recognition.
        const int red5 = combo->findData(u"red5"_s);
        QVERIFY(red5 > 0);
        combo->setCurrentIndex(red5);
        QCOMPARE(wizard->field(MainWizard::kServerFamilyField).toString(), u"red5"_s);

        auto* errorText = findWidget<QPlainTextEdit>(wizard.get(), "errorTextEdit");
        auto* match = findWidget<QLabel>(wizard.get(), "errorMatchLabel");
        QVERIFY(errorText && match);
        errorText->setFocus();
        QTest::keyClicks(errorText, u"Connection Rejected:No scope \"avchat30/_definst_\" on this server"_s);
        QVERIFY2(match->text().contains(u"Recognised"_s), qPrintable(match->text()));
        errorText->clear();
        QTest::keyClicks(errorText, u"zzz nothing like an encoder message"_s);
        QVERIFY(!match->text().contains(u"Recognised"_s));
    }

    void helpDeskModeShowsTheTechnicalView()
    {
        auto wizard = newWizard();
        wizard->show();
        QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
        auto* toggle = findWidget<QPushButton>(wizard.get(), "technicalViewToggle");
        QVERIFY(toggle && toggle->isVisible() && toggle->isCheckable());
        QVERIFY(!toggle->isChecked());
        // Nothing to save yet.
        QVERIFY(!findWidget<QPushButton>(wizard.get(), "saveSessionButton")->isVisible());
        auto* helpDesk = findWidget<QRadioButton>(wizard.get(), "roleHelpDesk");
        QTest::mouseClick(helpDesk, Qt::LeftButton, {}, QPoint(8, helpDesk->height() / 2));
        QVERIFY(toggle->isChecked());
        QVERIFY(wizard->technicalView());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!wizard->technicalView());
        QVERIFY(!findWidget<QPlainTextEdit>(wizard.get(), "technicalDetailsView")
                     ->isVisibleTo(wizard->page(MainWizard::ResultPageId)));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(findWidget<QPlainTextEdit>(wizard.get(), "technicalDetailsView")
                    ->isVisibleTo(wizard->page(MainWizard::ResultPageId)));
    }

    void everyControlHasANameAndTheKeyboardReachesIt()
    {
        auto wizard = newWizard();
        wizard->show();
        QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
        const QList<int> ids = wizard->pageIds();
        for (int id : ids) {
            QWizardPage* page = wizard->page(id);
            if (id == MainWizard::DiagnosticsPageId)
                continue; // its own test checks it
            const QList<QWidget*> widgets = page->findChildren<QWidget*>();
            QSet<QWidget*> buddied;
            for (QWidget* widget : widgets) {
                if (auto* label = qobject_cast<QLabel*>(widget);
                    label != nullptr && label->buddy() != nullptr)
                    buddied.insert(label->buddy());
            }
            for (QWidget* widget : widgets) {
                const bool control = widget->inherits("QAbstractButton") || widget->inherits("QLineEdit") ||
                                     widget->inherits("QComboBox") || widget->inherits("QAbstractSpinBox") ||
                                     widget->inherits("QAbstractItemView") ||
                                     widget->inherits("QPlainTextEdit") || widget->inherits("QTextEdit") ||
                                     widget->inherits("QAbstractScrollArea");
                // The parts of compound controls (a spin box's line edit, a view's header) are named by the
                // whole.
                const QWidget* parent = widget->parentWidget();
                const bool part = parent != nullptr &&
                                  (parent->inherits("QAbstractSpinBox") || parent->inherits("QComboBox") ||
                                   parent->inherits("QLineEdit") || parent->inherits("QAbstractScrollArea") ||
                                   widget->inherits("QHeaderView") ||
                                   (parent->parentWidget() != nullptr &&
                                    parent->parentWidget()->inherits("QAbstractScrollArea")));
                if (!control || part || widget->inherits("QScrollBar"))
                    continue;
                const auto* button = qobject_cast<QAbstractButton*>(widget);
                const bool named = !widget->accessibleName().isEmpty() || buddied.contains(widget) ||
                                   (button != nullptr && !button->text().isEmpty());
                QVERIFY2(named, qPrintable(u"%1: %2 (%3) has no accessible name"_s.arg(
                                    page->objectName(), widget->objectName(),
                                    QString::fromLatin1(widget->metaObject()->className()))));
                QVERIFY2(!widget->objectName().isEmpty(),
                         qPrintable(u"%1: a %2 without an object name (%3)"_s.arg(
                             page->objectName(), QString::fromLatin1(widget->metaObject()->className()),
                             widget->accessibleName())));
            }
        }

        // Tab walks every control of the Symptoms page.
        walkToSymptoms(*wizard, u"rtmp://live.example.com/app"_s, randomKey());
        if (QTest::currentTestFailed())
            return;
        QApplication::setActiveWindow(wizard.get());
        QVERIFY(QTest::qWaitForWindowActive(wizard.get()));
        auto* first = findWidget<QCheckBox>(wizard.get(), "symptomCannotConnect");
        first->setFocus();
        QTRY_VERIFY(QApplication::focusWidget() == first);
        QSet<QString> reached;
        for (int press = 0; press < 30; ++press) {
            reached.insert(QApplication::focusWidget()->objectName());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        for (const char* name : {"symptomDisconnects", "symptomStutters", "symptomLowFramerate",
                                 "symptomBandwidthNotUsed", "symptomDarkOrNoisyImage", "symptomNoImage",
                                 "networkCombo", "publishCheckBox", "technicalViewToggle"})
            QVERIFY2(reached.contains(QString::fromLatin1(name)), name);
    }

    void darkPaletteIsRespected()
    {
        const QPalette original = QApplication::palette();
        const QString originalStyle = QApplication::style()->name();
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xf0, 0xf0, 0xf0));
        QApplication::setPalette(dark);
        const auto restore = qScopeGuard([&] {
            QApplication::setPalette(original);
            QApplication::setStyle(QStyleFactory::create(originalStyle));
        });

        auto wizard = newWizard();
        wizard->show();
        QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
        // No widget paints with a colour of its own.
        for (QWidget* widget : wizard->findChildren<QWidget*>())
            QVERIFY2(widget->styleSheet().isEmpty(), qPrintable(widget->objectName()));
        auto* cause = findWidget<QLabel>(wizard.get(), "primaryCauseLabel");
        QCOMPARE(cause->palette().color(cause->foregroundRole()), dark.color(QPalette::WindowText));

        // Action icons follow the palette: light strokes on a dark one.
        const QImage icon = rd::themedIcon(u"copy"_s).pixmap(QSize(32, 32)).toImage();
        int strokes = 0;
        for (int y = 0; y < icon.height(); ++y) {
            for (int x = 0; x < icon.width(); ++x) {
                const QColor pixel = icon.pixelColor(x, y);
                if (pixel.alpha() < 200)
                    continue;
                ++strokes;
                QVERIFY2(pixel.lightness() > 200, qPrintable(pixel.name()));
            }
        }
        QVERIFY(strokes > 20);
        // ... and scale without blur on a high-DPI screen.
        const QPixmap doubled = rd::themedIcon(u"copy"_s).pixmap(QSize(16, 16), 2.0);
        QCOMPARE(doubled.size(), QSize(32, 32));
        QCOMPARE(doubled.devicePixelRatio(), 2.0);
    }

    void translationsAreCompiledIn()
    {
        if (!QFile::exists(u":/i18n/rtmp-doctor_en.qm"_s))
            QSKIP("built without Qt LinguistTools: no translations");
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/rtmp-doctor_en.qm"_s));
        // The English file carries the plural forms of the English source texts.
        QCOMPARE(
            translator.translate("rd::WalkthroughPage", "Not fixed yet: %n check(s) still fail.", nullptr, 1),
            u"Not fixed yet: %n check still fails."_s);
        QCOMPARE(
            translator.translate("rd::WalkthroughPage", "Not fixed yet: %n check(s) still fail.", nullptr, 3),
            u"Not fixed yet: %n checks still fail."_s);
    }
};

QTEST_MAIN(TestWizardFlow)
#include "tst_wizard_flow.moc"
