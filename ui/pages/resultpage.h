#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace rd {

struct ReportModel;

// The answer: the most likely cause in one plain sentence, how sure RTMP
// Doctor is, the evidence for and against it, the other candidates, and (in
// the technical view) the technical line and every probe's raw facts. Shows
// MainWizard::report(), so a session opened from a file looks exactly as it
// did when it was saved.
class ResultPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ResultPage(QWidget* parent = nullptr);

    void initializePage() override;
    int nextId() const override;

    void setTechnicalView(bool on);
    // What "Copy summary for a ticket" puts on the clipboard.
    QString ticketSummary() const;
    void copySummary();

private:
    void showReport(const ReportModel& report);

    QLabel* m_verdictIcon = nullptr;
    QLabel* m_causeTitle = nullptr;
    QLabel* m_primaryCause = nullptr;
    QLabel* m_confidenceCaption = nullptr;
    QProgressBar* m_confidence = nullptr;
    QLabel* m_technicalLine = nullptr;
    QLabel* m_savedNotice = nullptr;
    QTreeWidget* m_evidence = nullptr;
    QListWidget* m_otherCauses = nullptr;
    QPlainTextEdit* m_technicalDetails = nullptr;
    QPushButton* m_copySummary = nullptr;
    QLabel* m_copyConfirmation = nullptr;
    bool m_technicalView = false;
};

} // namespace rd
