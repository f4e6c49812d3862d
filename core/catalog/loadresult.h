#pragma once

#include "catalog/catalogerror.h"

namespace rd {

// What a loader hands back: the data, or the first problem found. The data lives in `Payload`,
// a struct with one std::optional member, so each result keeps the name its callers read
// (CatalogLoadResult::catalogs, KnowledgeLoadResult::knowledge).
template <typename Payload>
struct LoadResult : Payload
{
    enum class Status
    {
        Loaded,
        Failed,
    };

    Status status = Status::Failed;
    CatalogError error; // set exactly when status == Failed

    bool ok() const { return status == Status::Loaded; }
};

} // namespace rd
