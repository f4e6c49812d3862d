#pragma once

#include <QString>
#include <QStringList>

namespace rd {

// Makes text from the outside world (a server's reply, a pasted log) safe to show: the part after
// the application of every rtmp/rtmps/rtmpt URL in it is replaced the way IngestUrl redacts a
// stream key, and every secret of 4 or more characters that stands on its own (not inside a longer
// word) is replaced by redactSecret(). Shorter secrets are left alone: hiding every "a" would
// destroy the text and protect nothing.
QString hideSecretsInText(const QString& text, const QStringList& secrets);

} // namespace rd
