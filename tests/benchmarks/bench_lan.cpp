// LAN codec throughput on one core: N generated device STATUS frames per version (3.3 ECB+CRC32,
// 3.4 ECB+HMAC-SHA256 with a session key, 3.5 GCM with a session key; 3-6 DPs, ~100-200 byte
// JSON bodies), decoded three ways, next to raw OpenSSL on the same machine:
//   fast path       splitter -> integrity (CRC/HMAC/tag) -> decrypt -> PKCS#7 -> JSON dps,
//                   through the codec's public functions (LanStreamSplitter, checkClassicTrailer,
//                   crypto::aesEcbDecrypt / aesGcmDecrypt, QJsonDocument), with cumulative stage
//                   timings so the cost of each step shows
//   full dissection dissectLanFrame with its field tree (what the tree view gets)
//   raw OpenSSL     EVP on the same inputs with contexts set up once (the crypto floor), plus
//                   bulk MB/s on 16 KiB buffers
// Prints figures; it never fails on speed. Build Release for meaningful numbers:
//   cmake --preset release && cmake --build --preset release --target bench_lan
//   ./build-release/tests/benchmarks/bench_lan [framesPerVersion] [secondsPerMeasure] [fast]
// "fast" runs only the three fast-path rows (for a profiler: perf record / valgrind --tool=callgrind).

#include "tuyalan/LanClassicIntegrity.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanContext.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanJsonSpans.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanStreamSplitter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QVector>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

const QByteArray kLocalKey = QByteArrayLiteral("0123456789abcdef");
const QByteArray kSessionKey = QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015");

// ---------------------------------------------------------------------------------------------
// Frames

// One DP as a device reports it: bool, value, enum, colour string, countdown, raw-ish string.
QByteArray randomDp(QRandomGenerator& rng, int id)
{
    const QByteArray key = '"' + QByteArray::number(id) + QByteArrayLiteral("\":");
    switch (rng.bounded(6)) {
    case 0: return key + (rng.bounded(2) ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
    case 1: return key + QByteArray::number(rng.bounded(100000));
    case 2: {
        static const char* modes[] = {"white", "colour", "scene", "music"};
        return key + '"' + modes[rng.bounded(4)] + '"';
    }
    case 3: return key + QByteArrayLiteral("\"00f003e803e8\"");
    case 4: return key + QByteArray::number(rng.bounded(86400));
    default: return key + QByteArrayLiteral("\"AAAIAAgAAAA=\"");
    }
}

QByteArray statusBody(QRandomGenerator& rng, LanVersion version)
{
    QByteArray dps = "{";
    const int count = 3 + int(rng.bounded(4)); // 3..6
    int id = 1;
    for (int i = 0; i < count; ++i) {
        id += 1 + int(rng.bounded(4));
        if (i)
            dps += ',';
        dps += randomDp(rng, id);
    }
    dps += '}';
    const QByteArray t = QByteArray::number(1700000000 + rng.bounded(1000000));
    if (version == LanVersion::V33) // tinytuya/tuyapi 3.3 push
        return QByteArrayLiteral("{\"devId\":\"bf3a1c2d4e5f60718293ab\",\"dps\":") + dps + QByteArrayLiteral(",\"t\":") + t + '}';
    // 3.4/3.5 pushes wrap the DPs in "data"
    return QByteArrayLiteral("{\"protocol\":4,\"t\":") + t + QByteArrayLiteral(",\"data\":{\"dps\":") + dps
           + QByteArrayLiteral(",\"cid\":\"a4c138f2\"}}");
}

struct FrameSet {
    LanVersion version = LanVersion::Unknown;
    const char* label = "";
    QVector<QByteArray> frames;
    QByteArray stream;           // the frames back to back, as one TCP direction
    qint64 bodyBytes = 0;
    LanContext context;
};

FrameSet buildFrames(LanVersion version, int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    FrameSet set;
    set.version = version;
    set.label = version == LanVersion::V33 ? "3.3 ECB+CRC32" : version == LanVersion::V34 ? "3.4 ECB+HMAC " : "3.5 GCM      ";
    set.context.version = version;
    set.context.sender = LanSender::Device;
    set.context.localKey = kLocalKey;
    if (version != LanVersion::V33)
        set.context.sessionKey = kSessionKey;
    set.frames.reserve(count);
    for (int i = 0; i < count; ++i) {
        LanEncodeRequest r;
        r.version = version;
        r.sender = LanSender::Device;
        r.seq = quint32(i + 1);
        r.cmd = cmd::Status;
        r.retcode = 0u;
        r.body = statusBody(rng, version);
        r.key = version == LanVersion::V33 ? kLocalKey : kSessionKey;
        if (version == LanVersion::V35) { // deterministic IVs keep runs comparable
            r.iv.resize(kGcmIvSize);
            for (char& c : r.iv)
                c = char(rng.bounded(256));
        }
        const LanEncodeResult e = encodeLanFrame(r);
        if (!e.ok()) {
            std::fprintf(stderr, "encode failed: %s\n", qPrintable(e.error));
            std::exit(1);
        }
        set.bodyBytes += r.body.size();
        set.frames.push_back(e.frame);
        set.stream += e.frame;
    }
    return set;
}

// ---------------------------------------------------------------------------------------------
// Timing: repeat a pass over the frame set until minSeconds elapsed.

double g_minSeconds = 0.25; // per slice; the best of three slices is reported (the machine may be busy)

struct Rate {
    double framesPerSecond = 0;
    double mbPerSecond = 0;     // MB = 1e6 bytes of frames (wire bytes)
    double nsPerFrame = 0;
};

Rate measure(qint64 framesPerPass, qint64 bytesPerPass, const std::function<void()>& pass)
{
    pass(); // warm caches, OpenSSL's lazy fetches and the catalogue
    double best = 0;
    for (int slice = 0; slice < 3; ++slice) {
        QElapsedTimer timer;
        timer.start();
        qint64 passes = 0;
        do {
            pass();
            ++passes;
        } while (double(timer.nsecsElapsed()) < g_minSeconds * 1e9);
        best = qMax(best, double(passes) / (double(timer.nsecsElapsed()) / 1e9));
    }
    Rate r;
    r.framesPerSecond = best * double(framesPerPass);
    r.mbPerSecond = best * double(bytesPerPass) / 1e6;
    r.nsPerFrame = 1e9 / r.framesPerSecond;
    return r;
}

void printRow(const char* what, const char* version, const Rate& r)
{
    std::printf("  %-34s %-14s %10.0f %9.1f %8.0f\n", what, version, r.framesPerSecond, r.mbPerSecond, r.nsPerFrame);
}

volatile qint64 g_sink = 0; // keeps results observable

// ---------------------------------------------------------------------------------------------
// Fast path through the codec's public functions.

enum class Stage : int { Split = 0, Integrity = 1, Decrypt = 2, Json = 3 };

// "dps" (3.3) or "data.dps" (3.4/3.5): the number of DPs, -1 when the body is not that JSON.
int dpsInJson(QByteArrayView body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return -1;
    const QJsonObject root = doc.object();
    QJsonObject dps = root.value(QLatin1String("dps")).toObject();
    if (dps.isEmpty())
        dps = root.value(QLatin1String("data")).toObject().value(QLatin1String("dps")).toObject();
    return int(dps.size());
}

struct FastCounts {
    qint64 frames = 0;
    qint64 valid = 0;     // integrity + (decrypt and padding when staged)
    qint64 dps = 0;
};

// One frame, up to the given stage. Device frames: 55AA payload starts with the clear retcode.
void fastFrame(QByteArrayView f, LanVersion version, Stage stage, const QVector<KeyCandidate>& hmacKeys, FastCounts& c)
{
    ++c.frames;
    if (stage == Stage::Split)
        return;
    const qsizetype total = f.size();
    QByteArrayView plainBody;
    if (version == LanVersion::V35) {
        const QByteArrayView iv = f.sliced(kGcmHeaderSize, kGcmIvSize);
        const qsizetype ctOffset = kGcmHeaderSize + kGcmIvSize;
        const qsizetype tagOffset = total - kSuffixSize - kGcmTagSize;
        // GCM checks the tag and decrypts in one call: Integrity and Decrypt are one stage here.
        const crypto::GcmDecryption d = crypto::aesGcmDecrypt(kSessionKey, iv, f.sliced(kGcmAadOffset, kGcmAadSize),
                                                              f.sliced(ctOffset, tagOffset - ctOffset),
                                                              f.sliced(tagOffset, kGcmTagSize));
        if (!d.ok())
            return;
        ++c.valid;
        if (stage != Stage::Json)
            return;
        // retcode (4) + version header (15) + body
        c.dps += qMax(0, dpsInJson(QByteArrayView(d.plaintext).sliced(kRetcodeSize + kVersionHeaderSize)));
        return;
    }
    const ClassicTrailerCheck check = checkClassicTrailer(f, version, hmacKeys);
    if (check.status != ChecksumStatus::Good)
        return;
    if (stage == Stage::Integrity) {
        ++c.valid;
        return;
    }
    const qsizetype payloadOffset = kClassicHeaderSize + kRetcodeSize;
    // 3.3: the version header is clear before the ciphertext; 3.4: inside it.
    const qsizetype ctOffset = payloadOffset + (version == LanVersion::V33 ? kVersionHeaderSize : 0);
    const crypto::EcbDecryption d
        = crypto::aesEcbDecrypt(version == LanVersion::V33 ? kLocalKey : kSessionKey, f.sliced(ctOffset, check.offset - ctOffset));
    if (!d.ok()) // includes the PKCS#7 check
        return;
    ++c.valid;
    if (stage != Stage::Json)
        return;
    plainBody = version == LanVersion::V33 ? QByteArrayView(d.plaintext) : QByteArrayView(d.plaintext).sliced(kVersionHeaderSize);
    c.dps += qMax(0, dpsInJson(plainBody));
}

class FastSink : public LanStreamSplitter::Sink {
public:
    FastSink(LanVersion version, Stage stage, const QVector<KeyCandidate>& keys) : m_version(version), m_stage(stage), m_keys(keys) {}
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        if (e.kind == LanStreamSplitter::EventKind::Frame)
            fastFrame(e.bytes, m_version, m_stage, m_keys, counts);
    }
    FastCounts counts;

private:
    LanVersion m_version;
    Stage m_stage;
    const QVector<KeyCandidate>& m_keys;
};

FastCounts runFast(const FrameSet& set, Stage stage, const QVector<KeyCandidate>& keys)
{
    constexpr qsizetype kChunk = 64 * 1024;
    LanStreamSplitter splitter;
    FastSink sink(set.version, stage, keys);
    const QByteArrayView stream(set.stream);
    for (qsizetype pos = 0; pos < stream.size(); pos += kChunk)
        splitter.feed(stream.sliced(pos, qMin(kChunk, stream.size() - pos)), 0, sink);
    splitter.finish(sink);
    return sink.counts;
}

// ---------------------------------------------------------------------------------------------
// Raw OpenSSL with contexts set up once.

const unsigned char* u(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;

class RawEcb {
public:
    explicit RawEcb(QByteArrayView key) : m_ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free)
    {
        EVP_DecryptInit_ex(m_ctx.get(), EVP_aes_128_ecb(), nullptr, u(key), nullptr);
        EVP_CIPHER_CTX_set_padding(m_ctx.get(), 0);
    }
    // Decrypt + PKCS#7 check into out (whole blocks, no padding left in EVP).
    bool decrypt(QByteArrayView ct, unsigned char* out)
    {
        int n = 0;
        if (EVP_DecryptUpdate(m_ctx.get(), out, &n, u(ct), int(ct.size())) != 1 || n != int(ct.size()) || n == 0)
            return false;
        const int pad = out[n - 1];
        if (pad < 1 || pad > 16)
            return false;
        for (int i = n - pad; i < n; ++i)
            if (out[i] != pad)
                return false;
        return true;
    }

private:
    CipherCtx m_ctx;
};

class RawGcm {
public:
    explicit RawGcm(QByteArrayView key) : m_ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free)
    {
        EVP_DecryptInit_ex(m_ctx.get(), EVP_aes_128_gcm(), nullptr, u(key), nullptr); // 12-byte IV is the default
    }
    bool decrypt(QByteArrayView iv, QByteArrayView aad, QByteArrayView ct, QByteArrayView tag, unsigned char* out)
    {
        int n = 0;
        unsigned char tagCopy[16];
        std::memcpy(tagCopy, tag.data(), 16);
        if (EVP_DecryptInit_ex(m_ctx.get(), nullptr, nullptr, nullptr, u(iv)) != 1
            || EVP_DecryptUpdate(m_ctx.get(), nullptr, &n, u(aad), int(aad.size())) != 1
            || EVP_DecryptUpdate(m_ctx.get(), out, &n, u(ct), int(ct.size())) != 1
            || EVP_CIPHER_CTX_ctrl(m_ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tagCopy) != 1)
            return false;
        int tail = 0;
        return EVP_DecryptFinal_ex(m_ctx.get(), out + n, &tail) == 1;
    }

private:
    CipherCtx m_ctx;
};

class RawHmac {
public:
    explicit RawHmac(QByteArrayView key)
        : m_mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr), &EVP_MAC_free), m_ctx(EVP_MAC_CTX_new(m_mac.get()), &EVP_MAC_CTX_free)
    {
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
        EVP_MAC_init(m_ctx.get(), u(key), size_t(key.size()), params);
        m_first = true;
    }
    // Re-init with the key already set (OpenSSL 3: a null key keeps the previous one).
    bool mac(QByteArrayView data, unsigned char* out)
    {
        size_t n = 0;
        if (!m_first && EVP_MAC_init(m_ctx.get(), nullptr, 0, nullptr) != 1)
            return false;
        m_first = false;
        return EVP_MAC_update(m_ctx.get(), u(data), size_t(data.size())) == 1 && EVP_MAC_final(m_ctx.get(), out, &n, 32) == 1
               && n == 32;
    }

private:
    std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> m_mac;
    MacCtx m_ctx;
    bool m_first = true;
};

// Pre-split views of one frame's crypto inputs.
struct Parts {
    QByteArrayView covered;   // CRC/HMAC input
    QByteArrayView trailer;
    QByteArrayView ct;
    QByteArrayView iv, aad, tag;
};

QVector<Parts> partsOf(const FrameSet& set)
{
    QVector<Parts> out;
    for (const QByteArray& frame : set.frames) {
        const QByteArrayView f(frame);
        Parts p;
        if (set.version == LanVersion::V35) {
            p.iv = f.sliced(kGcmHeaderSize, kGcmIvSize);
            p.aad = f.sliced(kGcmAadOffset, kGcmAadSize);
            const qsizetype ctOffset = kGcmHeaderSize + kGcmIvSize;
            const qsizetype tagOffset = f.size() - kSuffixSize - kGcmTagSize;
            p.ct = f.sliced(ctOffset, tagOffset - ctOffset);
            p.tag = f.sliced(tagOffset, kGcmTagSize);
        } else {
            const int trailerSize = set.version == LanVersion::V33 ? kCrcSize : kHmacSize;
            const qsizetype trailerOffset = f.size() - kSuffixSize - trailerSize;
            p.covered = f.first(trailerOffset);
            p.trailer = f.sliced(trailerOffset, trailerSize);
            const qsizetype ctOffset = kClassicHeaderSize + kRetcodeSize + (set.version == LanVersion::V33 ? kVersionHeaderSize : 0);
            p.ct = f.sliced(ctOffset, trailerOffset - ctOffset);
        }
        out.push_back(p);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// What a reworked codec fast path could reach: the same steps with EVP contexts prepared once per
// key, decryption into a reused buffer (no QByteArray per step) and the DP count from the codec's
// span locator instead of QJsonDocument. Not the codec: a yardstick for the fix.

int dpsBySpans(QByteArrayView body, bool wrapped)
{
    static QVector<JsonMember> members;
    members.clear();
    if (!locateJsonMembers(body, members))
        return -1;
    for (const JsonMember& m : members) {
        if (!wrapped && m.name == QLatin1String("dps"))
            return int(m.members.size());
        if (wrapped && m.name == QLatin1String("data"))
            for (const JsonMember& d : m.members)
                if (d.name == QLatin1String("dps"))
                    return int(d.members.size());
    }
    return 0;
}

// Allocation-free: members of the object after "dps": (strings and nesting respected, the rest of
// the JSON not validated). The floor a dedicated scanner would have.
int dpsByScan(QByteArrayView body, bool)
{
    const qsizetype at = body.indexOf(QByteArrayView("\"dps\":"));
    if (at < 0)
        return -1;
    qsizetype i = at + 6;
    while (i < body.size() && body[i] == ' ')
        ++i;
    if (i >= body.size() || body[i] != '{')
        return -1;
    int depth = 0, members = 0;
    bool inString = false, any = false;
    for (; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            any = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return any ? members + 1 : 0;
        } else if (c == ',' && depth == 1) {
            ++members;
        }
    }
    return -1;
}

class ProtoSink : public LanStreamSplitter::Sink {
public:
    using DpCounter = int (*)(QByteArrayView, bool);
    ProtoSink(LanVersion version, DpCounter dpCounter)
        : m_version(version), m_dpCounter(dpCounter), m_ecb(version == LanVersion::V33 ? kLocalKey : kSessionKey), m_hmac(kSessionKey), m_gcm(kSessionKey),
          m_buffer(4096)
    {
    }
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        if (e.kind != LanStreamSplitter::EventKind::Frame)
            return;
        ++counts.frames;
        const QByteArrayView f = e.bytes;
        const qsizetype total = f.size();
        unsigned char* out = m_buffer.data();
        const char* plain = reinterpret_cast<const char*>(out);
        if (m_version == LanVersion::V35) {
            const qsizetype ctOffset = kGcmHeaderSize + kGcmIvSize;
            const qsizetype tagOffset = total - kSuffixSize - kGcmTagSize;
            if (!m_gcm.decrypt(f.sliced(kGcmHeaderSize, kGcmIvSize), f.sliced(kGcmAadOffset, kGcmAadSize),
                               f.sliced(ctOffset, tagOffset - ctOffset), f.sliced(tagOffset, kGcmTagSize), out))
                return;
            ++counts.valid;
            const qsizetype skip = kRetcodeSize + kVersionHeaderSize;
            counts.dps += qMax(0, m_dpCounter(QByteArrayView(plain + skip, tagOffset - ctOffset - skip), true));
            return;
        }
        const bool v33 = m_version == LanVersion::V33;
        const qsizetype trailerOffset = total - kSuffixSize - (v33 ? kCrcSize : kHmacSize);
        if (v33) {
            if (crypto::crc32(f.first(trailerOffset)) != readU32(f, trailerOffset))
                return;
        } else {
            unsigned char mac[32];
            if (!m_hmac.mac(f.first(trailerOffset), mac) || !crypto::equalConstantTime(QByteArrayView(mac, 32), f.sliced(trailerOffset, 32)))
                return;
        }
        const qsizetype ctOffset = kClassicHeaderSize + kRetcodeSize + (v33 ? kVersionHeaderSize : 0);
        const qsizetype ctLength = trailerOffset - ctOffset;
        if (!m_ecb.decrypt(f.sliced(ctOffset, ctLength), out))
            return;
        ++counts.valid;
        const qsizetype skip = v33 ? 0 : kVersionHeaderSize;
        counts.dps += qMax(0, m_dpCounter(QByteArrayView(plain + skip, ctLength - out[ctLength - 1] - skip), !v33));
    }
    FastCounts counts;

private:
    LanVersion m_version;
    DpCounter m_dpCounter;
    RawEcb m_ecb;
    RawHmac m_hmac;
    RawGcm m_gcm;
    std::vector<unsigned char> m_buffer;
};

FastCounts runProto(const FrameSet& set, ProtoSink::DpCounter dpCounter)
{
    constexpr qsizetype kChunk = 64 * 1024;
    LanStreamSplitter splitter;
    ProtoSink sink(set.version, dpCounter);
    const QByteArrayView stream(set.stream);
    for (qsizetype pos = 0; pos < stream.size(); pos += kChunk)
        splitter.feed(stream.sliced(pos, qMin(kChunk, stream.size() - pos)), 0, sink);
    splitter.finish(sink);
    return sink.counts;
}

double bulkMbPerSecond(const std::function<void(QByteArrayView, unsigned char*)>& op)
{
    constexpr int kSize = 16 * 1024;
    QByteArray in(kSize, 'x');
    QByteArray out(kSize + 64, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    const Rate r = measure(1, kSize, [&] {
        for (int i = 0; i < 64; ++i)
            op(in, o);
    });
    return r.mbPerSecond * 64;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int perVersion = argc > 1 ? QByteArray(argv[1]).toInt() : 20000;
    if (argc > 2)
        g_minSeconds = QByteArray(argv[2]).toDouble();
    const bool fastOnly = argc > 3 && QByteArray(argv[3]) == "fast";

    const FrameSet sets[] = {buildFrames(LanVersion::V33, perVersion, 33), buildFrames(LanVersion::V34, perVersion, 34),
                             buildFrames(LanVersion::V35, perVersion, 35)};

    std::printf("LAN codec, one core, %d device STATUS frames per version (3-6 DPs)\n", perVersion);
    for (const FrameSet& s : sets)
        std::printf("  %s: frame %.0f B avg, JSON body %.0f B avg\n", s.label, double(s.stream.size()) / perVersion,
                    double(s.bodyBytes) / perVersion);

    std::printf("\n  %-34s %-14s %10s %9s %8s\n", "measure", "version", "frames/s", "MB/s", "ns/frame");
    std::printf("  %-34s %-14s %10s %9s %8s\n", "----------------------------------", "--------------", "----------",
                "---------", "--------");

    // (a) fast path, cumulative stages
    static const char* stageNames[] = {"split only", "+ integrity (CRC/HMAC/tag)", "+ decrypt + padding",
                                       "validate+decrypt+dps (fast path)"};
    for (const FrameSet& s : sets) {
        QVector<KeyCandidate> keys;
        if (s.version == LanVersion::V34)
            keys.push_back(KeyCandidate{kSessionKey, KeyRole::Session});
        for (int st = 0; st <= 3; ++st) {
            const Stage stage = Stage(st);
            if (s.version == LanVersion::V35 && stage == Stage::Integrity)
                continue; // GCM: one call checks the tag and decrypts
            if (fastOnly && stage != Stage::Json)
                continue;
            const FastCounts check = runFast(s, stage, keys);
            if (check.frames != perVersion || (stage != Stage::Split && check.valid != perVersion)
                || (stage == Stage::Json && check.dps < 3 * perVersion))
                std::printf("  !! %s %s: %lld frames, %lld valid, %lld dps\n", s.label, stageNames[st],
                            qint64(check.frames), qint64(check.valid), qint64(check.dps));
            const Rate r = measure(perVersion, s.stream.size(), [&] { g_sink = g_sink + runFast(s, stage, keys).dps; });
            printRow(stageNames[st], s.label, r);
        }
    }

    // yardsticks for the fix (see ProtoSink)
    for (int variant = 0; variant < 2; ++variant) {
        const ProtoSink::DpCounter counter = variant == 0 ? &dpsBySpans : &dpsByScan;
        for (const FrameSet& s : sets) {
            const FastCounts check = runProto(s, counter);
            if (check.valid != perVersion || check.dps < 3 * perVersion)
                std::printf("  !! prototype %s: %lld valid, %lld dps\n", s.label, qint64(check.valid), qint64(check.dps));
            printRow(variant == 0 ? "proto: EVP ctx reused + json spans" : "proto: EVP ctx reused + dps scan", s.label,
                     measure(perVersion, s.stream.size(), [&] { g_sink = g_sink + runProto(s, counter).dps; }));
        }
    }
    if (fastOnly)
        return 0;

    // full dissection with the field tree (pre-split frames)
    for (const FrameSet& s : sets) {
        qint64 good = 0, dps = 0, fields = 0;
        for (const QByteArray& f : s.frames) {
            const LanDissection d = dissectLanFrame(f, s.context);
            good += d.info.integrity == ChecksumStatus::Good && d.info.decrypted && d.info.paddingOk;
            dps += d.info.dps.size();
            fields += d.dissection.fields().size();
        }
        if (good != perVersion)
            std::printf("  !! full dissection %s: %lld of %d frames good\n", s.label, qint64(good), perVersion);
        const Rate r = measure(perVersion, s.stream.size(), [&] {
            qint64 n = 0;
            for (const QByteArray& f : s.frames)
                n += dissectLanFrame(f, s.context).info.dps.size();
            g_sink = g_sink + n;
        });
        printRow("full dissection (field tree)", s.label, r);
        if (&s == &sets[2])
            std::printf("  (full dissection: %.1f fields/frame, %.1f dps/frame)\n", double(fields) / perVersion,
                        double(dps) / perVersion);
    }

    // (b) raw OpenSSL on the same inputs, contexts set up once (the crypto floor per frame)
    std::printf("\n  raw OpenSSL (EVP, context reused) on the frames' own inputs, and the codec's crypto calls\n");
    std::vector<unsigned char> out(4096);
    const QVector<Parts> p33 = partsOf(sets[0]), p34 = partsOf(sets[1]), p35 = partsOf(sets[2]);
    {
        RawEcb ecb(kLocalKey);
        bool ok = true;
        for (const Parts& p : p33)
            ok = ecb.decrypt(p.ct, out.data()) && ok;
        if (!ok)
            std::printf("  !! raw ECB 3.3 failed\n");
        qint64 ctBytes = 0;
        for (const Parts& p : p33)
            ctBytes += p.ct.size();
        printRow("raw AES-128-ECB decrypt+pad", "3.3 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p33)
                         g_sink = g_sink + ecb.decrypt(p.ct, out.data());
                 }));
        printRow("codec crypto::aesEcbDecrypt", "3.3 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p33)
                         g_sink = g_sink + crypto::aesEcbDecrypt(kLocalKey, p.ct).ok();
                 }));
        qint64 covBytes = 0;
        for (const Parts& p : p33)
            covBytes += p.covered.size();
        printRow("zlib crc32 (codec crypto::crc32)", "3.3 frame", measure(perVersion, covBytes, [&] {
                     for (const Parts& p : p33)
                         g_sink = g_sink + (crypto::crc32(p.covered) == readU32(p.trailer, 0));
                 }));
    }
    {
        RawEcb ecb(kSessionKey);
        RawHmac hmac(kSessionKey);
        bool ok = true;
        for (const Parts& p : p34) {
            ok = ecb.decrypt(p.ct, out.data()) && ok;
            ok = hmac.mac(p.covered, out.data()) && std::memcmp(out.data(), p.trailer.data(), 32) == 0 && ok;
        }
        if (!ok)
            std::printf("  !! raw ECB/HMAC 3.4 failed\n");
        qint64 ctBytes = 0, covBytes = 0;
        for (const Parts& p : p34) {
            ctBytes += p.ct.size();
            covBytes += p.covered.size();
        }
        printRow("raw HMAC-SHA256 (key kept)", "3.4 frame", measure(perVersion, covBytes, [&] {
                     for (const Parts& p : p34)
                         g_sink = g_sink + hmac.mac(p.covered, out.data());
                 }));
        printRow("codec crypto::hmacSha256", "3.4 frame", measure(perVersion, covBytes, [&] {
                     for (const Parts& p : p34)
                         g_sink = g_sink + crypto::hmacSha256(kSessionKey, p.covered).size();
                 }));
        printRow("raw AES-128-ECB decrypt+pad", "3.4 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p34)
                         g_sink = g_sink + ecb.decrypt(p.ct, out.data());
                 }));
        printRow("raw HMAC + ECB (3.4 crypto floor)", "3.4 frame", measure(perVersion, sets[1].stream.size(), [&] {
                     for (const Parts& p : p34)
                         g_sink = g_sink + hmac.mac(p.covered, out.data()) + ecb.decrypt(p.ct, out.data() + 64);
                 }));
    }
    {
        RawGcm gcm(kSessionKey);
        bool ok = true;
        for (const Parts& p : p35)
            ok = gcm.decrypt(p.iv, p.aad, p.ct, p.tag, out.data()) && ok;
        if (!ok)
            std::printf("  !! raw GCM 3.5 failed\n");
        qint64 ctBytes = 0;
        for (const Parts& p : p35)
            ctBytes += p.ct.size();
        printRow("raw AES-128-GCM decrypt+tag", "3.5 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p35)
                         g_sink = g_sink + gcm.decrypt(p.iv, p.aad, p.ct, p.tag, out.data());
                 }));
        printRow("codec crypto::aesGcmDecrypt", "3.5 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p35)
                         g_sink = g_sink + crypto::aesGcmDecrypt(kSessionKey, p.iv, p.aad, p.ct, p.tag).ok();
                 }));
    }
    {
        // QJsonDocument alone on the 3.4 bodies (decrypted once up front)
        QVector<QByteArray> bodies;
        for (const Parts& p : p34)
            bodies.push_back(crypto::aesEcbDecrypt(kSessionKey, p.ct).plaintext.mid(kVersionHeaderSize));
        qint64 bytes = 0;
        for (const QByteArray& b : bodies)
            bytes += b.size();
        printRow("QJsonDocument parse + dps lookup", "3.4 body", measure(perVersion, bytes, [&] {
                     for (const QByteArray& b : bodies)
                         g_sink = g_sink + dpsInJson(b);
                 }));
        // The codec's own span locator (LanJsonSpans), as a stand-in for a QJsonDocument-free dps scan.
        printRow("locateJsonMembers + dps lookup", "3.4 body", measure(perVersion, bytes, [&] {
                     QVector<JsonMember> members;
                     for (const QByteArray& b : bodies) {
                         members.clear();
                         if (!locateJsonMembers(b, members))
                             continue;
                         for (const JsonMember& m : members)
                             if (m.name == QLatin1String("data"))
                                 for (const JsonMember& d : m.members)
                                     if (d.name == QLatin1String("dps"))
                                         g_sink = g_sink + d.members.size();
                     }
                 }));
    }

    // bulk
    std::printf("\n  raw OpenSSL bulk (16 KiB buffers, context reused): ");
    {
        RawEcb ecb(kSessionKey);
        RawHmac hmac(kSessionKey);
        RawGcm gcm(kSessionKey);
        const QByteArray iv(12, '\1'), aad(14, '\2'), tag(16, '\3');
        const double ecbMb = bulkMbPerSecond([&](QByteArrayView in, unsigned char* o) { g_sink = g_sink + ecb.decrypt(in, o); });
        const double gcmMb
            = bulkMbPerSecond([&](QByteArrayView in, unsigned char* o) { g_sink = g_sink + gcm.decrypt(iv, aad, in, tag, o); });
        const double hmacMb = bulkMbPerSecond([&](QByteArrayView in, unsigned char* o) { g_sink = g_sink + hmac.mac(in, o); });
        std::printf("AES-128-ECB dec %.0f MB/s, AES-128-GCM dec %.0f MB/s, HMAC-SHA256 %.0f MB/s\n", ecbMb, gcmMb, hmacMb);
        const double f33 = double(sets[0].stream.size()) / perVersion, f34 = double(sets[1].stream.size()) / perVersion,
                     f35 = double(sets[2].stream.size()) / perVersion;
        std::printf("  as frames/s at these frame sizes (bulk rate / frame bytes): ECB %.1f M (3.3), HMAC %.1f M (3.4), "
                    "GCM %.1f M (3.5)\n",
                    ecbMb / f33, hmacMb / f34, gcmMb / f35);
    }
    return 0;
}
