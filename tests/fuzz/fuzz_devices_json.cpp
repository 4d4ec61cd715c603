// libFuzzer target: the key-store importers (tinytuya devices.json and Tuya Debugfile) on
// arbitrary bytes. Whatever they accept must survive the store's own file format unchanged:
// export (with keys) -> import -> the same devices, and a second export gives the same bytes.
// Labels, matching and ID=KEY parsing run on everything recovered. A mismatch aborts, so
// libFuzzer reports it like a crash.

#include "keys/Debugfile.h"
#include "keys/DevicesJson.h"
#include "keys/DpLabel.h"
#include "keys/KeyAssignment.h"
#include "keys/KeyStore.h"

#include <QJsonValue>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope::keys;

namespace {

void checkRoundTrip(const KeyStore& store)
{
    const QByteArray once = store.exportJson(true);
    KeyStore again;
    if (!again.importDevicesJson(once) || again.devices() != store.devices())
        std::abort();
    if (again.exportJson(true) != once)
        std::abort();
    // Without keys: no key field at all, and what is left still reads.
    const QByteArray bare = store.exportJson(false);
    const DevicesImport reread = importDevicesJson(bare);
    if (!reread.readable)
        std::abort();
    for (const DeviceEntry& e : reread.devices)
        if (e.hasKey())
            std::abort();
}

void exercise(const KeyStore& store)
{
    const QJsonValue samples[] = {QJsonValue(true), QJsonValue(0), QJsonValue(575), QJsonValue(-7),
                                  QJsonValue(9007199254740992.0), QJsonValue(1.5), QJsonValue(QStringLiteral("colour"))};
    for (const DeviceEntry& e : store.devices()) {
        for (const DpSpec& spec : e.dps)
            for (const QJsonValue& v : samples)
                (void)dpLabel(&e, spec.id, v);
        (void)store.matchDetailed(e.id, e.ip);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));

    const DevicesImport devices = importDevicesJson(input);
    if (!devices.readable && !devices.devices.isEmpty())
        std::abort();
    KeyStore store;
    (void)store.addDevices(devices.devices);
    if (store.devices().size() > devices.devices.size())
        std::abort();
    exercise(store);
    checkRoundTrip(store);

    const DebugfileImport schema = importDebugfile(input);
    if (!schema.readable && !schema.schema.dps.isEmpty())
        std::abort();
    for (qsizetype i = 1; i < schema.schema.dps.size(); ++i)
        if (schema.schema.dps.at(i - 1).id >= schema.schema.dps.at(i).id)
            std::abort(); // sorted, one per id
    (void)store.applySchema(schema.schema);
    (void)store.applySchema(schema.schema, QStringLiteral("fuzzdevice0000000001"));
    exercise(store);
    checkRoundTrip(store);

    // The same bytes as a command-line --key argument.
    QString error;
    if (const std::optional<KeyAssignment> a = parseKeyAssignment(QString::fromUtf8(input), &error)) {
        store.assign(*a);
        checkRoundTrip(store);
    }
    return 0;
}
