#pragma once

#include "diagnosis/diagnosis.h"
#include "diagnosis/knowledgebase.h"
#include "engine/diagnosticplan.h"
#include "intake/ingestcheck.h"
#include "probe/netprobes.h"
#include "report/reportmodel.h"

#include <QWizard>

#include <optional>

namespace rd {

struct Catalogs;
class DiagnosticSession;
class DiagnosticsPage;
class SessionRecorder;

// The troubleshooting wizard. Pages are identified by PageId; nextId() on each
// page decides where the user goes next, so branches live beside the page that
// owns the answer.
//
// The wizard owns what the pages share: the probe session (one per wizard,
// created in the GUI thread), the knowledge base, the diagnosis of the current
// answers and the record of the walkthrough. Everything the Result,
// Walkthrough and Report pages show comes from one ReportModel (report()), so
// a session opened from a file looks exactly like the one that was saved.
class MainWizard : public QWizard
{
    Q_OBJECT

public:
    // The order matters only as QWizard's default for a page that does not
    // choose: the Diagnostics page is followed by the Result page.
    enum PageId
    {
        WelcomePageId,
        EncoderPageId,
        IngestUrlPageId,
        SymptomsPageId,
        CameraChecklistPageId,
        DiagnosticsPageId,
        ResultPageId,
        WalkthroughPageId,
        ReportPageId,
    };
    Q_ENUM(PageId)

    // Field names shared by the pages (QWizard::field / registerField).
    static const QString kHelpDeskField;        // bool
    static const QString kEncoderIdField;       // QString, encoders.json id
    static const QString kIngestUrlField;       // QString, as typed (a secret may be in it)
    static const QString kStreamKeyField;       // QString, the separate key box (a secret)
    static const QString kServerFamilyField;    // QString, servers.json id: detected or chosen
    static const QString kErrorTextField;       // QString, what the encoder showed
    static const QString kRememberKeyField;     // bool, keep the stream key in the settings
    static const QString kSymptomsField;        // QStringList, choice ids of question "symptom"
    static const QString kNetworkField;         // QString, choice id of question "network"
    static const QString kPublishCheckField;    // bool, also test publishing with the key
    static const QString kCameraChecklistField; // QStringList, ticked items "remedyId/stepIndex"
    static const QString kStreamBitrateField;   // int, kbit/s per stream (0 = not given)
    static const QString kUploadSpeedField;     // int, kbit/s (0 = not given)

    // Symptoms (choice ids of the knowledge base's "symptom" question) that
    // the probes can explain, and those that come from the camera.
    static QStringList connectionSymptoms(); // cannot-connect, disconnects, stutters
    static QStringList videoSymptoms(); // low-framerate, bandwidth-not-used, dark-or-noisy-image, no-image

    // Loads the built-in knowledge base; when that fails (a broken build) the
    // wizard still runs with an empty one and diagnoses nothing.
    explicit MainWizard(const Catalogs& catalogs, QWidget* parent = nullptr);
    MainWizard(const Catalogs& catalogs, const KnowledgeBase& knowledge, QWidget* parent = nullptr);
    ~MainWizard() override;

    const Catalogs& catalogs() const { return m_catalogs; }
    const KnowledgeBase& knowledge() const { return *m_knowledge; }
    DiagnosticSession& session() { return *m_session; }

    // Timeouts, proxy and grid ports of the next run (tests use short
    // timeouts and a small grid). publishCheck is taken from the Symptoms page.
    void setPlanOptions(const DiagnosticPlan::Options& options) { m_planOptions = options; }
    DiagnosticPlan::Options planOptions() const { return m_planOptions; }
    void setProbeTimeouts(const ProbeTimeouts& timeouts) { m_planOptions.timeouts = timeouts; }
    // Replaces the session's probe factories, e.g. to trust a test CA.
    void setNetworkProbeOptions(const NetworkProbeOptions& options);

    // The address and key as typed, read the way the chosen encoder reads them.
    IngestCheck ingestCheck() const;
    // The plan for the current answers; nothing when the address is unusable.
    std::optional<DiagnosticPlan> planForAnswers() const;
    QStringList symptoms() const;
    bool hasConnectionSymptom() const;
    bool hasVideoSymptom() const;
    // The camera page comes after the symptoms for picture trouble and for a webcam chat (AVChat):
    // its picture is part of what the user calls "the stream".
    bool wantsCameraCheck() const;
    // True when this pass through the wizard went through the Diagnostics page.
    bool probesRanThisPass() const;

    // What the diagnosis looks at now: URL, key, encoder, server family,
    // answers, the pasted error and (when they ran) the probe results.
    DiagnosisInput diagnosisInput() const;
    // Starts a new result: forgets the walkthrough, captures the environment
    // and diagnoses the current answers. The Result page calls it.
    void diagnoseAnswers();
    // Diagnoses the current answers again (keeping the walkthrough) and rebuilds report().
    void updateDiagnosis();
    const Diagnosis& diagnosis() const { return m_diagnosis; }
    // The session as the Result, Walkthrough and Report pages show it.
    const ReportModel& report() const { return m_report; }
    // The walkthrough path so far (also in report().walkthrough).
    void recordWalkthroughAnswer(const WalkthroughEntry& entry);
    QList<WalkthroughEntry> walkthroughPath() const { return m_walkthrough; }

    bool technicalView() const { return m_technicalView; }

    struct SessionFileResult
    {
        enum class Status
        {
            Ok,
            Failed,
        };
        Status status = Status::Ok;
        QString message; // a sentence for the user; empty when Ok

        bool ok() const { return status == Status::Ok; }
    };
    // Writes report() as JSON (atomically; secrets hidden). The session in
    // memory stays as it is whatever happens.
    SessionFileResult saveSession(const QString& path);
    // Reads a saved session and shows its Result page exactly as saved.
    SessionFileResult openSession(const QString& path);
    // True while the pages show a session opened from a file.
    bool isShowingSavedSession() const { return m_showingSavedSession; }

    int nextId() const override;

public slots:
    void setTechnicalView(bool on);
    // Closing the window, Cancel and Finish end a running diagnosis first.
    void done(int result) override;

signals:
    void technicalViewChanged(bool on);
    // report() changed: a new diagnosis, a walkthrough answer, an opened file.
    void reportChanged();

private:
    void setUp();
    void onCurrentIdChanged(int id);
    void updateCustomButtons();
    void saveSessionInteractively();
    void rebuildReport();

    const Catalogs& m_catalogs;
    std::optional<KnowledgeBase> m_ownKnowledge;
    const KnowledgeBase* m_knowledge = nullptr;
    // Children of the wizard created after QWizard's own page frame, so they
    // are deleted after the pages that hold references to them.
    DiagnosticSession* m_session = nullptr;
    SessionRecorder* m_recorder = nullptr;
    DiagnosticPlan::Options m_planOptions;
    DiagnosticsPage* m_diagnosticsPage = nullptr;

    Diagnosis m_diagnosis;
    ReportEnvironment m_environment;
    ReportModel m_report;
    QList<WalkthroughEntry> m_walkthrough;
    bool m_showingSavedSession = false;
    bool m_technicalView = false;
};

} // namespace rd
