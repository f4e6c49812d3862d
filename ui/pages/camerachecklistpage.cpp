#include "camerachecklistpage.h"

#include "camera/cameracheckwidget.h"
#include "diagnosis/bitratefit.h"
#include "diagnosis/knowledgebase.h"
#include "mainwizard.h"
#include "pages/rememberedtarget.h"
#include "widgets/checkitem.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rd {

using namespace Qt::StringLiterals;

namespace {

// Which knowledge-base entries hold the checklist of each picture symptom.
struct ChecklistSource
{
    QString symptomId;
    QStringList remedyIds;
};

const QList<ChecklistSource>& checklistSources()
{
    static const QList<ChecklistSource> sources = {
        {u"low-framerate"_s, {u"improve-frame-rate"_s}},
        {u"bandwidth-not-used"_s, {u"more-detail-for-bitrate"_s, u"match-bitrate-to-upload"_s}},
        {u"dark-or-noisy-image"_s, {u"better-light-and-camera"_s}},
        {u"no-image"_s, {u"camera-not-delivering"_s}},
    };
    return sources;
}

const QString kBitrateSettingsKey = u"cameraCheck/streamBitrateKbps"_s;

} // namespace

CameraChecklistPage::CameraChecklistPage(const KnowledgeBase& knowledge, QWidget* parent)
    : QWizardPage(parent)
    , m_knowledge(knowledge)
{
    setObjectName(u"cameraChecklistPage"_s);
    setTitle(tr("Camera and bandwidth checklist"));
    setSubTitle(tr("Picture problems start at the camera or the upload, not at the server. Measure the "
                   "camera if there is one here, and tick what you have checked or changed; the report "
                   "lists it."));

    auto* content = new QWidget;
    content->setObjectName(u"cameraChecklistContent"_s);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_cameraCheck = new CameraCheckWidget(knowledge, content);
    m_cameraCheck->setDiagnosisInputProvider([this] {
        const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
        return mainWizard != nullptr ? mainWizard->diagnosisInput() : DiagnosisInput{};
    });
    connect(m_cameraCheck, &CameraCheckWidget::evidenceChanged, this, &CameraChecklistPage::checklistChanged);
    m_noChecklist = new QLabel(tr("No picture symptom was ticked, so there is no checklist to go through. "
                                  "The measurement above is optional; Next goes on."),
                               content);
    m_noChecklist->setObjectName(u"noChecklistLabel"_s);
    m_noChecklist->setWordWrap(true);
    m_noChecklist->hide();
    m_sections = new QWidget(content);
    m_sections->setObjectName(u"cameraChecklistSections"_s);
    m_sectionsLayout = new QVBoxLayout(m_sections);
    m_sectionsLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_cameraCheck);
    contentLayout->addWidget(m_noChecklist);
    contentLayout->addWidget(m_sections, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(u"cameraChecklistScroll"_s);
    scroll->setAccessibleName(tr("Checklist"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_streamBitrate = new QSpinBox(this);
    m_streamBitrate->setObjectName(u"streamBitrateSpin"_s);
    m_streamBitrate->setAccessibleName(tr("Bitrate per stream in kilobits per second"));
    m_streamBitrate->setRange(0, 1000000);
    m_streamBitrate->setSingleStep(50);
    m_streamBitrate->setSuffix(tr(" kbit/s"));
    m_streamBitrate->setSpecialValueText(tr("not given"));
    m_uploadSpeed = new QSpinBox(this);
    m_uploadSpeed->setObjectName(u"uploadSpeedSpin"_s);
    m_uploadSpeed->setAccessibleName(tr("Upload speed in kilobits per second"));
    m_uploadSpeed->setRange(0, 10000000);
    m_uploadSpeed->setSingleStep(50);
    m_uploadSpeed->setSuffix(tr(" kbit/s"));
    m_uploadSpeed->setSpecialValueText(tr("not given"));
    m_bitrateVerdict = new QLabel(this);
    m_bitrateVerdict->setObjectName(u"bitrateVerdictLabel"_s);
    m_bitrateVerdict->setWordWrap(true);
    m_bitrateVerdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll);

    registerField(MainWizard::kCameraChecklistField, this, "checkedItems", SIGNAL(checklistChanged()));
    registerField(MainWizard::kStreamBitrateField, m_streamBitrate);
    registerField(MainWizard::kUploadSpeedField, m_uploadSpeed);
    connect(m_streamBitrate, &QSpinBox::valueChanged, this, &CameraChecklistPage::updateBitrateVerdict);
    connect(m_uploadSpeed, &QSpinBox::valueChanged, this, &CameraChecklistPage::updateBitrateVerdict);
    // The bitrate is an encoder setting and rarely changes between sessions; the upload depends on
    // where the user is today, so only the bitrate is remembered.
    m_streamBitrate->setValue(QSettings(RememberedTarget::settingsPath(), QSettings::IniFormat)
                                  .value(kBitrateSettingsKey, 0)
                                  .toInt());
    updateBitrateVerdict();
}

QStringList CameraChecklistPage::checkedItems() const
{
    QStringList keys;
    for (const Item& item : m_items) {
        if (item.box->isChecked())
            keys << item.key;
    }
    return keys;
}

int CameraChecklistPage::streamBitrateKbps() const
{
    return m_streamBitrate->value();
}

int CameraChecklistPage::uploadSpeedKbps() const
{
    return m_uploadSpeed->value();
}

// The comparison itself lives in the engine (diagnosis/bitratefit.h) so the CLI and the report
// judge a bitrate exactly as this page does.
CameraChecklistPage::BitrateFit CameraChecklistPage::compareBitrate(int streamKbps, int uploadKbps)
{
    switch (rd::compareBitrate(streamKbps, uploadKbps)) {
    case rd::BitrateFit::NotGiven:
        return BitrateFit::NotGiven;
    case rd::BitrateFit::Fits:
        return BitrateFit::Fits;
    case rd::BitrateFit::Tight:
        return BitrateFit::Tight;
    case rd::BitrateFit::DoesNotFit:
        return BitrateFit::DoesNotFit;
    }
    return BitrateFit::NotGiven;
}

int CameraChecklistPage::recommendedBitrateKbps(int uploadKbps)
{
    return rd::recommendedBitrateKbps(uploadKbps);
}

void CameraChecklistPage::initializePage()
{
    const QStringList symptoms = field(MainWizard::kSymptomsField).toStringList();
    if (symptoms != m_shownFor)
        rebuild(symptoms);
    m_cameraCheck->refreshDevices();
}

void CameraChecklistPage::cleanupPage()
{
    // Back: a measurement must not keep the camera open behind another page.
    m_cameraCheck->stopMeasurement();
    QWizardPage::cleanupPage();
}

bool CameraChecklistPage::validatePage()
{
    m_cameraCheck->stopMeasurement();
    rememberBitrate();
    return true;
}

void CameraChecklistPage::rememberBitrate() const
{
    QSettings settings(RememberedTarget::settingsPath(), QSettings::IniFormat);
    if (m_streamBitrate->value() > 0)
        settings.setValue(kBitrateSettingsKey, m_streamBitrate->value());
}

int CameraChecklistPage::nextId() const
{
    const auto* mainWizard = qobject_cast<const MainWizard*>(wizard());
    if (mainWizard != nullptr && mainWizard->hasConnectionSymptom())
        return MainWizard::DiagnosticsPageId;
    return MainWizard::ResultPageId;
}

void CameraChecklistPage::rebuild(const QStringList& symptoms)
{
    const QStringList ticked = checkedItems();
    m_shownFor = symptoms;
    m_items.clear();
    // The bitrate boxes survive a rebuild: they are fields and keep their values.
    m_streamBitrate->setParent(this);
    m_uploadSpeed->setParent(this);
    m_bitrateVerdict->setParent(this);
    m_streamBitrate->hide();
    m_uploadSpeed->hide();
    m_bitrateVerdict->hide();
    while (QLayoutItem* item = m_sectionsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }

    for (const ChecklistSource& source : checklistSources()) {
        if (!symptoms.contains(source.symptomId))
            continue;
        QString title;
        if (source.symptomId == u"low-framerate"_s)
            title = tr("Jerky picture (few frames per second)");
        else if (source.symptomId == u"bandwidth-not-used"_s)
            title = tr("The stream stays below its bitrate");
        else if (source.symptomId == u"dark-or-noisy-image"_s)
            title = tr("Dark or grainy picture");
        else
            title = tr("No picture, or a blank one");
        addSection(title, source.remedyIds, source.symptomId == u"bandwidth-not-used"_s);
    }
    m_sectionsLayout->addStretch(1);
    m_noChecklist->setVisible(m_items.isEmpty());

    for (const Item& item : std::as_const(m_items))
        item.box->setChecked(ticked.contains(item.key));
    emit checklistChanged();
}

void CameraChecklistPage::addSection(const QString& title, const QStringList& remedyIds,
                                     bool withBitrateComparison)
{
    auto* box = new QGroupBox(title, m_sections);
    auto* boxLayout = new QVBoxLayout(box);
    for (const QString& remedyId : remedyIds) {
        const KnowledgeEntry* entry = m_knowledge.entry(remedyId);
        if (entry == nullptr)
            continue;
        box->setObjectName(u"checklistSection:"_s + remedyIds.first());
        auto* explanation = new QLabel(entry->explanation, box);
        explanation->setWordWrap(true);
        boxLayout->addWidget(explanation);
        for (qsizetype index = 0; index < entry->steps.size(); ++index) {
            const RemedyStep& step = entry->steps.at(index);
            const QString key = remedyId + u'/' + QString::number(index);
            auto* item = new CheckItem(step.text, box);
            QCheckBox* check = item->checkBox();
            check->setObjectName(u"checklistItem:"_s + key);
            if (!step.verify.isEmpty())
                item->setToolTip(tr("How to tell it helped: %1").arg(step.verify));
            boxLayout->addWidget(item);
            m_items.append({key, check});
            connect(check, &QCheckBox::toggled, this, &CameraChecklistPage::checklistChanged);
        }
        if (withBitrateComparison && remedyId == u"match-bitrate-to-upload"_s) {
            auto* form = new QFormLayout;
            auto* bitrateLabel = new QLabel(tr("Bitrate per st&ream:"), box);
            bitrateLabel->setBuddy(m_streamBitrate);
            auto* uploadLabel = new QLabel(tr("&Upload speed (not download):"), box);
            uploadLabel->setBuddy(m_uploadSpeed);
            m_streamBitrate->setParent(box);
            m_uploadSpeed->setParent(box);
            m_bitrateVerdict->setParent(box);
            form->addRow(bitrateLabel, m_streamBitrate);
            form->addRow(uploadLabel, m_uploadSpeed);
            boxLayout->addLayout(form);
            boxLayout->addWidget(m_bitrateVerdict);
            m_streamBitrate->show();
            m_uploadSpeed->show();
            m_bitrateVerdict->show();
        }
    }
    m_sectionsLayout->addWidget(box);
}

void CameraChecklistPage::updateBitrateVerdict()
{
    m_bitrateVerdict->setText(describeBitrateFit(m_streamBitrate->value(), m_uploadSpeed->value()));
}

} // namespace rd
