#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Broken ingest addresses of the kinds people paste: wrong or misspelt schemes, missing parts,
// impossible ports, whitespace and control characters, Unicode junk, doubled slashes, keys in the
// wrong place, overlong text, NUL bytes, percent garbage, IPv6 without brackets, Azure addresses
// that cannot work. Shared by the command-line and the wizard tests so both see the same inputs.
namespace rd::test {

struct MalformedUrl
{
    QString category;          // "bad-port", "control-character", ... (what the generator meant to break)
    QString text;              // the address as pasted
    QStringList expectedCodes; // lint code ids (IngestUrl): at least one of them must be reported
    // A random stream key or password inside `text` that the linter must never print back; empty
    // when the broken part is where a key would be (a key typed as the port is just text).
    QString secret;

    // argv cannot carry a NUL character.
    bool passableAsArgument() const { return !text.contains(QChar(u'\0')); }
};

// At least `count` distinct malformed addresses, always the same ones for the same seed; every
// category appears. Bounded: at most a few overlong (100 kB) ones.
QList<MalformedUrl> generateMalformedUrls(quint32 seed, int count = 200);

// RTMPDOCTOR_MALFORMED_SEED when set (decimal), else a fixed seed; tests print it.
quint32 malformedUrlSeed();

} // namespace rd::test
