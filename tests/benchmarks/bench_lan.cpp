// LAN codec throughput on one core: N generated device STATUS frames per version (3.3 ECB+CRC32,
// 3.4 ECB+HMAC-SHA256 with a session key, 3.5 GCM with a session key; 3-6 DPs, ~100-200 byte
// JSON bodies), decoded two ways, next to raw OpenSSL on the same machine:
//   codec fast path LanStreamSplitter -> LanFastDecoder (integrity CRC/HMAC/tag -> decrypt ->
//                   PKCS#7 -> dp spans), the codec's own "validate + decrypt + dps" path: the
//                   headline figure (goal >= 1 M frames/s per version)
//   full dissection dissectLanFrame with its field tree (what the tree view gets), per frame and
//                   through LanStreamDecoder (which keeps its key-bound contexts)
//   raw OpenSSL     EVP on the same inputs with contexts set up once (the crypto floor), plus
//                   bulk MB/s on 16 KiB buffers; the codec's crypto calls beside it
// Prints figures; it never fails on speed. Build Release for meaningful numbers:
//   cmake --preset release && cmake --build --preset release --target bench_lan
//   ./build-release/tests/benchmarks/bench_lan [framesPerVersion] [secondsPerMeasure] [fast]
// "fast" runs only the split and fast-path rows (for a profiler: perf record / valgrind --tool=callgrind).

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanContext.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanCryptoKeyed.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFastPath.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanJsonSpans.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanStreamDecoder.h"
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
#include <ctime>
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
    double framesPerSecond = 0;     // wall clock
    double mbPerSecond = 0;         // MB = 1e6 bytes of frames (wire bytes), wall clock
    double nsPerFrame = 0;          // wall clock
    double cpuFramesPerSecond = 0;  // per second of this thread's CPU time: one core's worth even
                                    // when other work shares the machine
};

double threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e9 + double(t.tv_nsec);
}

Rate measure(qint64 framesPerPass, qint64 bytesPerPass, const std::function<void()>& pass)
{
    pass(); // warm caches, OpenSSL's lazy fetches and the catalogue
    double best = 0, bestCpu = 0;
    for (int slice = 0; slice < 3; ++slice) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuNs();
        qint64 passes = 0;
        do {
            pass();
            ++passes;
        } while (double(timer.nsecsElapsed()) < g_minSeconds * 1e9);
        best = qMax(best, double(passes) / (double(timer.nsecsElapsed()) / 1e9));
        bestCpu = qMax(bestCpu, double(passes) / (qMax(1.0, threadCpuNs() - cpuStart) / 1e9));
    }
    Rate r;
    r.framesPerSecond = best * double(framesPerPass);
    r.mbPerSecond = best * double(bytesPerPass) / 1e6;
    r.nsPerFrame = 1e9 / r.framesPerSecond;
    r.cpuFramesPerSecond = bestCpu * double(framesPerPass);
    return r;
}

void printRow(const char* what, const char* version, const Rate& r)
{
    std::printf("  %-40s %-14s %10.0f %9.1f %8.0f %10.0f\n", what, version, r.framesPerSecond, r.mbPerSecond, r.nsPerFrame,
                r.cpuFramesPerSecond);
}

volatile qint64 g_sink = 0; // keeps results observable

// ---------------------------------------------------------------------------------------------
// The codec's fast path over one TCP direction, fed in 64 KiB chunks.

struct FastCounts {
    qint64 frames = 0;
    qint64 valid = 0;     // integrity good and decrypted with a verified padding
    qint64 dps = 0;
};

class FastSink : public LanStreamSplitter::Sink {
public:
    FastSink(const LanContext& context, bool decode) : m_decoder(context), m_decode(decode) {}
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        if (e.kind != LanStreamSplitter::EventKind::Frame)
            return;
        ++counts.frames;
        if (!m_decode)
            return;
        const LanFastResult& r = m_decoder.decode(e.bytes);
        if (r.valid()) {
            ++counts.valid;
            counts.dps += qint64(r.dps.size());
        }
    }
    FastCounts counts;

private:
    LanFastDecoder m_decoder;
    bool m_decode;
};

// decode false: the splitter alone.
FastCounts runFast(const FrameSet& set, bool decode)
{
    constexpr qsizetype kChunk = 64 * 1024;
    LanStreamSplitter splitter;
    FastSink sink(set.context, decode);
    const QByteArrayView stream(set.stream);
    for (qsizetype pos = 0; pos < stream.size(); pos += kChunk)
        splitter.feed(stream.sliced(pos, qMin(kChunk, stream.size() - pos)), 0, sink);
    splitter.finish(sink);
    return sink.counts;
}

// "dps" (3.3) or "data.dps" (3.4/3.5) through QJsonDocument, for the JSON rows below.
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

    std::printf("\n  frames/s, MB/s, ns/frame: wall clock; cpu f/s: per second of the thread's CPU time (one core)\n");
    std::printf("  %-40s %-14s %10s %9s %8s %10s\n", "measure", "version", "frames/s", "MB/s", "ns/frame", "cpu f/s");
    std::printf("  %-40s %-14s %10s %9s %8s %10s\n", "----------------------------------------", "--------------", "----------",
                "---------", "--------", "----------");

    // (a) the codec's fast path (the headline row) beside the splitter alone
    for (const FrameSet& s : sets) {
        for (const bool decode : {false, true}) {
            const FastCounts check = runFast(s, decode);
            if (check.frames != perVersion || (decode && (check.valid != perVersion || check.dps < 3 * perVersion)))
                std::printf("  !! %s %s: %lld frames, %lld valid, %lld dps\n", s.label, decode ? "fast path" : "split",
                            qint64(check.frames), qint64(check.valid), qint64(check.dps));
            const Rate r = measure(perVersion, s.stream.size(), [&] { g_sink = g_sink + runFast(s, decode).dps; });
            printRow(decode ? "validate+decrypt+dps (codec fast path)" : "split only", s.label, r);
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
        // The same through LanStreamDecoder: splitting plus contexts kept per key.
        const Rate rs = measure(perVersion, s.stream.size(), [&] {
            constexpr qsizetype kChunk = 64 * 1024;
            LanStreamDecoder decoder(s.context);
            const QByteArrayView stream(s.stream);
            qint64 n = 0;
            for (qsizetype pos = 0; pos < stream.size(); pos += kChunk)
                for (const LanStreamDecoder::Item& item : decoder.feed(stream.sliced(pos, qMin(kChunk, stream.size() - pos))))
                    n += item.dissection.info.dps.size();
            g_sink = g_sink + n;
        });
        printRow("full dissection (LanStreamDecoder)", s.label, rs);
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
        crypto::AesEcbCipher codecEcb(kLocalKey);
        printRow("codec crypto::AesEcbCipher", "3.3 ct", measure(perVersion, ctBytes, [&] {
                     int padding = 0;
                     for (const Parts& p : p33)
                         g_sink = g_sink + int(codecEcb.decrypt(p.ct, reinterpret_cast<char*>(out.data()), padding));
                 }));
        printRow("codec crypto::aesEcbDecrypt (1 call)", "3.3 ct", measure(perVersion, ctBytes, [&] {
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
        crypto::HmacSha256 codecHmac(kSessionKey);
        printRow("codec crypto::HmacSha256", "3.4 frame", measure(perVersion, covBytes, [&] {
                     for (const Parts& p : p34)
                         g_sink = g_sink + codecHmac.verify(p.covered, p.trailer);
                 }));
        printRow("codec crypto::hmacSha256 (1 call)", "3.4 frame", measure(perVersion, covBytes, [&] {
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
        crypto::AesGcmCipher codecGcm(kSessionKey);
        printRow("codec crypto::AesGcmCipher", "3.5 ct", measure(perVersion, ctBytes, [&] {
                     for (const Parts& p : p35)
                         g_sink = g_sink
                                  + int(codecGcm.decrypt(p.iv, p.aad, p.ct, p.tag, reinterpret_cast<char*>(out.data())));
                 }));
        printRow("codec crypto::aesGcmDecrypt (1 call)", "3.5 ct", measure(perVersion, ctBytes, [&] {
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
        // The fast path's scanner (LanJsonSpans), and the dissector's span locator.
        printRow("scanJsonDps (fast path)", "3.4 body", measure(perVersion, bytes, [&] {
                     static std::vector<JsonDpSpan> dps;
                     for (const QByteArray& b : bodies)
                         g_sink = g_sink + (scanJsonDps(b, dps) ? qint64(dps.size()) : -1);
                 }));
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
