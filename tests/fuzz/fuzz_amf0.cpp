// rd::amf0::decode over arbitrary bytes, with the default limits and with tight ones taken from
// the input. Invariants: never consumes more than given, the offsets agree with the status, a
// decoded value re-encodes to bytes that decode to an equal value, and a string filter reaches
// every string and key of the debug form.
#include "fuzzsupport.h"
#include "rtmp/amf0.h"

using rd::amf0::DecodeLimits;
using rd::amf0::DecodeResult;

namespace {

void checkResult(const DecodeResult& result, qsizetype size, const DecodeLimits& limits)
{
    FUZZ_CHECK(result.consumed >= 0 && result.consumed <= size, "consumed within the input");
    FUZZ_CHECK(result.values.size() <= limits.maxValues, "top-level values within the limit");
    if (result.ok()) {
        FUZZ_CHECK(result.consumed == size, "Ok consumes everything");
        FUZZ_CHECK(result.errorOffset == -1, "Ok has no error offset");
    } else {
        FUZZ_CHECK(result.errorOffset >= result.consumed && result.errorOffset <= size,
                   "error offset after the complete values and inside the input");
        FUZZ_CHECK(!result.message.isEmpty(), "an error says what is wrong");
    }
}

} // namespace

RD_FUZZ_QUIET_INITIALIZE()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));

    const DecodeLimits defaults;
    const DecodeResult result = rd::amf0::decode(bytes, defaults);
    checkResult(result, bytes.size(), defaults);

    // Only the complete values count: re-decoding their encoding must give them back.
    const QByteArray encoded = rd::amf0::encode(result.values);
    const DecodeResult again = rd::amf0::decode(encoded, defaults);
    FUZZ_CHECK(again.ok(), "the encoding of decoded values decodes");
    FUZZ_CHECK(again.values == result.values, "decode(encode(v)) == v");
    FUZZ_CHECK(rd::amf0::encode(again.values) == encoded, "encoding is stable after one round");

    // A filter that empties every string leaves nothing of the input's text in the debug form.
    const auto hideAll = [](const QString&) {
        return QString();
    };
    for (const rd::amf0::Value& value : result.values) {
        FUZZ_CHECK(rd::fuzz::isAscii(value.toDebugString(hideAll)), "filter applied to every string");
        (void)value.toDebugString();
    }

    // Tight limits from the first bytes so every limit check is reached with small inputs.
    if (size >= 2) {
        DecodeLimits tight;
        tight.maxValues = 1 + data[0] % 8;
        tight.maxTotalValues = 1 + data[1] % 32;
        tight.maxDepth = data[0] >> 4;
        tight.maxStringBytes = data[1] >> 2;
        const DecodeResult limited = rd::amf0::decode(bytes.sliced(2), tight);
        checkResult(limited, bytes.size() - 2, tight);
    }
    return 0;
}
