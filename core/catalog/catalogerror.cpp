#include "catalog/catalogerror.h"

namespace rd {

QString CatalogError::toString() const
{
    QString text = file;
    if (!entry.isEmpty())
        text += QStringLiteral(": ") + entry;
    if (!field.isEmpty())
        text += QStringLiteral(": field \"") + field + QLatin1Char('"');
    text += QStringLiteral(": ") + message;
    return text;
}

} // namespace rd
