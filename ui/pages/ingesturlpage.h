#pragma once

#include "intake/ingestcheck.h"

#include <QWizardPage>

class QAction;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace rd {

class EncoderCatalog;
class UrlEdit;

// The ingest address (and stream key), linted as the user types: problems are
// underlined in place and listed with a plain explanation, and the page shows
// how an encoder would split the address into server, application and key.
class IngestUrlPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString ingestUrl READ ingestUrl NOTIFY ingestChanged)
    Q_PROPERTY(QString streamKey READ streamKey NOTIFY ingestChanged)

public:
    IngestUrlPage(const EncoderCatalog& encoders, QWidget* parent = nullptr);

    QString ingestUrl() const;
    QString streamKey() const;
    const IngestCheck& check() const { return m_check; }

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

signals:
    void ingestChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relint();
    void showFindings();
    void showParse();
    void moveKeyOutOfUrl();
    void fitFindingsHeight();

    const EncoderCatalog& m_encoders;
    IngestCheck m_check;

    UrlEdit* m_urlEdit = nullptr;
    QLabel* m_keyLabel = nullptr;
    QLineEdit* m_keyEdit = nullptr;
    QAction* m_revealKey = nullptr;
    QPushButton* m_moveKey = nullptr;
    QListWidget* m_findings = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace rd
