#include "catalog/catalogs.h"

#include "catalog/catalogjson.h"

using namespace Qt::StringLiterals;

namespace rd {

namespace {

CatalogLoadResult failure(CatalogError error)
{
    CatalogLoadResult result;
    result.status = CatalogLoadResult::Status::Failed;
    result.error = std::move(error);
    return result;
}

} // namespace

CatalogLoadResult Catalogs::loadBuiltIn()
{
    return load(EncoderCatalog::builtInPath(), ServerCatalog::builtInPath());
}

CatalogLoadResult Catalogs::load(const QString& encodersPath, const QString& serversPath)
{
    CatalogError error;
    std::optional<EncoderCatalog> encoders = EncoderCatalog::load(encodersPath, &error);
    if (!encoders)
        return failure(error);
    std::optional<ServerCatalog> servers = ServerCatalog::load(serversPath, &error);
    if (!servers)
        return failure(error);

    const QList<ApplicationHint>& hints = servers->applicationHints();
    for (qsizetype index = 0; index < hints.size(); ++index) {
        const ApplicationHint& hint = hints.at(index);
        if (!hint.encoderId.isEmpty() && !encoders->find(hint.encoderId)) {
            return failure(CatalogError{
                catalogdetail::fileNameOf(serversPath),
                u"applicationHints "_s + catalogdetail::entryLabel(index, hint.application),
                u"encoderId"_s,
                u"no encoder has the id \"%1\" in %2"_s.arg(hint.encoderId,
                                                            catalogdetail::fileNameOf(encodersPath)),
            });
        }
    }

    CatalogLoadResult result;
    result.status = CatalogLoadResult::Status::Loaded;
    result.catalogs = Catalogs{std::move(*encoders), std::move(*servers)};
    return result;
}

} // namespace rd
