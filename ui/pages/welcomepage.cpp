#include "welcomepage.h"

#include "mainwizard.h"
#include "rememberedtarget.h"
#include "widgets/themedicon.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace rd {

WelcomePage::WelcomePage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Why won't my stream connect?"));
    setSubTitle(tr("RTMP Doctor checks, step by step, the path from this computer to your streaming "
                   "server and tells you what to change."));

    auto* intro = new QLabel(tr("It looks at the ingest address, the name lookup, every port an encoder "
                                "may use, the RTMP handshake and the server's answer, and explains what "
                                "it finds in plain words. Nothing is streamed and your stream key never "
                                "leaves this computer."),
                             this);
    intro->setObjectName(QStringLiteral("welcomeIntro"));
    intro->setWordWrap(true);

    m_streaming = new QRadioButton(tr("I am &streaming and something does not work"), this);
    m_streaming->setObjectName(QStringLiteral("roleStreaming"));
    m_streaming->setAccessibleName(tr("I am streaming"));
    m_streaming->setChecked(true);

    m_helping = new QRadioButton(tr("I am &helping someone else (help desk: technical details shown)"), this);
    m_helping->setObjectName(QStringLiteral("roleHelpDesk"));
    m_helping->setAccessibleName(tr("I am helping someone"));

    auto* roles = new QButtonGroup(this);
    roles->addButton(m_streaming);
    roles->addButton(m_helping);

    registerField(MainWizard::kHelpDeskField, m_helping);
    connect(m_helping, &QRadioButton::toggled, this, &WelcomePage::helpDeskChosen);

    auto* needs =
        new QLabel(tr("<p><b>Have these at hand:</b></p><ul>"
                      "<li>the name of the encoder (OBS Studio, Wirecast, vMix, a hardware encoder, "
                      "AVChat, ...)</li>"
                      "<li>the server address (ingest URL) and stream key, copied from the encoder or "
                      "from your streaming platform</li>"
                      "<li>if the encoder showed an error message, its exact text</li></ul>"),
                   this);
    needs->setObjectName(QStringLiteral("welcomeNeeds"));
    needs->setWordWrap(true);
    needs->setTextFormat(Qt::RichText);

    m_lastTarget = new QLabel(this);
    m_lastTarget->setObjectName(QStringLiteral("lastTargetLabel"));
    m_lastTarget->setWordWrap(true);
    m_lastTarget->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lastTarget->hide();

    m_openSession = new QPushButton(themedIcon(QStringLiteral("open")), tr("&Open a saved session..."), this);
    m_openSession->setObjectName(QStringLiteral("openSessionButton"));
    m_openSession->setAccessibleName(tr("Open a saved session"));
    m_openSession->setToolTip(tr("Show the result of a session someone saved with \"Save session\""));
    connect(m_openSession, &QPushButton::clicked, this, &WelcomePage::openSavedSession);

    m_openMessage = new QLabel(this);
    m_openMessage->setObjectName(QStringLiteral("openSessionMessage"));
    m_openMessage->setWordWrap(true);
    m_openMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openMessage->hide();

    auto* openRow = new QHBoxLayout;
    openRow->addWidget(m_openSession, 0, Qt::AlignLeft);
    openRow->addWidget(m_openMessage, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(needs);
    layout->addSpacing(12);
    layout->addWidget(m_streaming);
    layout->addWidget(m_helping);
    layout->addSpacing(12);
    layout->addWidget(m_lastTarget);
    layout->addStretch(1);
    layout->addLayout(openRow);
}

void WelcomePage::initializePage()
{
    const RememberedTarget remembered = RememberedTarget::load();
    m_lastTarget->setVisible(!remembered.url.isEmpty());
    if (!remembered.url.isEmpty())
        m_lastTarget->setText(
            tr("Last time you checked %1. It is filled in again on the address page.").arg(remembered.url));
    m_openMessage->hide();
}

int WelcomePage::nextId() const
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard != nullptr && mainWizard->isShowingSavedSession())
        return MainWizard::ResultPageId;
    return MainWizard::EncoderPageId;
}

void WelcomePage::openSavedSession()
{
    auto* mainWizard = qobject_cast<MainWizard*>(wizard());
    if (mainWizard == nullptr)
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a saved session"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("RTMP Doctor sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const MainWizard::SessionFileResult result = mainWizard->openSession(path);
    m_openMessage->setVisible(!result.ok());
    m_openMessage->setText(result.message);
}

} // namespace rd
