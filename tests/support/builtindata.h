#pragma once

// The catalogs and the knowledge base built into the application, loaded once per test case the
// way main() loads them.
#include "catalog/catalogs.h"
#include "diagnosis/knowledgebase.h"

#include <QString>

#include <optional>

namespace rd::test {

struct BuiltInData
{
    std::optional<Catalogs> catalogs;
    std::optional<KnowledgeBase> knowledge;
    QString error; // empty when both loaded

    bool ok() const { return error.isEmpty(); }
};

BuiltInData loadBuiltInData();

} // namespace rd::test
