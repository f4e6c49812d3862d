#pragma once

#include "report/reportmodel.h"

#include <QList>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace rd {

// The remedies, one step at a time, in the order the diagnosis ranks them.
// "Yes, test again" re-runs only the probes the step names (and what depends
// on them) and shows what they find now; "No" moves to the next step or the
// next remedy. Every answer is recorded for the report.
class WalkthroughPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WalkthroughPage(QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    // The step shown now; -1 / empty when every step was answered "No".
    int stepCount() const { return static_cast<int>(m_steps.size()); }
    int position() const { return m_position; }
    QString currentRemedyId() const;
    int currentStepIndex() const;
    bool isRetesting() const { return m_retesting; }

    void answerFixed();
    void answerNotFixed();

signals:
    void retestFinished();

private:
    struct Step
    {
        ReportRemedy remedy;
        int stepIndex = 0;
    };
    void showCurrentStep();
    void finishRetest();

    QList<Step> m_steps;
    int m_position = 0;
    bool m_retesting = false;
    QStringList m_retestIds;
    WalkthroughEntry m_pending;
    QString m_causeBeforeRetest;
    QMetaObject::Connection m_sessionFinished;
    QMetaObject::Connection m_sessionProbeFinished;

    QLabel* m_remedyTitle = nullptr;
    QLabel* m_audience = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_stepTitle = nullptr;
    QLabel* m_stepText = nullptr;
    QLabel* m_verify = nullptr;
    QLabel* m_snippetCaption = nullptr;
    QPlainTextEdit* m_snippetView = nullptr;
    QPushButton* m_copySnippet = nullptr;
    QLabel* m_question = nullptr;
    QPushButton* m_fixedYes = nullptr;
    QPushButton* m_fixedNo = nullptr;
    QLabel* m_retestResult = nullptr;
};

} // namespace rd
