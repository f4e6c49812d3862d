#pragma once

#include <QWizard>

namespace rd {

class MainWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        WelcomePage,
        EncoderPage,
        IngestUrlPage,
    };
    Q_ENUM(PageId)

    explicit MainWizard(QWidget* parent = nullptr);
};

} // namespace rd
