#include "mainwizard.h"

#include "catalog/catalogs.h"
#include "pages/encoderpage.h"
#include "pages/ingesturlpage.h"
#include "pages/welcomepage.h"

#include <QIcon>

namespace rd {

const QString MainWizard::kHelpDeskField = QStringLiteral("helpDeskMode");
const QString MainWizard::kEncoderIdField = QStringLiteral("encoderId");
const QString MainWizard::kIngestUrlField = QStringLiteral("ingestUrl");
const QString MainWizard::kStreamKeyField = QStringLiteral("streamKey");

MainWizard::MainWizard(const Catalogs& catalogs, QWidget* parent)
    : QWizard(parent)
{
    setObjectName(QStringLiteral("mainWizard"));
    setWindowTitle(tr("RTMP Doctor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app/rtmp-doctor.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setMinimumSize(760, 540);
    setPixmap(QWizard::LogoPixmap,
              QIcon(QStringLiteral(":/icons/app/rtmp-doctor.svg")).pixmap(QSize(48, 48)));

    setPage(WelcomePageId, new WelcomePage(this));
    setPage(EncoderPageId, new EncoderPage(catalogs.encoders, this));
    setPage(IngestUrlPageId, new IngestUrlPage(catalogs.encoders, this));
    setStartId(WelcomePageId);
}

} // namespace rd
