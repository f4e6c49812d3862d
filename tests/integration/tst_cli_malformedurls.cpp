// Two hundred broken ingest addresses through `rtmp-doctor lint`, the real executable, one process
// each: every one ends normally with the exit code for the address it was given (1: problems,
// 2: unusable), names a finding with a sentence, and never prints the stream key or password that
// was in it. The same addresses go through the linter in process first, so a generator that makes
// an address the linter rightly accepts is caught as the generator's mistake.

#include "clirun.h"
#include "intake/ingestcheck.h"
#include "malformedurls.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using rd::test::CliRun;

namespace {

QString shortened(const QString& text)
{
    QString visible = text.left(120);
    for (QChar& c : visible) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u'?';
    }
    return text.size() > 120 ? visible + u"... (%1 characters)"_s.arg(text.size()) : visible;
}

QStringList foundCodes(const rd::IngestCheck& check)
{
    QStringList codes;
    for (const rd::UrlFinding& finding : check.findings)
        codes << rd::lintCodeId(finding.code);
    return codes;
}

} // namespace

class TestCliMalformedUrls : public QObject
{
    Q_OBJECT

private:
    QList<rd::test::MalformedUrl> m_urls;

private slots:
    void initTestCase()
    {
        const quint32 seed = rd::test::malformedUrlSeed();
        qInfo("malformed URL seed %u (RTMPDOCTOR_MALFORMED_SEED overrides)", seed);
        m_urls = rd::test::generateMalformedUrls(seed, 200);
        QVERIFY(m_urls.size() >= 200);
        QSet<QString> distinct;
        QSet<QString> categories;
        for (const rd::test::MalformedUrl& url : std::as_const(m_urls)) {
            distinct.insert(url.text);
            categories.insert(url.category);
        }
        QCOMPARE(distinct.size(), m_urls.size());
        QVERIFY(categories.size() >= 20);
        // The same seed, the same addresses: a failure can be replayed.
        const QList<rd::test::MalformedUrl> again = rd::test::generateMalformedUrls(seed, 200);
        QCOMPARE(again.size(), m_urls.size());
        for (qsizetype i = 0; i < again.size(); ++i)
            QCOMPARE(again.at(i).text, m_urls.at(i).text);
    }

    // In process: each address gets a finding worse than information, and one the generator meant.
    void linterReportsWhatWasBroken()
    {
        QStringList failures;
        for (const rd::test::MalformedUrl& url : std::as_const(m_urls)) {
            const rd::IngestCheck check = rd::checkIngest(url.text, {}, nullptr);
            const QStringList codes = foundCodes(check);
            const bool expected = std::any_of(url.expectedCodes.begin(), url.expectedCodes.end(),
                                              [&](const QString& code) { return codes.contains(code); });
            if (!check.hasProblems() || !expected) {
                failures << u"[%1] %2: found {%3}, expected one of {%4}"_s.arg(
                    url.category, shortened(url.text), codes.join(u", "_s), url.expectedCodes.join(u", "_s));
            }
            for (const rd::UrlFinding& finding : check.findings) {
                if (finding.message.trimmed().size() < 10)
                    failures << u"[%1] %2: finding %3 has no real message"_s.arg(
                        url.category, shortened(url.text), rd::lintCodeId(finding.code));
                if (!url.secret.isEmpty() && finding.message.contains(url.secret))
                    failures << u"[%1] %2: finding %3 repeats the secret"_s.arg(
                        url.category, shortened(url.text), rd::lintCodeId(finding.code));
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void lintCommandEndsWithAFinding()
    {
        QElapsedTimer clock;
        clock.start();
        QStringList failures;
        int run = 0;
        for (const rd::test::MalformedUrl& url : std::as_const(m_urls)) {
            if (!url.passableAsArgument())
                continue; // argv ends at a NUL; the wizard test types those
            ++run;
            const rd::IngestCheck check = rd::checkIngest(url.text, {}, nullptr);
            // "--": an address may start with '-'.
            const CliRun result = rd::test::runDoctor({u"lint"_s, u"--"_s, url.text}, 20s);
            const QString label = u"[%1] %2"_s.arg(url.category, shortened(url.text));
            if (!result.exited()) {
                failures << label + (result.status == rd::test::ToolRun::Status::Crashed ? u": crashed"_s
                                                                                         : u": timed out"_s);
                continue;
            }
            const int expectedExit = check.url.isUsable() ? 1 : 2;
            if (result.exitCode != expectedExit) {
                failures << label + u": exit %1, expected %2\n%3%4"_s.arg(result.exitCode)
                                        .arg(expectedExit)
                                        .arg(result.out.left(600), result.err.left(300));
                continue;
            }
            // At least one finding line: "<severity> <code>: <sentence>".
            bool namedAFinding = false;
            for (const QString& code : foundCodes(check)) {
                const QRegularExpression line(u"^(error|warning|info) +"_s +
                                                  QRegularExpression::escape(code) + u": \\S.{9,}$"_s,
                                              QRegularExpression::MultilineOption);
                if (result.out.contains(line))
                    namedAFinding = true;
            }
            if (!namedAFinding)
                failures << label + u": no finding line in\n"_s + result.out.left(600);
            if (!url.secret.isEmpty() && (result.out.contains(url.secret) || result.err.contains(url.secret)))
                failures << label + u": the secret was printed"_s;
        }
        qInfo("%d lint runs in %lld ms", run, clock.elapsed());
        QVERIFY(run >= 190);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestCliMalformedUrls)
#include "tst_cli_malformedurls.moc"
