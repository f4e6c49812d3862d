#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace rd {

class EncoderCatalog;

// Which encoder the user streams with. The choice decides which URL forms are
// valid (a stream key or not, RTMPS or not) and where its errors are shown.
class EncoderPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString encoderId READ encoderId NOTIFY encoderIdChanged)

public:
    EncoderPage(const EncoderCatalog& encoders, QWidget* parent = nullptr);

    QString encoderId() const;
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

signals:
    void encoderIdChanged(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildContent();
    void applyFilter(const QString& text);
    void showDetails(const QListWidgetItem* item);

    const EncoderCatalog& m_encoders;
    QLineEdit* m_search = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_noMatch = nullptr;
};

} // namespace rd
