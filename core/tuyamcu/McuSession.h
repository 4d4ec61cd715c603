#pragma once
// A capture seen as TuyaMCU traffic: every byte stream (channel x direction) is framed, the
// frames, garbage runs and truncated tails are merged into one timeline, and the session decides
// - per power-cycle segment, from evidence - which protocol family the frames belong to, infers
// the sending side where the capture did not record it, and links requests to their answers.
// Items are light records; field trees are built on demand and kept in a bounded cache.

#include "capture/Capture.h"
#include "dissect/Dissection.h"
#include "tuyamcu/Family.h"
#include "tuyamcu/McuFrame.h"

#include <QCache>
#include <QHash>
#include <QVector>

#include <memory>

namespace tuyascope::mcu {

enum class ItemKind : quint8 { Frame, Garbage, Truncated };

struct McuItem {
    ItemKind kind = ItemKind::Frame;
    bool checksumOk = false;
    bool directionInferred = false;
    quint8 version = 0;
    quint8 command = 0;
    Direction direction = Direction::Unknown; // as recorded, or inferred (see directionInferred)
    Family family = Family::Unknown;
    int stream = 0;
    int length = 0;
    int firstRecord = 0;      // capture record that holds the first byte
    int segment = 0;          // power-cycle segment
    int answerOf = -1;        // index of the request this item answers
    int firstAnswer = -1;     // index of the first answer to this request
    qint64 streamOffset = 0;  // offset of the first byte in its stream
    qint64 timeUs = kUnknownTime;
};

struct McuStream {
    int channel = 0;
    Direction direction = Direction::Unknown;
    QVector<int> records;       // capture records of this stream, in order
    QVector<qint64> starts;     // stream offset of each of those records
    qint64 size = 0;
};

struct FamilySegment {
    int firstItem = 0;
    Family family = Family::Unknown;
    int decidedBy = -1;         // item whose evidence decided (-1: inherited or overridden)
    QString reason;
};

class McuSession {
public:
    struct Options {
        Family familyOverride = Family::Unknown; // the user's choice beats the evidence
        int maxDataLength = kDefaultMaxDataLength;
        int cacheSize = 2048;                    // dissections kept
    };

    McuSession();
    static McuSession analyze(const Capture& capture, const Options& options);
    static McuSession analyze(const Capture& capture) { return analyze(capture, Options()); }

    const Capture& capture() const { return m_capture; }
    int itemCount() const { return int(m_items.size()); }
    const McuItem& item(int index) const { return m_items.at(index); }
    const QVector<McuItem>& items() const { return m_items; }
    const QVector<McuStream>& streams() const { return m_streams; }
    const QVector<FamilySegment>& segments() const { return m_segments; }

    QByteArray itemBytes(int index) const;
    // The item's bytes without a copy when one record holds them all, else assembled in `scratch`
    // (valid while the session and `scratch` are).
    QByteArrayView itemView(int index, QByteArray& scratch) const;
    // Why this item's family was chosen, in words.
    QString familyEvidence(int index) const;
    // The field tree of an item (cached, bounded).
    Dissection dissect(int index) const;

    // Totals for summaries.
    int frameCount() const;
    int badChecksumCount() const;
    qint64 garbageBytes() const;

private:
    void buildItems(int maxDataLength);
    void decideFamilies(Family familyOverride);
    void inferDirections();
    void linkExchanges();
    Dissection dissectUncached(int index) const;

    struct StreamNote {
        int stream;
        qint64 offset;
        int declaredLength;
    };

    Capture m_capture;
    QVector<McuStream> m_streams;
    QVector<McuItem> m_items;
    QVector<FamilySegment> m_segments;
    QVector<StreamNote> m_implausible;   // IMPLAUSIBLE_LENGTH headers, reported on garbage items
    QHash<int, QString> m_contrary;      // items whose strong evidence contradicts their segment
    QHash<int, QString> m_directionWhy;  // inferred directions: why
    std::shared_ptr<QCache<int, Dissection>> m_cache;
};

} // namespace tuyascope::mcu
