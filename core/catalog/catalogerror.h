#pragma once

#include <QString>

namespace rd {

// Why a catalog file could not be used. Points a maintainer at the exact spot:
// the file, the entry (array index counted from 0 plus its id once known) and
// the field, e.g.
//   encoders.json: entry 3 ("obs-studio"): field "schemes": expected an array of strings
struct CatalogError
{
    QString file;    // file name without directory, e.g. "encoders.json"
    QString entry;   // e.g. `entry 3 ("obs-studio")`; empty when the whole file is at fault
    QString field;   // e.g. "schemes" or "recognition.hostPatterns"; empty when no single field is
    QString message; // what is wrong, in plain words

    bool isEmpty() const { return message.isEmpty(); }
    QString toString() const;
};

} // namespace rd
