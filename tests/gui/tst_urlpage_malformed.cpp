// The same 200 broken addresses as tst_cli_malformedurls, typed into the wizard's URL page: each
// shows a finding in the list, the address box underlines something, Next stays disabled for an
// address that cannot be tested, and nothing crashes or prints the key. Set as text for speed; a
// handful are typed key by key the way a person types them.

#include "catalog/catalogs.h"
#include "intake/ingestcheck.h"
#include "mainwizard.h"
#include "malformedurls.h"
#include "widgets/urledit.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using rd::MainWizard;

class TestUrlPageMalformed : public QObject
{
    Q_OBJECT

private:
    std::optional<rd::Catalogs> m_catalogs;
    QList<rd::test::MalformedUrl> m_urls;

    // The URL page with no encoder chosen (every rule applies), the way the encoder page's
    // "not in the list" leads there.
    static bool goToUrlPage(MainWizard& wizard)
    {
        wizard.show();
        if (!QTest::qWaitForWindowExposed(&wizard))
            return false;
        wizard.next();
        auto* search = wizard.findChild<QLineEdit*>(u"encoderSearch"_s);
        if (search == nullptr)
            return false;
        search->setFocus();
        QTest::keyClicks(search, u"OBS"_s);
        QTest::keyClick(search, Qt::Key_Return);
        return wizard.currentId() == MainWizard::IngestUrlPageId;
    }

    static QString shortened(const QString& text)
    {
        QString visible = text.left(100);
        for (QChar& c : visible) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                c = u'?';
        }
        return text.size() > 100 ? visible + u"... (%1 characters)"_s.arg(text.size()) : visible;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        rd::CatalogLoadResult loaded = rd::Catalogs::loadBuiltIn();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_catalogs = std::move(loaded.catalogs);
        const quint32 seed = rd::test::malformedUrlSeed();
        qInfo("malformed URL seed %u (RTMPDOCTOR_MALFORMED_SEED overrides)", seed);
        m_urls = rd::test::generateMalformedUrls(seed, 200);
        QVERIFY(m_urls.size() >= 200);
    }

    void everyAddressShowsAFinding()
    {
        MainWizard wizard(*m_catalogs);
        QVERIFY(goToUrlPage(wizard));
        auto* edit = wizard.findChild<rd::UrlEdit*>(u"ingestUrlEdit"_s);
        auto* findings = wizard.findChild<QListWidget*>(u"urlFindings"_s);
        auto* summary = wizard.findChild<QLabel*>(u"urlSummary"_s);
        QAbstractButton* next = wizard.button(QWizard::NextButton);
        QVERIFY(edit && findings && summary && next);

        const rd::EncoderInfo* obs = m_catalogs->encoders.find(u"obs-studio"_s);
        QVERIFY(obs);
        QStringList failures;
        int blocked = 0;
        for (qsizetype i = 0; i < m_urls.size(); ++i) {
            const rd::test::MalformedUrl& url = m_urls.at(i);
            const QString label = u"[%1] %2"_s.arg(url.category, shortened(url.text));
            edit->setText(QString());
            if (i % 40 == 0 && url.text.size() < 200) {
                // A person typing: every keystroke relints.
                edit->setFocus();
                QTest::keyClicks(edit, url.text);
            } else {
                edit->setText(url.text);
            }
            QCoreApplication::processEvents();
            // The box may normalise line breaks; the page lints what the box holds.
            const rd::IngestCheck check = rd::checkIngest(edit->text(), {}, obs);
            if (findings->count() == 0) {
                failures << label + u": no finding shown"_s;
                continue;
            }
            if (findings->count() < check.findings.size())
                failures << label + u": %1 findings shown, %2 found"_s.arg(findings->count())
                                        .arg(check.findings.size());
            for (int row = 0; row < findings->count(); ++row) {
                if (findings->item(row)->text().trimmed().size() < 10)
                    failures << label + u": an empty finding row"_s;
            }
            // A finding that points at characters of the address underlines them.
            const bool pointsAtText =
                std::any_of(check.findings.begin(), check.findings.end(), [](const rd::UrlFinding& finding) {
                    return finding.field == rd::UrlField::Url && finding.span.isValid() &&
                           finding.span.length > 0;
                });
            if (pointsAtText && edit->marks().isEmpty())
                failures << label + u": nothing underlined"_s;
            // Next only for an address the tests can use.
            if (next->isEnabled() != check.url.isUsable())
                failures << label + u": Next is %1"_s.arg(next->isEnabled() ? u"enabled"_s : u"disabled"_s);
            if (!check.url.isUsable())
                ++blocked;
            QString shown = summary->text();
            for (int row = 0; row < findings->count(); ++row)
                shown += findings->item(row)->text() + findings->item(row)->toolTip();
            if (!url.secret.isEmpty() && shown.contains(url.secret))
                failures << label + u": the key is shown"_s;
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        // Most of these addresses cannot be tested at all.
        QVERIFY2(blocked >= 80, qPrintable(u"only %1 addresses blocked Next"_s.arg(blocked)));
    }
};

QTEST_MAIN(TestUrlPageMalformed)
#include "tst_urlpage_malformed.moc"
