// libFuzzer target: the dp labels sidecar reader on arbitrary bytes. Whatever it accepts must
// survive its own writer unchanged (same labels, same unknown keys, same bytes on a second
// write); whatever it rejects must say why. Scaled value texts are computed for every label.
// A mismatch aborts, so libFuzzer reports it like a crash.

#include "dpmap/DpLabels.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<DpLabels> labels = DpLabels::fromJson(input, &error);
    if (!labels) {
        if (error.isEmpty())
            std::abort();
        return 0;
    }
    const QByteArray once = labels->toJson();
    QString again;
    const std::optional<DpLabels> back = DpLabels::fromJson(once, &again);
    if (!back || !(*back == *labels) || back->toJson() != once)
        std::abort();
    const QString samples[] = {QStringLiteral("150"), QStringLiteral("-10"), QStringLiteral("true"),
                               QStringLiteral("1e308"), QStringLiteral("manual"), QString::fromUtf8(input.left(32))};
    for (auto it = labels->labels().cbegin(); it != labels->labels().cend(); ++it) {
        if (!isValidDpScale(it->scale) || it->isEmpty())
            std::abort(); // the reader lets neither through
        for (const QString& value : samples)
            (void)labels->scaledValue(it.key(), value);
    }
    (void)sidecarPathFor({QString::fromUtf8(input)});
    return 0;
}
