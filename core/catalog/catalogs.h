#pragma once

#include "catalog/catalogerror.h"
#include "catalog/encodercatalog.h"
#include "catalog/servercatalog.h"

#include <optional>

namespace rd {

struct CatalogLoadResult;

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

struct CatalogLoadResult
{
    enum class Status
    {
        Loaded,
        Failed,
    };

    Status status = Status::Failed;
    std::optional<Catalogs> catalogs; // set exactly when status == Loaded
    CatalogError error;               // set exactly when status == Failed

    bool ok() const { return status == Status::Loaded; }
};

} // namespace rd
