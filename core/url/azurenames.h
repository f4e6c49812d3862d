#pragma once

#include "url/ingesturl.h"

// Azure Media Services ingest host and token naming rules. The service was retired on 30 June 2024;
// the rules still matter because old encoder configurations keep these addresses.
namespace rd {

// isAzure is false unless hostAce ends in .channel.media.azure.net.
AzureIngest classifyAzureHost(const QString& hostAce);

// <26 base32>-<26 base32>-<region>: seen in real non-vanity URLs, but not in Azure's documentation.
bool isGeneratedAzureShape(const QString& hostLabel);

// 32 hexadecimal characters (a 128-bit number, which is also a GUID without hyphens) or a GUID
// written 8-4-4-4-12 with hyphens.
bool isWellFormedAzureToken(const QString& token);

} // namespace rd
