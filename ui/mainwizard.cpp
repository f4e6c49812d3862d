#include "mainwizard.h"

namespace rd {

MainWizard::MainWizard(QWidget* parent)
    : QWizard(parent)
{
    setObjectName(QStringLiteral("mainWizard"));
    setWindowTitle(tr("RTMP Doctor"));
}

} // namespace rd
