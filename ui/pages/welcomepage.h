#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QRadioButton;

namespace rd {

// Who is at the keyboard: the broadcaster, or a help desk guiding one.
// The answer changes wording and shows the technical views by default.
// A help desk can also open a session a customer saved and see exactly the
// result the customer saw.
class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void initializePage() override;
    int nextId() const override;

signals:
    void helpDeskChosen(bool helpDesk);

private:
    void openSavedSession();

    QRadioButton* m_streaming = nullptr;
    QRadioButton* m_helping = nullptr;
    QPushButton* m_openSession = nullptr;
    QLabel* m_openMessage = nullptr;
    QLabel* m_lastTarget = nullptr;
};

} // namespace rd
