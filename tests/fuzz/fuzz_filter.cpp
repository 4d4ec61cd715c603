// libFuzzer target: the display-filter language on arbitrary text. Whatever parses is evaluated
// on a few fixed subjects (with and without a dissection); an error must point inside the text;
// and "!(f)" must parse to exactly the negation of f. A broken invariant aborts, so libFuzzer
// reports it like a crash.

#include "filter/Filter.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;
using namespace tuyascope::filter;

namespace {

Dissection makeDissection()
{
    Dissection d;
    d.addField(-1, QStringLiteral("Command"), QStringLiteral("tuyamcu.cmd"), QStringLiteral("0x07 Status report"), 3, 1);
    const struct {
        const char* id;
        const char* type;
        const char* value;
    } dps[] = {{"20", "bool (0x01)", "true"}, {"22", "value (0x02)", "310"}, {"101", "string (0x03)", "\"hi there\""}};
    for (const auto& dp : dps) {
        const int unit = d.addField(-1, QStringLiteral("DP"), QStringLiteral("dp"), QString::fromLatin1(dp.id), 6, 5);
        d.addField(unit, QStringLiteral("dpId"), QStringLiteral("dp.id"), QString::fromLatin1(dp.id), 6, 1);
        d.addField(unit, QStringLiteral("Type"), QStringLiteral("dp.type"), QString::fromLatin1(dp.type), 7, 1);
        d.addField(unit, QStringLiteral("Value"), QStringLiteral("dp.value"), QString::fromLatin1(dp.value), 10, 1);
    }
    d.addDiagnostic(Severity::Warning, QStringLiteral("DP_TYPE_LENGTH_MISMATCH"), QStringLiteral("odd"), -1);
    d.checksum = ChecksumStatus::Bad;
    return d;
}

const QVector<FilterSubject>& subjects()
{
    static const Dissection dissection = makeDissection();
    static const QVector<FilterSubject> list = [] {
        FilterSubject mcu;
        mcu.timeUs = 1'700'000'000'000'000;
        mcu.direction = Direction::McuToModule;
        mcu.protocol = QStringLiteral("mcu");
        mcu.version = QStringLiteral("3");
        mcu.command = 7;
        mcu.length = 22;
        mcu.dissection = &dissection;
        FilterSubject light = mcu;
        light.dissection = nullptr;
        FilterSubject lan;
        lan.direction = Direction::DeviceToApp;
        lan.protocol = QStringLiteral("lan");
        lan.version = QStringLiteral("3.5");
        lan.command = 8;
        lan.length = 99;
        FilterSubject garbage; // all defaults: no command, no time, no protocol
        return QVector<FilterSubject>{mcu, light, lan, garbage};
    }();
    return list;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const FilterParseResult parsed = parseFilter(text);
    if (!parsed.ok) {
        if (parsed.error.isEmpty() || parsed.position < 0 || parsed.length < 0
            || parsed.position + parsed.length > text.size())
            std::abort();
        return 0;
    }
    if (parsed.filter.isEmpty()) {
        for (const FilterSubject& subject : subjects()) {
            if (!parsed.filter.matches(subject))
                std::abort();
        }
        return 0;
    }
    const FilterParseResult negated = parseFilter(QStringLiteral("!(") + text + QStringLiteral(")"));
    if (!negated.ok && !negated.error.contains(QStringLiteral("nested too deeply")))
        std::abort();
    for (const FilterSubject& subject : subjects()) {
        const bool match = parsed.filter.matches(subject);
        if (negated.ok && negated.filter.matches(subject) == match)
            std::abort();
    }
    return 0;
}
