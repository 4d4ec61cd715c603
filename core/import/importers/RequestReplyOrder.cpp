#include "import/importers/RequestReplyOrder.h"

#include "tuyamcu/CommandCatalogue.h"

#include "import/importers/DirectionGuess.h"
#include "tuyamcu/StreamSplitter.h"

#include <algorithm>
#include <vector>

namespace tuyascope::importers {

namespace {

constexpr qint64 kSyntheticStepUs = 1000;
constexpr qsizetype kMaxLcsCells = 16 * 1024 * 1024;
constexpr qsizetype kGreedyWindow = 64;

struct RecordRef {
    int file = 0;
    int record = 0;
    qint64 start = 0; // offset in the side's concatenated stream
    qint64 end = 0;
};

struct Piece {
    int file = 0;
    int record = 0;
    qint64 from = 0; // offset inside the record
    qint64 to = 0;
    bool firstOfRecord = false;
};

struct Unit {
    qint64 start = 0;
    qint64 end = 0;
    bool hasFrame = false;
    quint8 command = 0;
    quint8 version = 0;
    QVector<Piece> pieces;
};

struct Side {
    Direction direction = Direction::Unknown;
    QVector<int> files;
    QVector<RecordRef> records;
    QByteArray bytes;
    QVector<Unit> units;
};

struct FrameCollector : mcu::StreamSplitter::Sink {
    struct Frame {
        qint64 offset;
        qint64 size;
        quint8 command;
        quint8 version;
    };
    QVector<Frame> frames;
    void onEvent(const mcu::StreamSplitter::Event& e) override
    {
        if (e.kind == mcu::StreamSplitter::EventKind::Frame && e.checksumOk)
            frames.push_back({e.offset, e.bytes.size(), quint8(e.bytes[mcu::kCommandOffset]),
                              quint8(e.bytes[mcu::kVersionOffset])});
    }
};

void buildUnits(Side& side, const QVector<UntimedFile>& files)
{
    for (int f : side.files) {
        const Capture& c = *files.at(f).capture;
        for (int r = 0; r < c.recordCount(); ++r) {
            const QByteArrayView b = c.recordBytes(r);
            RecordRef ref;
            ref.file = f;
            ref.record = r;
            ref.start = side.bytes.size();
            side.bytes.append(b.data(), b.size());
            ref.end = side.bytes.size();
            side.records.push_back(ref);
        }
    }
    FrameCollector collector;
    mcu::StreamSplitter splitter;
    splitter.feed(side.bytes, 0, collector);
    splitter.finish(collector);

    qint64 start = 0;
    for (const auto& fr : collector.frames) {
        Unit u;
        u.start = start;
        u.end = fr.offset + fr.size;
        u.hasFrame = true;
        u.command = fr.command;
        u.version = fr.version;
        side.units.push_back(u);
        start = u.end;
    }
    const qint64 total = side.bytes.size();
    if (start < total || side.units.isEmpty())
        side.units.push_back(Unit{start, total, false, 0, 0, {}});

    // Cut every record at unit boundaries; zero-length records join the unit at their offset.
    // Units cover [0, total) without gaps, so the unit holding `pos` is the first ending after it.
    auto unitAt = [&](qint64 pos) {
        const auto it = std::upper_bound(side.units.cbegin(), side.units.cend(), pos,
                                         [](qint64 p, const Unit& unit) { return p < unit.end; });
        return it == side.units.cend() ? int(side.units.size() - 1) : int(it - side.units.cbegin());
    };
    for (const RecordRef& ref : side.records) {
        int k = unitAt(ref.start);
        if (ref.start == ref.end) {
            side.units[k].pieces.push_back({ref.file, ref.record, 0, 0, true});
            continue;
        }
        qint64 pos = ref.start;
        bool first = true;
        while (pos < ref.end && k < side.units.size()) {
            const qint64 to = qMin(ref.end, side.units.at(k).end);
            if (to > pos) {
                side.units[k].pieces.push_back({ref.file, ref.record, pos - ref.start, to - ref.start, first});
                first = false;
                pos = to;
            }
            ++k;
        }
    }
}

bool matches(const Unit& a, const Unit& b)
{
    return a.hasFrame && b.hasFrame && a.command == b.command;
}

struct Step {
    bool pair = false;
    int moduleUnit = -1; // -1 = none
    int mcuUnit = -1;
};

// Longest common subsequence of frame commands; the steps list every unit of both sides once.
QVector<Step> alignLcs(const QVector<Unit>& m, const QVector<Unit>& u)
{
    const qsizetype n = m.size();
    const qsizetype k = u.size();
    const qsizetype w = k + 1;
    std::vector<quint16> len(size_t((n + 1) * w), 0);
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = k - 1; j >= 0; --j) {
            quint16 v;
            if (matches(m.at(i), u.at(j)))
                v = quint16(len[size_t((i + 1) * w + j + 1)] + 1);
            else
                v = std::max(len[size_t((i + 1) * w + j)], len[size_t(i * w + j + 1)]);
            len[size_t(i * w + j)] = v;
        }
    }
    QVector<Step> steps;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < k) {
        if (i < n && j < k && matches(m.at(i), u.at(j))
            && len[size_t(i * w + j)] == len[size_t((i + 1) * w + j + 1)] + 1) {
            steps.push_back({true, int(i), int(j)});
            ++i;
            ++j;
        } else if (j >= k || (i < n && len[size_t((i + 1) * w + j)] >= len[size_t(i * w + j + 1)])) {
            steps.push_back({false, int(i), -1});
            ++i;
        } else {
            steps.push_back({false, -1, int(j)});
            ++j;
        }
    }
    return steps;
}

// For inputs too large for the table: match the nearest frame with the same command within a
// window ahead on either side.
QVector<Step> alignGreedy(const QVector<Unit>& m, const QVector<Unit>& u)
{
    QVector<Step> steps;
    qsizetype i = 0;
    qsizetype j = 0;
    const qsizetype n = m.size();
    const qsizetype k = u.size();
    while (i < n || j < k) {
        if (i >= n) {
            steps.push_back({false, -1, int(j++)});
            continue;
        }
        if (j >= k) {
            steps.push_back({false, int(i++), -1});
            continue;
        }
        if (matches(m.at(i), u.at(j))) {
            steps.push_back({true, int(i++), int(j++)});
            continue;
        }
        qsizetype skipU = -1;
        for (qsizetype d = 1; d <= kGreedyWindow && j + d < k; ++d) {
            if (matches(m.at(i), u.at(j + d))) {
                skipU = d;
                break;
            }
        }
        qsizetype skipM = -1;
        for (qsizetype d = 1; d <= kGreedyWindow && i + d < n; ++d) {
            if (matches(m.at(i + d), u.at(j))) {
                skipM = d;
                break;
            }
        }
        if (skipU > 0 && (skipM < 0 || skipU <= skipM)) {
            for (qsizetype d = 0; d < skipU; ++d)
                steps.push_back({false, -1, int(j++)});
        } else if (skipM > 0) {
            for (qsizetype d = 0; d < skipM; ++d)
                steps.push_back({false, int(i++), -1});
        } else {
            steps.push_back({false, int(i++), -1});
        }
    }
    return steps;
}

Direction fileDirection(const Capture& c, bool* mixed)
{
    Direction d = Direction::Unknown;
    bool unknownSeen = false;
    *mixed = false;
    for (int r = 0; r < c.recordCount(); ++r) {
        if (c.recordBytes(r).isEmpty())
            continue;
        const Direction rd = c.recordDirection(r);
        if (rd == Direction::Unknown) {
            unknownSeen = true;
        } else if (d == Direction::Unknown) {
            d = rd;
        } else if (d != rd) {
            *mixed = true;
        }
    }
    if (unknownSeen && d != Direction::Unknown)
        *mixed = true;
    return d;
}

} // namespace

bool moduleSendsFirst(quint8 command, bool standard)
{
    // Who opens an exchange is the catalogue's knowledge; unknown words are taken as MCU-first.
    const mcu::CommandSpec* spec =
        mcu::CommandCatalogue::instance().find(standard ? mcu::Family::Standard : mcu::Family::LowPower, command);
    return spec && spec->initiator == mcu::Sender::Module;
}

OrderResult reconstructOrder(const QVector<UntimedFile>& files, Capture& out, bool assignSyntheticTimes)
{
    OrderResult result;
    Side module;
    module.direction = Direction::ModuleToMcu;
    Side mcuSide;
    mcuSide.direction = Direction::McuToModule;
    QVector<Direction> directionOf(files.size(), Direction::Unknown);
    QVector<bool> guessed(files.size(), false);

    for (int f = 0; f < files.size(); ++f) {
        const Capture& c = *files.at(f).capture;
        bool mixed = false;
        Direction d = fileDirection(c, &mixed);
        if (mixed) {
            result.reason = QStringLiteral("%1 holds records of both or of unknown directions").arg(files.at(f).fileName);
            return result;
        }
        if (d == Direction::Unknown) {
            QByteArray all;
            for (int r = 0; r < c.recordCount(); ++r)
                all.append(c.recordBytes(r).data(), c.recordBytes(r).size());
            const DirectionGuess g = guessDirectionFromContent(all);
            if (g.direction == Direction::Unknown) {
                result.reason = QStringLiteral("the direction of %1 is unknown (%2)").arg(files.at(f).fileName, g.explanation);
                return result;
            }
            d = g.direction;
            guessed[f] = true;
            result.guessedDirections.push_back(QStringLiteral("%1: %2").arg(files.at(f).fileName, g.explanation));
        }
        directionOf[f] = d;
        (d == Direction::ModuleToMcu ? module : mcuSide).files.push_back(f);
    }
    if (module.files.isEmpty() || mcuSide.files.isEmpty()) {
        result.reason = QStringLiteral("all files carry the same direction; there are no request/reply pairs to align");
        return result;
    }

    buildUnits(module, files);
    buildUnits(mcuSide, files);
    bool standard = false;
    for (const Unit& u : mcuSide.units) {
        if (u.hasFrame) {
            ++result.mcuFrames;
            standard = standard || u.version == 0x01 || u.version == 0x03;
        }
    }
    for (const Unit& u : module.units)
        result.moduleFrames += u.hasFrame ? 1 : 0;

    const qsizetype cells = (module.units.size() + 1) * (mcuSide.units.size() + 1);
    const QVector<Step> steps = cells <= kMaxLcsCells && qMin(module.units.size(), mcuSide.units.size()) < 65535
                                    ? alignLcs(module.units, mcuSide.units)
                                    : alignGreedy(module.units, mcuSide.units);

    // Channels of every file, in file order.
    QVector<int> channelBase(files.size(), 0);
    for (int f = 0; f < files.size(); ++f) {
        channelBase[f] = int(out.channels().size());
        for (const ChannelInfo& info : files.at(f).capture->channels()) {
            ChannelInfo c = info;
            if (guessed[f]) {
                c.direction = directionOf[f];
                c.description += QStringLiteral("%1direction %2 decided from the content when merging")
                                     .arg(c.description.isEmpty() ? QString() : QStringLiteral("; "),
                                          directionLabel(directionOf[f]));
            }
            out.addChannel(c);
        }
        for (const CaptureNote& n : files.at(f).capture->notes())
            out.addNote(n);
    }

    qint64 key = 0;
    auto emitUnit = [&](const Side& side, int unitIndex) {
        for (const Piece& p : side.units.at(unitIndex).pieces) {
            const Record r = files.at(p.file).capture->record(p.record);
            const qint64 time = assignSyntheticTimes ? key * kSyntheticStepUs : kUnknownTime;
            const quint8 flags = quint8(r.flags | (assignSyntheticTimes ? RecordTimeSynthetic : RecordNoFlags));
            out.append(time, directionOf[p.file], channelBase[p.file] + r.channel,
                       r.bytes.sliced(p.from, p.to - p.from), p.firstOfRecord ? r.annotation : QString(), flags);
            ++key;
        }
    };

    QVector<int> pendingModule;
    QVector<int> pendingMcu;
    auto flushPending = [&] {
        for (int i : pendingModule)
            emitUnit(module, i);
        for (int j : pendingMcu)
            emitUnit(mcuSide, j);
        pendingModule.clear();
        pendingMcu.clear();
    };
    for (const Step& s : steps) {
        if (!s.pair) {
            if (s.moduleUnit >= 0)
                pendingModule.push_back(s.moduleUnit);
            else
                pendingMcu.push_back(s.mcuUnit);
            continue;
        }
        flushPending();
        ++result.pairs;
        if (moduleSendsFirst(module.units.at(s.moduleUnit).command, standard)) {
            emitUnit(module, s.moduleUnit);
            emitUnit(mcuSide, s.mcuUnit);
        } else {
            emitUnit(mcuSide, s.mcuUnit);
            emitUnit(module, s.moduleUnit);
        }
    }
    flushPending();
    result.ok = true;
    return result;
}

} // namespace tuyascope::importers
