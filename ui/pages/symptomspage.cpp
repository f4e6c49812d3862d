#include "symptomspage.h"

#include "mainwizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

// "low-framerate" -> "symptomLowFramerate"
QString objectNameForSymptom(const QString& id)
{
    QString name = u"symptom"_s;
    const QStringList words = id.split(u'-');
    for (const QString& word : words)
        name += word.left(1).toUpper() + word.mid(1);
    return name;
}

} // namespace

SymptomsPage::SymptomsPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(u"symptomsPage"_s);
    setTitle(tr("What do you see?"));
    setSubTitle(tr("Tick everything that applies. Connection problems are tested from here; picture "
                   "problems get a checklist."));

    auto* connection = new QGroupBox(tr("Connecting and staying connected"), this);
    connection->setObjectName(u"connectionSymptomsBox"_s);
    auto* connectionLayout = new QVBoxLayout(connection);
    connectionLayout->addWidget(addSymptom(u"cannot-connect"_s,
                                           tr("The encoder &cannot connect or start streaming"),
                                           tr("The encoder cannot connect")));
    connectionLayout->addWidget(addSymptom(u"disconnects"_s, tr("The stream starts but &drops after a while"),
                                           tr("The stream drops after a while")));
    connectionLayout->addWidget(addSymptom(u"stutters"_s,
                                           tr("The stream st&utters or the encoder reports dropped frames"),
                                           tr("The stream stutters")));

    auto* picture = new QGroupBox(tr("The picture"), this);
    picture->setObjectName(u"videoSymptomsBox"_s);
    auto* pictureLayout = new QVBoxLayout(picture);
    pictureLayout->addWidget(addSymptom(
        u"low-framerate"_s, tr("The picture is &jerky: few frames per second"), tr("Low frame rate")));
    pictureLayout->addWidget(addSymptom(u"bandwidth-not-used"_s,
                                        tr("The stream stays well below the bitrate it was &given"),
                                        tr("The stream uses less bandwidth than set")));
    pictureLayout->addWidget(addSymptom(u"dark-or-noisy-image"_s, tr("The picture is d&ark or grainy"),
                                        tr("Dark or noisy picture")));
    pictureLayout->addWidget(
        addSymptom(u"no-image"_s, tr("There is no &picture at all, or a blank one"), tr("No picture")));

    m_network = new QComboBox(this);
    m_network->setObjectName(u"networkCombo"_s);
    m_network->setAccessibleName(tr("Where the encoder is connected"));
    m_network->addItem(tr("I don't know"), u"unknown"_s);
    m_network->addItem(tr("A home or small-office internet connection"), u"home"_s);
    m_network->addItem(tr("A company, school or hotel network"), u"corporate"_s);
    m_network->addItem(tr("A mobile (cellular) connection"), u"mobile"_s);
    auto* networkLabel = new QLabel(tr("Where is the encoder c&onnected?"), this);
    networkLabel->setBuddy(m_network);

    m_publishCheck = new QCheckBox(tr("Also test publishing with my stream &key (sends no video)"), this);
    m_publishCheck->setObjectName(u"publishCheckBox"_s);
    m_publishCheck->setAccessibleName(tr("Also test publishing with my stream key"));
    m_publishCheck->setToolTip(tr("Asks the server to accept a stream with your key and stops before any "
                                  "video is sent. If the key is in use by a running encoder, the server "
                                  "may refuse or end that stream."));
    m_publishNote = new QLabel(this);
    m_publishNote->setObjectName(u"publishCheckNote"_s);
    m_publishNote->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(networkLabel, m_network);

    auto* groups = new QHBoxLayout;
    groups->addWidget(connection, 1);
    groups->addWidget(picture, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(groups);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_publishCheck);
    layout->addWidget(m_publishNote);
    layout->addStretch(1);

    registerField(MainWizard::kSymptomsField, this, "symptoms", SIGNAL(symptomsChanged()));
    registerField(MainWizard::kNetworkField, this, "network", SIGNAL(networkChanged()));
    registerField(MainWizard::kPublishCheckField, m_publishCheck);
    connect(m_network, &QComboBox::currentIndexChanged, this, &SymptomsPage::networkChanged);
}

QCheckBox* SymptomsPage::addSymptom(const QString& id, const QString& text, const QString& accessibleName)
{
    auto* box = new QCheckBox(text, this);
    box->setObjectName(objectNameForSymptom(id));
    box->setAccessibleName(accessibleName);
    m_symptoms.append({id, box});
    connect(box, &QCheckBox::toggled, this, [this] {
        emit symptomsChanged();
        emit completeChanged();
    });
    return box;
}

QStringList SymptomsPage::symptoms() const
{
    QStringList ids;
    for (const Symptom& symptom : m_symptoms) {
        if (symptom.box->isChecked())
            ids << symptom.id;
    }
    return ids;
}

QString SymptomsPage::network() const
{
    const QString id = m_network->currentData().toString();
    return id == u"unknown"_s ? QString() : id;
}

void SymptomsPage::initializePage()
{
    const bool helpDesk = field(MainWizard::kHelpDeskField).toBool();
    setTitle(helpDesk ? tr("What does the broadcaster see?") : tr("What do you see?"));
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    const bool haveKey = mainWizard != nullptr && !mainWizard->ingestCheck().url.streamKey().isEmpty();
    m_publishCheck->setEnabled(haveKey);
    if (!haveKey)
        m_publishCheck->setChecked(false);
    m_publishNote->setText(haveKey ? tr("Off by default: the connection tests never use your stream key.")
                                   : tr("There is no stream key to test publishing with."));
}

bool SymptomsPage::isComplete() const
{
    return !symptoms().isEmpty();
}

int SymptomsPage::nextId() const
{
    const QStringList chosen = symptoms();
    const auto any = [&chosen](const QStringList& of) {
        return std::any_of(of.begin(), of.end(),
                           [&chosen](const QString& id) { return chosen.contains(id); });
    };
    if (any(MainWizard::videoSymptoms()))
        return MainWizard::CameraChecklistPageId;
    if (const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
        mainWizard != nullptr && mainWizard->wantsCameraCheck())
        return MainWizard::CameraChecklistPageId;
    return MainWizard::DiagnosticsPageId;
}

} // namespace rd
