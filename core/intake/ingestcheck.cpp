#include "ingestcheck.h"

#include "catalog/encodercatalog.h"

#include <QCoreApplication>

namespace rd {

Severity IngestCheck::worstSeverity() const
{
    Severity worst = Severity::Info;
    for (const UrlFinding& finding : findings)
        worst = std::max(worst, finding.severity);
    return worst;
}

bool IngestCheck::hasProblems() const
{
    return !findings.isEmpty() && worstSeverity() > Severity::Info;
}

UrlParseOptions parseOptionsFor(const EncoderInfo* encoder, const QString& separateStreamKey)
{
    UrlParseOptions options;
    options.separateStreamKey = separateStreamKey;
    if (encoder != nullptr) {
        options.streamKeyRequired = encoder->needsStreamKey;
        options.layout = encoder->pathLayout;
    }
    return options;
}

IngestCheck checkIngest(const QString& urlText, const QString& separateStreamKey, const EncoderInfo* encoder)
{
    IngestCheck check;
    check.url = IngestUrl::parse(urlText, parseOptionsFor(encoder, separateStreamKey));
    check.findings = check.url.findings();
    if (encoder != nullptr && check.url.scheme() != Scheme::Unknown) {
        const QString scheme = schemeName(check.url.scheme());
        if (!encoder->supportsScheme(scheme)) {
            const qsizetype schemeStart =
                std::max<qsizetype>(0, urlText.indexOf(scheme, 0, Qt::CaseInsensitive));
            check.findings << UrlFinding{
                Severity::Error, UrlLintCode::EncoderCannotUseScheme,
                QCoreApplication::translate("rd::IngestCheck", "%1 cannot send %2://. It can use: %3.")
                    .arg(encoder->name, scheme, encoder->schemes.join(QStringLiteral(", "))),
                UrlField::Url, TextSpan{schemeStart, scheme.size()}};
        }
    }
    return check;
}

} // namespace rd
