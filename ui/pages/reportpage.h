#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace rd {

// The end of the session: a preview of the ticket summary and the ways to
// keep it: a PDF for people, the session as JSON (which RTMP Doctor opens
// again), the summary on the clipboard. Saving never loses the session: a
// path that cannot be written gives a message and the buttons stay usable.
class ReportPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ReportPage(QWidget* parent = nullptr);

    void initializePage() override;

    // Used by the buttons after their file dialog, and by tests directly.
    bool exportPdf(const QString& path);
    bool exportJson(const QString& path);
    void copySummary();
    QString message() const;

private:
    void refreshPreview();
    void showMessage(bool ok, const QString& text);

    QTextBrowser* m_preview = nullptr;
    QPushButton* m_exportPdf = nullptr;
    QPushButton* m_exportJson = nullptr;
    QPushButton* m_copySummary = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace rd
