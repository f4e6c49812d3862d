#pragma once

#include <QList>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace rd {

class CameraCheckWidget;
class KnowledgeBase;

// Picture problems are not network problems. At the top, the camera check
// measures the real camera (when there is one); below it, for each picture
// symptom the user ticked, the knowledge base's checklist (light, camera, resolution,
// movement, camera in use, permissions), each item a box to tick, and for a
// stream that stays below its bitrate a comparison of the bitrate per stream
// with the upload speed.
class CameraChecklistPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QStringList checkedItems READ checkedItems NOTIFY checklistChanged)
    Q_PROPERTY(int streamBitrateKbps READ streamBitrateKbps NOTIFY checklistChanged)
    Q_PROPERTY(int uploadSpeedKbps READ uploadSpeedKbps NOTIFY checklistChanged)

public:
    CameraChecklistPage(const KnowledgeBase& knowledge, QWidget* parent = nullptr);

    // "remedyId/stepIndex" of every ticked item.
    QStringList checkedItems() const;
    int streamBitrateKbps() const;
    int uploadSpeedKbps() const;
    CameraCheckWidget* cameraCheck() const { return m_cameraCheck; }

    enum class BitrateFit
    {
        NotGiven, // a number is missing
        Fits,     // with room to spare
        Tight,    // fits, but without headroom for sound and other traffic
        DoesNotFit,
    };
    // The bitrate of one stream against the upload speed. Below ~80 % of the
    // upload counts as fitting: sound, retransmissions and whatever else uses
    // the line need the rest.
    static BitrateFit compareBitrate(int streamKbps, int uploadKbps);
    static int recommendedBitrateKbps(int uploadKbps);

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;
    int nextId() const override;

signals:
    void checklistChanged();

private:
    struct Item
    {
        QString key; // "remedyId/stepIndex"
        QCheckBox* box = nullptr;
    };
    void rebuild(const QStringList& symptoms);
    void addSection(const QString& title, const QStringList& remedyIds, bool withBitrateComparison);
    void updateBitrateVerdict();
    void rememberBitrate() const;

    const KnowledgeBase& m_knowledge;
    QStringList m_shownFor;
    CameraCheckWidget* m_cameraCheck = nullptr;
    QLabel* m_noChecklist = nullptr;
    QWidget* m_sections = nullptr;
    QVBoxLayout* m_sectionsLayout = nullptr;
    QList<Item> m_items;
    QSpinBox* m_streamBitrate = nullptr;
    QSpinBox* m_uploadSpeed = nullptr;
    QLabel* m_bitrateVerdict = nullptr;
};

} // namespace rd
