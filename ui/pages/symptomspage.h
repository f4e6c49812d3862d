#pragma once

#include <QList>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;

namespace rd {

// What the user sees: connection trouble goes on to the tests, picture
// trouble to the camera and bandwidth checklist (both when both are ticked).
// The answers are the knowledge base's "symptom" and "network" questions, so
// the diagnosis can weigh them.
class SymptomsPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QStringList symptoms READ symptoms NOTIFY symptomsChanged)
    Q_PROPERTY(QString network READ network NOTIFY networkChanged)

public:
    explicit SymptomsPage(QWidget* parent = nullptr);

    QStringList symptoms() const; // choice ids in the order shown
    QString network() const;      // choice id; empty when not answered

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

signals:
    void symptomsChanged();
    void networkChanged();

private:
    struct Symptom
    {
        QString id;
        QCheckBox* box = nullptr;
    };
    QCheckBox* addSymptom(const QString& id, const QString& text, const QString& accessibleName);

    QList<Symptom> m_symptoms;
    QComboBox* m_network = nullptr;
    QCheckBox* m_publishCheck = nullptr;
    QLabel* m_publishNote = nullptr;
};

} // namespace rd
