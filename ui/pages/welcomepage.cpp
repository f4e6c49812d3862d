#include "welcomepage.h"

#include "mainwizard.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
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

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(needs);
    layout->addSpacing(16);
    layout->addWidget(m_streaming);
    layout->addWidget(m_helping);
    layout->addStretch(1);
}

int WelcomePage::nextId() const
{
    return MainWizard::EncoderPageId;
}

} // namespace rd
