#pragma once

#include <QWizardPage>

class QRadioButton;

namespace rd {

// Who is at the keyboard: the broadcaster, or a help desk guiding one.
// The answer changes wording and shows the technical views by default.
class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    int nextId() const override;

private:
    QRadioButton* m_streaming = nullptr;
    QRadioButton* m_helping = nullptr;
};

} // namespace rd
