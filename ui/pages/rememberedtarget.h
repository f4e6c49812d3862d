#pragma once

#include "intake/ingestcheck.h"

#include <QString>

namespace rd {

// The last ingest target, kept between runs so a broadcaster who comes back
// does not have to paste the address again. The address is stored without its
// stream key (and without an access token, credentials or query) unless the
// user asked to remember the key on this computer.
struct RememberedTarget
{
    QString encoderId;
    QString url;       // never holds a secret
    QString streamKey; // empty unless keyRemembered
    bool keyRemembered = false;

    // The settings file: an INI file in the application's configuration
    // folder (QStandardPaths, so tests in test mode never see the real one).
    static QString settingsPath();
    static RememberedTarget load();
    void save() const;

    // The address without anything secret: scheme, host, port and the
    // application path when it holds no access token; empty when unusable.
    static QString addressWithoutSecrets(const IngestUrl& url);
};

} // namespace rd
