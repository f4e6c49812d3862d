#pragma once

#include "probe/probetypes.h"
#include "url/ingesturl.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rd {

// One recognised message in text the user pasted (see ErrorTextMatcher).
struct ErrorMatch
{
    QString signatureId;
    QString title;
    QString meaning;
    TextSpan span;       // in the pasted text as given (UTF-16 code units)
    QString matchedText; // the span's text; may contain a stream key, so redact before showing
    QStringList likelyCauseIds;
    QList<ProbeKind> confirmWith;
};

} // namespace rd
