#pragma once

#include "url/ingesturl.h"

#include <QList>
#include <QString>

namespace rd {

// A multi-line, human-readable summary of how the URL was understood: scheme, host (and its
// ASCII form when different), port, application, instance, stream key, query, tcUrl and the Azure
// form. Every line ends with '\n'. Secrets are hidden unless redaction is RevealSecrets.
QString describeIngestUrl(const IngestUrl& url, Redaction redaction = Redaction::Redacted);

// One line per finding: "<severity> <id>: <message> (at column N)", columns counted from 1 in the
// field the finding points into. "No problems found.\n" for an empty list.
QString describeFindings(const QList<UrlFinding>& findings);

} // namespace rd
