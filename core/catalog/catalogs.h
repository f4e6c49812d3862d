#pragma once

#include "catalog/catalogerror.h"
#include "catalog/encodercatalog.h"
#include "catalog/loadresult.h"
#include "catalog/servercatalog.h"

#include <optional>

namespace rd {

struct LoadedCatalogs;
using CatalogLoadResult = LoadResult<LoadedCatalogs>;

// Both catalogs, checked against each other (e.g. an application hint's
// encoderId must name an encoder).
struct Catalogs
{
    EncoderCatalog encoders;
    ServerCatalog servers;

    // The catalogs compiled into the program (":/catalogs/..."). Never crashes
    // and never yields an empty list: any problem comes back as an error.
    static CatalogLoadResult loadBuiltIn();
    static CatalogLoadResult load(const QString& encodersPath, const QString& serversPath);
};

struct LoadedCatalogs
{
    std::optional<Catalogs> catalogs; // set exactly when status == Loaded
};

} // namespace rd
