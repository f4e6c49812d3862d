#include "commandline.h"

#include "appinfo.h"
#include "catalog/catalogs.h"
#include "intake/ingestcheck.h"
#include "url/urlreport.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace rd {

namespace {

const QStringList kSubcommands = {QStringLiteral("lint"), QStringLiteral("--version"),
                                  QStringLiteral("-v"),   QStringLiteral("--help"),
                                  QStringLiteral("-h"),   QStringLiteral("help")};

QString usage()
{
    return QStringLiteral(
        "Usage: rtmp-doctor [COMMAND] [OPTIONS]\n"
        "\n"
        "Without a command, RTMP Doctor opens its troubleshooting wizard.\n"
        "\n"
        "Commands:\n"
        "  lint URL      Parse and check an ingest URL without touching the network.\n"
        "                Exit 0: nothing to fix, 1: problems found, 2: unusable input.\n"
        "      --encoder ID         check against what this encoder can send (see --list-encoders)\n"
        "      --key KEY            the stream key, when the encoder has a separate key box\n"
        "      --reveal-secrets     print stream keys and tokens instead of hiding them\n"
        "      --list-encoders      list encoder ids and exit\n"
        "  --version     Print the version, Qt and TLS library versions.\n"
        "  --help        Show this help.\n"
        "\n"
        "Examples:\n"
        "  rtmp-doctor lint 'rtmp://live.example.com/app/streamkey'\n"
        "  rtmp-doctor lint --encoder obs-studio --key SECRET 'rtmps://live.example.com:443/app'\n"
        "  rtmp-doctor lint --encoder avchat-3 'rtmp://myserver/avchat30/_definst_'\n");
}

int printVersion(QTextStream& out)
{
    out << AppInfo::applicationName() << ' ' << AppInfo::version() << '\n'
        << "Qt " << AppInfo::qtVersion() << ", TLS: " << AppInfo::tlsBackend() << '\n';
    return ExitHealthy;
}

int runLint(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption encoderOption(QStringLiteral("encoder"), QStringLiteral("Encoder id."),
                                           QStringLiteral("id"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Separate stream key."),
                                       QStringLiteral("key"));
    const QCommandLineOption revealOption(QStringLiteral("reveal-secrets"), QStringLiteral("Show secrets."));
    const QCommandLineOption listOption(QStringLiteral("list-encoders"), QStringLiteral("List encoders."));
    parser.addOptions({encoderOption, keyOption, revealOption, listOption});
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The ingest URL."));
    // arguments[0] is the program, [1] the subcommand; the parser skips its first element.
    if (!parser.parse(arguments.mid(1))) {
        err << "lint: " << parser.errorText() << "\n\n" << usage();
        return ExitBadInput;
    }

    const CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
    if (!catalogs.ok()) {
        err << "rtmp-doctor: the built-in catalogs are damaged: " << catalogs.error.toString() << '\n';
        return ExitInternal;
    }
    const EncoderCatalog* encoders = &catalogs.catalogs->encoders;
    if (parser.isSet(listOption)) {
        for (const EncoderInfo& encoder : encoders->encoders())
            out << encoder.id.leftJustified(28) << encoder.name << '\n';
        return ExitHealthy;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "lint: give exactly one URL (quote it in the shell)\n\n" << usage();
        return ExitBadInput;
    }
    const EncoderInfo* encoder = nullptr;
    if (parser.isSet(encoderOption)) {
        encoder = encoders->find(parser.value(encoderOption));
        if (encoder == nullptr) {
            err << "lint: unknown encoder \"" << parser.value(encoderOption)
                << "\" (rtmp-doctor lint --list-encoders shows the ids)\n";
            return ExitBadInput;
        }
    }

    const Redaction redaction = parser.isSet(revealOption) ? Redaction::RevealSecrets : Redaction::Redacted;
    const IngestCheck check = checkIngest(positional.constFirst(), parser.value(keyOption), encoder);
    if (encoder != nullptr)
        out << "Encoder:     " << encoder->name << '\n';
    out << describeIngestUrl(check.url, redaction);
    out << '\n';
    if (check.findings.isEmpty())
        out << "No problems found in the address.\n";
    else
        out << describeFindings(check.findings);
    out.flush();

    if (!check.url.isUsable())
        return ExitBadInput;
    return check.hasProblems() ? ExitProblem : ExitHealthy;
}

} // namespace

bool isCommandLineInvocation(const QStringList& arguments)
{
    return arguments.size() > 1 && kSubcommands.contains(arguments.at(1));
}

int runCommandLine(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const QString command = arguments.value(1);
    if (command == QStringLiteral("--version") || command == QStringLiteral("-v"))
        return printVersion(out);
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h") ||
        command == QStringLiteral("help")) {
        out << usage();
        return ExitHealthy;
    }
    if (command == QStringLiteral("lint"))
        return runLint(arguments, out, err);
    err << "unknown command: " << command << "\n\n" << usage();
    return ExitBadInput;
}

} // namespace rd
