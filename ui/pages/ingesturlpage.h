#pragma once

#include "catalog/servercatalog.h"
#include "diagnosis/errortextmatcher.h"
#include "intake/ingestcheck.h"

#include <QWizardPage>

class QAction;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace rd {

struct Catalogs;
class KnowledgeBase;
class UrlEdit;

// The ingest address (and stream key), linted as the user types: problems are
// underlined in place and listed with a plain explanation, and the page shows
// how an encoder would split the address into server, application and key.
// The server family is recognised from the address (and can be overridden),
// and an error message pasted from the encoder is recognised as it is typed.
class IngestUrlPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString ingestUrl READ ingestUrl NOTIFY ingestChanged)
    Q_PROPERTY(QString streamKey READ streamKey NOTIFY ingestChanged)
    Q_PROPERTY(QString serverFamilyId READ serverFamilyId NOTIFY serverFamilyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    IngestUrlPage(const Catalogs& catalogs, const KnowledgeBase& knowledge, QWidget* parent = nullptr);

    QString ingestUrl() const;
    QString streamKey() const;
    // The family the user chose, else the one recognised from the address ("generic" when none).
    QString serverFamilyId() const;
    const ServerCatalog::Detection& serverDetection() const { return m_detection; }
    QString errorText() const;
    const ErrorTextMatch& errorMatch() const { return m_errorMatch; }
    const IngestCheck& check() const { return m_check; }

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;
    int nextId() const override;

signals:
    void ingestChanged();
    void serverFamilyChanged();
    void errorTextChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relint();
    void showFindings();
    void showParse();
    void detectServerFamily();
    void matchErrorText();
    void moveKeyOutOfUrl();
    void fitFindingsHeight();
    void restoreRememberedTarget();

    const Catalogs& m_catalogs;
    const KnowledgeBase& m_knowledge;
    IngestCheck m_check;
    ServerCatalog::Detection m_detection;
    ErrorTextMatch m_errorMatch;
    bool m_restored = false;
    bool m_initialized = false;

    UrlEdit* m_urlEdit = nullptr;
    QLabel* m_keyLabel = nullptr;
    QLineEdit* m_keyEdit = nullptr;
    QAction* m_revealKey = nullptr;
    QPushButton* m_moveKey = nullptr;
    QCheckBox* m_rememberKey = nullptr;
    QComboBox* m_serverFamily = nullptr;
    QLabel* m_serverFamilyReason = nullptr;
    QListWidget* m_findings = nullptr;
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_errorText = nullptr;
    QLabel* m_errorMatchLabel = nullptr;
};

} // namespace rd
