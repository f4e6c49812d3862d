#include "builtindata.h"

namespace rd::test {

BuiltInData loadBuiltInData()
{
    BuiltInData data;
    CatalogLoadResult catalogs = Catalogs::loadBuiltIn();
    if (!catalogs.ok()) {
        data.error = catalogs.error.toString();
        return data;
    }
    data.catalogs = std::move(catalogs.catalogs);
    KnowledgeLoadResult knowledge = KnowledgeBase::loadBuiltIn(&*data.catalogs);
    if (!knowledge.ok()) {
        data.error = knowledge.error.toString();
        return data;
    }
    data.knowledge = std::move(knowledge.knowledge);
    return data;
}

} // namespace rd::test
