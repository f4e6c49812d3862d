#pragma once

#include "url/ingesturl.h"

#include <QList>

namespace rd {

struct EncoderInfo;

// The URL as the chosen encoder would use it: parsed with that encoder's
// layout (stream key or not, separate key box or not) and linted with both the
// URL rules and what the encoder can send.
struct IngestCheck
{
    IngestUrl url;
    QList<UrlFinding> findings;

    Severity worstSeverity() const;
    bool hasProblems() const; // anything worse than information
};

UrlParseOptions parseOptionsFor(const EncoderInfo* encoder, const QString& separateStreamKey);

// encoder may be null ("not chosen yet"): then only the URL rules apply.
IngestCheck checkIngest(const QString& urlText, const QString& separateStreamKey, const EncoderInfo* encoder);

} // namespace rd
