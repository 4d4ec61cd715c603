#include "tuyamcu/McuSession.h"

#include "common/Hex.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/FamilyEvidence.h"
#include "tuyamcu/McuDissector.h"
#include "tuyamcu/StreamSplitter.h"

#include <algorithm>

namespace tuyascope::mcu {

namespace {

// A module product query after this much silence starts a new power-cycle segment.
constexpr qint64 kSilenceBeforeRestartUs = 5'000'000;

struct PendingItem {
    McuItem item;
    qint64 offsetInRecord = 0;
};

class ItemCollector : public StreamSplitter::Sink {
public:
    ItemCollector(const McuStream& stream, int streamIndex, const Capture& capture, QVector<PendingItem>& out,
                  QVector<std::tuple<int, qint64, int>>& implausible)
        : m_stream(stream), m_index(streamIndex), m_capture(capture), m_out(out), m_implausible(implausible)
    {
    }

    void onEvent(const StreamSplitter::Event& e) override
    {
        if (e.kind == StreamSplitter::EventKind::ImplausibleLength) {
            m_implausible.push_back({m_index, e.offset, e.declaredLength});
            return;
        }
        PendingItem p;
        McuItem& it = p.item;
        it.kind = e.kind == StreamSplitter::EventKind::Frame     ? ItemKind::Frame
                  : e.kind == StreamSplitter::EventKind::Garbage ? ItemKind::Garbage
                                                                 : ItemKind::Truncated;
        it.checksumOk = e.kind == StreamSplitter::EventKind::Frame && e.checksumOk;
        it.stream = m_index;
        it.direction = m_stream.direction;
        it.streamOffset = e.offset;
        it.length = int(e.bytes.size());
        if (it.kind != ItemKind::Garbage && e.bytes.size() > kCommandOffset) {
            it.version = quint8(e.bytes[kVersionOffset]);
            it.command = quint8(e.bytes[kCommandOffset]);
        }
        // Record holding the first byte: the last record starting at or before the offset.
        const auto pos = std::upper_bound(m_stream.starts.begin(), m_stream.starts.end(), e.offset) - m_stream.starts.begin() - 1;
        const int slot = int(qMax<qsizetype>(0, pos));
        it.firstRecord = m_stream.records.at(slot);
        it.timeUs = m_capture.recordTime(it.firstRecord);
        p.offsetInRecord = e.offset - m_stream.starts.at(slot);
        m_out.push_back(p);
    }

private:
    const McuStream& m_stream;
    int m_index;
    const Capture& m_capture;
    QVector<PendingItem>& m_out;
    QVector<std::tuple<int, qint64, int>>& m_implausible;
};

// The direction a frame's family evidence is read in: as recorded, else from the version byte.
Direction evidenceDirectionOf(const McuItem& it)
{
    if (it.direction == Direction::Unknown && it.version != 0x00)
        return Direction::McuToModule;
    return it.direction;
}

bool expectsAnswer(const CommandSpec& spec, Direction from, int& answerCommand)
{
    const Role role = from == Direction::ModuleToMcu ? spec.moduleRole : spec.mcuRole;
    if (role != Role::Request && role != Role::Report && role != Role::Notification)
        return false;
    answerCommand = spec.answerCommand >= 0 ? spec.answerCommand : spec.command;
    return true;
}

} // namespace

McuSession::McuSession() : m_cache(std::make_shared<QCache<int, Dissection>>(2048)) {}

McuSession McuSession::analyze(const Capture& capture, const Options& options)
{
    McuSession s;
    s.m_capture = capture;
    s.m_cache->setMaxCost(qMax(1, options.cacheSize));
    s.buildItems(options.maxDataLength);
    s.decideFamilies(options.familyOverride);
    s.inferDirections();
    s.linkExchanges();
    return s;
}

void McuSession::buildItems(int maxDataLength)
{
    QHash<quint32, int> streamOf;
    for (int r = 0; r < m_capture.recordCount(); ++r) {
        const quint32 key = (quint32(m_capture.recordChannel(r)) << 8) | quint32(m_capture.recordDirection(r));
        auto it = streamOf.find(key);
        if (it == streamOf.end()) {
            McuStream s;
            s.channel = m_capture.recordChannel(r);
            s.direction = m_capture.recordDirection(r);
            m_streams.push_back(s);
            it = streamOf.insert(key, int(m_streams.size() - 1));
        }
        McuStream& s = m_streams[*it];
        s.records.push_back(r);
        s.starts.push_back(s.size);
        s.size += m_capture.recordBytes(r).size();
    }

    QVector<PendingItem> pending;
    pending.reserve(m_capture.recordCount()); // usually one frame per record; grows if not
    QVector<std::tuple<int, qint64, int>> implausible;
    QVector<qsizetype> runs{0}; // each stream's items are in order: runs to merge
    StreamSplitter::Options splitterOptions;
    splitterOptions.maxDataLength = maxDataLength;
    for (int si = 0; si < m_streams.size(); ++si) {
        McuStream& s = m_streams[si];
        s.records.squeeze();
        s.starts.squeeze();
        StreamSplitter splitter(splitterOptions);
        ItemCollector collector(s, si, m_capture, pending, implausible);
        for (int r : s.records)
            splitter.feed(m_capture.recordBytes(r), m_capture.recordTime(r), collector);
        splitter.finish(collector);
        runs.push_back(pending.size());
    }
    for (const auto& [stream, offset, declared] : implausible)
        m_implausible.push_back({stream, offset, declared});

    // One timeline: the capture's record order, then the position inside the record. Each
    // stream's items are already in that order, so merging the runs is enough (stable: a
    // record belongs to one stream, so keys never tie across runs; a run out of order is sorted).
    const auto before = [](const PendingItem& a, const PendingItem& b) {
        if (a.item.firstRecord != b.item.firstRecord)
            return a.item.firstRecord < b.item.firstRecord;
        return a.offsetInRecord < b.offsetInRecord;
    };
    for (int k = 0; k + 1 < runs.size(); ++k) {
        const auto first = pending.begin() + runs.at(k);
        const auto last = pending.begin() + runs.at(k + 1);
        if (!std::is_sorted(first, last, before))
            std::stable_sort(first, last, before);
    }
    while (runs.size() > 2) {
        QVector<qsizetype> merged{0};
        for (int k = 0; k + 2 < runs.size(); k += 2) {
            std::inplace_merge(pending.begin() + runs.at(k), pending.begin() + runs.at(k + 1),
                               pending.begin() + runs.at(k + 2), before);
            merged.push_back(runs.at(k + 2));
        }
        if (runs.size() % 2 == 0) // an odd number of runs: the last one waits for the next round
            merged.push_back(runs.last());
        runs = merged;
    }
    m_items.reserve(pending.size());
    for (const PendingItem& p : pending)
        m_items.push_back(p.item);
}

void McuSession::decideFamilies(Family familyOverride)
{
    constexpr int kLayoutFramesLooked = 256;
    // Segments start where the MCU restarted (heartbeat reply 0x00) or where the module asks for
    // the product again after a long silence.
    // Only family and strength are kept per item; the few reasons shown are asked for again.
    struct Vote {
        Family family = Family::Unknown;
        bool strong = false;
    };
    QVector<Vote> votes(m_items.size());
    m_segments.clear();
    m_segments.push_back(FamilySegment{0, Family::Unknown, -1, QString()});
    qint64 lastTime = kUnknownTime;
    QByteArray scratch;
    for (int i = 0; i < m_items.size(); ++i) {
        McuItem& it = m_items[i];
        if (it.kind == ItemKind::Frame && it.checksumOk) {
            const QByteArrayView bytes = itemView(i, scratch);
            const Direction evidenceDirection = evidenceDirectionOf(it);
            const FamilyVote vote = mcu::familyEvidence(bytes, evidenceDirection);
            votes[i] = Vote{vote.family, vote.strong};
            const bool restart = isMcuRestartMarker(bytes, evidenceDirection);
            const bool queryAfterSilence = it.command == 0x01 && it.direction == Direction::ModuleToMcu
                                           && lastTime != kUnknownTime && it.timeUs != kUnknownTime
                                           && it.timeUs - lastTime > kSilenceBeforeRestartUs;
            if ((restart || queryAfterSilence) && i > m_segments.last().firstItem)
                m_segments.push_back(FamilySegment{i, Family::Unknown, -1, QString()});
        }
        if (it.timeUs != kUnknownTime)
            lastTime = it.timeUs;
        it.segment = int(m_segments.size() - 1);
    }
    const auto reasonOf = [&](int i) {
        return mcu::familyEvidence(itemView(i, scratch), evidenceDirectionOf(m_items.at(i))).reason;
    };

    for (int si = 0; si < m_segments.size(); ++si) {
        FamilySegment& seg = m_segments[si];
        const int end = si + 1 < m_segments.size() ? m_segments.at(si + 1).firstItem : int(m_items.size());
        if (familyOverride != Family::Unknown) {
            seg.family = familyOverride;
            seg.reason = QStringLiteral("chosen by the user");
            continue;
        }
        int standard = 0;
        int lowPower = 0;
        int firstWeakStd = -1;
        int firstWeakLp = -1;
        for (int i = seg.firstItem; i < end; ++i) {
            const Vote& v = votes.at(i);
            if (v.family != Family::Standard && v.family != Family::LowPower)
                continue;
            if (v.strong && seg.decidedBy < 0) {
                seg.family = v.family;
                seg.decidedBy = i;
                seg.reason = reasonOf(i);
            }
            if (v.family == Family::Standard) {
                ++standard;
                if (firstWeakStd < 0) firstWeakStd = i;
            } else {
                ++lowPower;
                if (firstWeakLp < 0) firstWeakLp = i;
            }
        }
        if (seg.decidedBy < 0 && standard != lowPower) {
            seg.family = standard > lowPower ? Family::Standard : Family::LowPower;
            seg.decidedBy = standard > lowPower ? firstWeakStd : firstWeakLp;
            seg.reason = QStringLiteral("%1 of %2 indicative frames point to it, e.g. %3")
                             .arg(qMax(standard, lowPower)).arg(standard + lowPower)
                             .arg(reasonOf(seg.decidedBy));
        }
        if (seg.decidedBy < 0) {
            // No frame said which protocol: let the payload layouts decide. A capture of only
            // low-power commands (0x02 status, 0x08 records, 0x0B signal, 0x0D OTA size, ...)
            // fits their low-power layouts and not the standard ones. The first frames suffice.
            int fitStd = 0;
            int fitLp = 0;
            int firstStd = -1;
            int firstLp = -1;
            QString why;
            for (int i = seg.firstItem, looked = 0; i < end && looked < kLayoutFramesLooked; ++i) {
                const McuItem& it = m_items.at(i);
                if (it.kind != ItemKind::Frame || !it.checksumOk)
                    continue;
                ++looked;
                const Family fits = familyFromLayout(itemView(i, scratch), evidenceDirectionOf(it), why);
                if (fits == Family::Standard && ++fitStd == 1)
                    firstStd = i;
                if (fits == Family::LowPower && ++fitLp == 1)
                    firstLp = i;
            }
            if (fitStd != fitLp) {
                seg.family = fitLp > fitStd ? Family::LowPower : Family::Standard;
                seg.decidedBy = fitLp > fitStd ? firstLp : firstStd;
                QString example;
                familyFromLayout(itemView(seg.decidedBy, scratch), evidenceDirectionOf(m_items.at(seg.decidedBy)), example);
                seg.reason = QStringLiteral("%1 of %2 frames whose layout tells fit the %3 protocol only, e.g. %4")
                                 .arg(qMax(fitStd, fitLp)).arg(fitStd + fitLp).arg(familyLabel(seg.family), example);
            }
        }
        if (seg.decidedBy >= 0) {
            for (int i = seg.firstItem; i < end; ++i) {
                const Vote& v = votes.at(i);
                if (v.strong && v.family != seg.family && (v.family == Family::Standard || v.family == Family::LowPower))
                    m_contrary.insert(i, reasonOf(i));
            }
        }
    }

    // Segments without evidence keep the family of their neighbours (power cycles rarely
    // change the protocol).
    for (int si = 1; si < m_segments.size(); ++si) {
        if (m_segments.at(si).family == Family::Unknown && m_segments.at(si - 1).family != Family::Unknown) {
            m_segments[si].family = m_segments.at(si - 1).family;
            m_segments[si].reason = QStringLiteral("no evidence in this power cycle; kept from the previous one");
        }
    }
    for (int si = int(m_segments.size()) - 2; si >= 0; --si) {
        if (m_segments.at(si).family == Family::Unknown && m_segments.at(si + 1).family != Family::Unknown) {
            m_segments[si].family = m_segments.at(si + 1).family;
            m_segments[si].reason = QStringLiteral("no evidence before the next power cycle; taken from it");
        }
    }

    for (McuItem& it : m_items) {
        it.family = m_segments.at(it.segment).family;
        if (it.kind != ItemKind::Garbage && it.command >= 0xE0)
            it.family = Family::Bluetooth;
    }
}

void McuSession::inferDirections()
{
    for (int i = 0; i < m_items.size(); ++i) {
        McuItem& it = m_items[i];
        if (it.direction != Direction::Unknown || it.kind != ItemKind::Frame)
            continue;
        QByteArray scratch;
        const DirectionGuess guess = guessDirection(itemView(i, scratch), it.family);
        if (guess.direction == Direction::Unknown)
            continue;
        it.direction = guess.direction;
        it.directionInferred = true;
        m_directionWhy.insert(i, guess.reason);
    }
}

void McuSession::linkExchanges()
{
    const CommandCatalogue& catalogue = CommandCatalogue::instance();
    constexpr int kWindow = 24; // items to look ahead for an answer
    for (int i = 0; i < m_items.size(); ++i) {
        McuItem& request = m_items[i];
        if (request.kind != ItemKind::Frame || !request.checksumOk || request.direction == Direction::Unknown)
            continue;
        const CommandSpec* spec = catalogue.find(request.family, request.command);
        int answerCommand = -1;
        if (!spec || !expectsAnswer(*spec, request.direction, answerCommand))
            continue;
        // The answering side must have a role for the answer command.
        const CommandSpec* answerSpec = catalogue.find(request.family, quint8(answerCommand));
        const Direction answerSide = opposite(request.direction);
        if (!answerSpec || (answerSide == Direction::ModuleToMcu ? answerSpec->moduleRole : answerSpec->mcuRole) == Role::None)
            continue;
        for (int j = i + 1; j < m_items.size() && j <= i + kWindow; ++j) {
            McuItem& candidate = m_items[j];
            if (candidate.kind != ItemKind::Frame || !candidate.checksumOk)
                continue;
            if (candidate.direction == request.direction && candidate.command == request.command)
                break; // asked again before an answer came: the earlier request went unanswered
            if (candidate.direction != answerSide || candidate.command != answerCommand || candidate.answerOf >= 0)
                continue;
            const Role answerRole = answerSide == Direction::ModuleToMcu ? answerSpec->moduleRole : answerSpec->mcuRole;
            if (answerRole == Role::Request && answerCommand == request.command)
                continue; // the other side's own request with the same word, not an answer
            candidate.answerOf = i;
            request.firstAnswer = j;
            // A DP query is answered by a burst of status reports: link the whole burst.
            if (answerCommand != request.command) {
                for (int k = j + 1; k < m_items.size(); ++k) {
                    McuItem& next = m_items[k];
                    if (next.kind != ItemKind::Frame)
                        continue;
                    if (next.direction != answerSide || next.command != answerCommand || next.answerOf >= 0)
                        break;
                    next.answerOf = i;
                }
            }
            break;
        }
    }
}

QByteArray McuSession::itemBytes(int index) const
{
    const McuItem& it = m_items.at(index);
    const McuStream& s = m_streams.at(it.stream);
    QByteArray out;
    out.reserve(it.length);
    auto slot = int(std::upper_bound(s.starts.begin(), s.starts.end(), it.streamOffset) - s.starts.begin() - 1);
    slot = qMax(0, slot);
    qint64 offset = it.streamOffset;
    while (out.size() < it.length && slot < s.records.size()) {
        const QByteArrayView rec = m_capture.recordBytes(s.records.at(slot));
        const qint64 inRecord = offset - s.starts.at(slot);
        const qint64 take = qMin<qint64>(rec.size() - inRecord, it.length - out.size());
        if (take > 0) {
            out.append(rec.data() + inRecord, take);
            offset += take;
        }
        ++slot;
    }
    return out;
}

QByteArrayView McuSession::itemView(int index, QByteArray& scratch) const
{
    const McuItem& it = m_items.at(index);
    const McuStream& s = m_streams.at(it.stream);
    const int slot = qMax(0, int(std::upper_bound(s.starts.begin(), s.starts.end(), it.streamOffset) - s.starts.begin() - 1));
    if (slot < s.records.size()) {
        const QByteArrayView rec = m_capture.recordBytes(s.records.at(slot));
        const qint64 inRecord = it.streamOffset - s.starts.at(slot);
        if (inRecord >= 0 && inRecord + it.length <= rec.size())
            return rec.sliced(inRecord, it.length);
    }
    scratch = itemBytes(index);
    return scratch;
}

QString McuSession::familyEvidence(int index) const
{
    const McuItem& it = m_items.at(index);
    if (it.family == Family::Bluetooth)
        return QStringLiteral("command %1 belongs to the Bluetooth-module protocol").arg(hexByte(it.command));
    const FamilySegment& seg = m_segments.at(it.segment);
    if (seg.family == Family::Unknown)
        return QStringLiteral("no frame in the capture decides between the standard and the low-power protocol");
    if (seg.decidedBy < 0)
        return seg.reason;
    if (seg.decidedBy == index)
        return seg.reason;
    return QStringLiteral("session decided by frame #%1: %2").arg(seg.decidedBy).arg(seg.reason);
}

Dissection McuSession::dissect(int index) const
{
    if (const Dissection* cached = m_cache->object(index))
        return *cached;
    Dissection d = dissectUncached(index);
    m_cache->insert(index, new Dissection(d));
    return d;
}

Dissection McuSession::dissectUncached(int index) const
{
    const McuItem& it = m_items.at(index);
    const QByteArray bytes = itemBytes(index);
    Dissection d;
    if (it.kind == ItemKind::Garbage) {
        d.addSource(QStringLiteral("garbage"), bytes);
        const int f = d.addField(-1, QStringLiteral("Garbage"), QStringLiteral("tuyamcu.garbage"), toHex(bytes, true), 0,
                                 int(bytes.size()));
        d.addDiagnostic(Severity::Warning, diag::Garbage,
                        QStringLiteral("%1 byte(s) that belong to no good frame").arg(bytes.size()), f);
        for (const StreamNote& n : m_implausible) {
            if (n.stream == it.stream && n.offset >= it.streamOffset && n.offset < it.streamOffset + it.length)
                d.addDiagnostic(Severity::Warning, diag::ImplausibleLength,
                                QStringLiteral("header at +%1 declares %2 data bytes, more than the %3 allowed; skipped")
                                    .arg(n.offset - it.streamOffset).arg(n.declaredLength).arg(kDefaultMaxDataLength),
                                -1, int(n.offset - it.streamOffset), kHeaderSize);
        }
        d.summary = QStringLiteral("Garbage, %1 byte(s)").arg(bytes.size());
    } else {
        FrameContext context;
        context.direction = it.direction;
        context.directionInferred = it.directionInferred;
        context.directionEvidence = m_directionWhy.value(index);
        context.family = it.family;
        context.familyEvidence = familyEvidence(index);
        d = dissectFrame(bytes, context);
        if (it.kind == ItemKind::Truncated) {
            d.addDiagnostic(Severity::Error, diag::TruncatedAtEof,
                            QStringLiteral("the capture ends inside this frame: %1 byte(s) of %2 present")
                                .arg(bytes.size())
                                .arg(bytes.size() >= kHeaderSize ? QString::number(kMinFrameSize + declaredDataLength(bytes))
                                                                 : QStringLiteral("?")),
                            -1, 0, int(bytes.size()));
        }
        if (m_contrary.contains(index))
            d.addDiagnostic(Severity::Note, diag::FamilyUndecided,
                            QStringLiteral("this frame points to the other protocol family (%1)").arg(m_contrary.value(index)));
        if (it.answerOf >= 0)
            d.addField(-1, QStringLiteral("Answer to"), QStringLiteral("tuyamcu.answer_to"),
                       QStringLiteral("#%1").arg(it.answerOf), 0, 0);
        if (it.firstAnswer >= 0)
            d.addField(-1, QStringLiteral("Answered by"), QStringLiteral("tuyamcu.answered_by"),
                       QStringLiteral("#%1").arg(it.firstAnswer), 0, 0);
    }
    const Record record = m_capture.record(it.firstRecord);
    if (!record.annotation.isEmpty())
        d.addField(-1, QStringLiteral("Annotation"), QStringLiteral("annotation"), record.annotation, 0, 0);
    if (record.flags & RecordRejectedByFirmware)
        d.addDiagnostic(Severity::Note, diag::RejectedByFirmware,
                        QStringLiteral("the logging firmware rejected these bytes"));
    return d;
}

int McuSession::frameCount() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const McuItem& i) { return i.kind == ItemKind::Frame; }));
}

int McuSession::badChecksumCount() const
{
    return int(std::count_if(m_items.begin(), m_items.end(),
                             [](const McuItem& i) { return i.kind == ItemKind::Frame && !i.checksumOk; }));
}

qint64 McuSession::garbageBytes() const
{
    qint64 n = 0;
    for (const McuItem& i : m_items) {
        if (i.kind == ItemKind::Garbage)
            n += i.length;
    }
    return n;
}

} // namespace tuyascope::mcu
