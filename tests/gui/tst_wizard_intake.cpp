// The first pages of the wizard, driven the way a person drives them:
// widgets found by objectName, keys typed, buttons clicked.
#include "catalog/catalogs.h"
#include "mainwizard.h"
#include "widgetfinder.h"
#include "widgets/urledit.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTest>

using rd::MainWizard;
using rd::test::findWidget;

class TestWizardIntake : public QObject
{
    Q_OBJECT

private:
    std::optional<rd::Catalogs> m_catalogs;

    static void typeInto(QWidget* widget, const QString& text)
    {
        widget->setFocus();
        QTest::keyClicks(widget, text);
    }

    // Walks to the URL page the keyboard way: type in the search box, press
    // Enter; the first match is chosen and the wizard moves on.
    void goToUrlPage(MainWizard& wizard, const QString& search, const QString& expectedEncoderId)
    {
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.currentId(), int(MainWizard::WelcomePageId));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(MainWizard::EncoderPageId));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        auto* searchBox = findWidget<QLineEdit>(&wizard, "encoderSearch");
        QVERIFY(searchBox);
        typeInto(searchBox, search);
        QTest::keyClick(searchBox, Qt::Key_Return);
        QCOMPARE(wizard.field(MainWizard::kEncoderIdField).toString(), expectedEncoderId);
        QCOMPARE(wizard.currentId(), int(MainWizard::IngestUrlPageId));
    }

private slots:
    void initTestCase()
    {
        // The wizard remembers the last target; never in the real user's settings.
        QStandardPaths::setTestModeEnabled(true);
        rd::CatalogLoadResult loaded = rd::Catalogs::loadBuiltIn();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_catalogs = std::move(loaded.catalogs);
    }

    void welcomeOffersBothRoles()
    {
        MainWizard wizard(*m_catalogs);
        wizard.show();
        auto* streaming = findWidget<QRadioButton>(&wizard, "roleStreaming");
        auto* helping = findWidget<QRadioButton>(&wizard, "roleHelpDesk");
        QVERIFY(streaming && helping);
        QVERIFY(streaming->isChecked());
        QCOMPARE(wizard.field(MainWizard::kHelpDeskField).toBool(), false);
        QTest::mouseClick(helping, Qt::LeftButton);
        QCOMPARE(wizard.field(MainWizard::kHelpDeskField).toBool(), true);
        QVERIFY(!helping->accessibleName().isEmpty());
    }

    void encoderSearchFilters()
    {
        MainWizard wizard(*m_catalogs);
        wizard.show();
        wizard.next();
        auto* list = findWidget<QListWidget>(&wizard, "encoderList");
        auto* searchBox = findWidget<QLineEdit>(&wizard, "encoderSearch");
        QVERIFY(list && searchBox);
        QCOMPARE(list->count(), int(m_catalogs->encoders.encoders().size()));
        typeInto(searchBox, QStringLiteral("tricaster"));
        int visible = 0;
        for (int row = 0; row < list->count(); ++row)
            visible += list->item(row)->isHidden() ? 0 : 1;
        QCOMPARE(visible, 2); // TriCaster 8000 and TriCaster Mini HD-4
        searchBox->clear();
        typeInto(searchBox, QStringLiteral("zzzz-no-such-encoder"));
        QVERIFY(findWidget<QLabel>(&wizard, "encoderNoMatch")->isVisible());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }

    void urlIsLintedAsYouType()
    {
        MainWizard wizard(*m_catalogs);
        goToUrlPage(wizard, QStringLiteral("OBS"), QStringLiteral("obs-studio"));
        auto* urlEdit = findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit");
        auto* findings = findWidget<QListWidget>(&wizard, "urlFindings");
        QVERIFY(urlEdit && findings);

        // The wizard does not go on with an unusable address.
        typeInto(urlEdit, QStringLiteral("live.example.com/app"));
        QVERIFY(!urlEdit->marks().isEmpty());
        QVERIFY(findings->count() > 0);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // A typed scheme clears the missing-scheme underline.
        urlEdit->clear();
        typeInto(urlEdit, QStringLiteral("rtmps://live.example.com:1935/app/"));
        bool flagsPlainPort = false;
        for (int row = 0; row < findings->count(); ++row)
            flagsPlainPort |= findings->item(row)->toolTip() == QStringLiteral("tls-scheme-on-plain-port");
        QVERIFY(flagsPlainPort);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }

    void streamKeyIsMaskedWithRevealToggle()
    {
        MainWizard wizard(*m_catalogs);
        goToUrlPage(wizard, QStringLiteral("OBS"), QStringLiteral("obs-studio"));
        auto* urlEdit = findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit");
        auto* keyEdit = findWidget<QLineEdit>(&wizard, "streamKeyEdit");
        auto* reveal = wizard.findChild<QAction*>(QStringLiteral("revealKeyAction"));
        auto* summary = findWidget<QLabel>(&wizard, "urlSummary");
        QVERIFY(urlEdit && keyEdit && reveal && summary);
        QVERIFY(keyEdit->isVisible());

        typeInto(urlEdit, QStringLiteral("rtmp://live.example.com/app"));
        typeInto(keyEdit, QStringLiteral("sk-live-7f3a9c"));
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QVERIFY(!summary->text().contains(QStringLiteral("7f3a9c")));
        reveal->trigger();
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QCOMPARE(wizard.field(MainWizard::kStreamKeyField).toString(), QStringLiteral("sk-live-7f3a9c"));
    }

    void keyPastedIntoUrlCanBeMovedToTheHiddenBox()
    {
        MainWizard wizard(*m_catalogs);
        goToUrlPage(wizard, QStringLiteral("OBS"), QStringLiteral("obs-studio"));
        auto* urlEdit = findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit");
        auto* keyEdit = findWidget<QLineEdit>(&wizard, "streamKeyEdit");
        auto* moveKey = findWidget<QPushButton>(&wizard, "moveKeyButton");
        QVERIFY(urlEdit && keyEdit && moveKey);
        urlEdit->setText(QStringLiteral("rtmp://live.example.com/app/secret-key-42"));
        QVERIFY(moveKey->isVisible());
        QTest::mouseClick(moveKey, Qt::LeftButton);
        QCOMPARE(urlEdit->text(), QStringLiteral("rtmp://live.example.com/app"));
        QCOMPARE(keyEdit->text(), QStringLiteral("secret-key-42"));
        QVERIFY(!moveKey->isVisible());
    }

    void videoChatClientNeedsNoKey()
    {
        MainWizard wizard(*m_catalogs);
        goToUrlPage(wizard, QStringLiteral("AVChat"), QStringLiteral("avchat-3"));
        auto* urlEdit = findWidget<rd::UrlEdit>(&wizard, "ingestUrlEdit");
        auto* keyEdit = findWidget<QLineEdit>(&wizard, "streamKeyEdit");
        auto* findings = findWidget<QListWidget>(&wizard, "urlFindings");
        QVERIFY(urlEdit && keyEdit && findings);
        QVERIFY(!keyEdit->isVisible());
        typeInto(urlEdit, QStringLiteral("rtmp://myserver.example.com/avchat30/_definst_"));
        for (const rd::UrlEdit::Mark& mark : urlEdit->marks())
            QVERIFY2(mark.severity == rd::Severity::Info, qPrintable(mark.message));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }
};

QTEST_MAIN(TestWizardIntake)
#include "tst_wizard_intake.moc"
