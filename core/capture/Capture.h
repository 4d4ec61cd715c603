#pragma once
// Raw bytes are the truth: a capture is an append-only list of records (time, direction,
// channel, bytes, optional annotation). Record bytes live in one arena so a million records
// cost a few dozen bytes each; everything else (frames, fields, dp tables) is derived.

#include "capture/Direction.h"
#include "dissect/Diagnostic.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

namespace tuyascope {

constexpr qint64 kUnknownTime = std::numeric_limits<qint64>::min();

enum RecordFlag : quint8 {
    RecordNoFlags = 0,
    RecordTimeSynthetic = 0x01,   // time is an order key, not a measurement
    RecordRejectedByFirmware = 0x02, // the logging firmware itself rejected these bytes
    RecordTypedCommand = 0x04,    // bytes came from a command a user typed, not from the wire
};

struct ChannelInfo {
    QString name;          // e.g. "tuyamcu:mcu-tx", or the file name
    Direction direction = Direction::Unknown; // default direction of the channel's records
    QString source;        // file path or port name
    QString description;
    quint32 baudRate = 0;
    // LINKTYPE_ value of a network interface read from pcap/pcapng (the LAN extraction decodes
    // these); kNoLinkType for serial channels. Not 0: 0 is LINKTYPE_NULL (BSD loopback).
    static constexpr quint32 kNoLinkType = 0xFFFFFFFFu;
    quint32 linkType = kNoLinkType;
};

struct Record {
    qint64 timeUs = kUnknownTime; // µs since the Unix epoch, or kUnknownTime
    Direction direction = Direction::Unknown;
    quint16 channel = 0;
    quint8 flags = RecordNoFlags;
    QByteArrayView bytes;  // valid while the capture is alive and not appended to
    QString annotation;
};

// Where a note about the capture (an importer warning, an unreadable line) points to.
struct CaptureNote {
    Severity severity = Severity::Note;
    QString code;
    QString message;
    QString file;
    int line = 0;        // 1-based, 0 = not a text position
    int column = 0;      // 1-based
    qint64 byteOffset = -1;
};

class Capture {
public:
    int addChannel(const ChannelInfo& channel);
    const QVector<ChannelInfo>& channels() const { return m_channels; }
    ChannelInfo& channel(int index) { return m_channels[index]; }

    void append(qint64 timeUs, Direction direction, int channel, QByteArrayView bytes,
                const QString& annotation = QString(), quint8 flags = RecordNoFlags);

    int recordCount() const { return int(m_records.size()); }
    bool isEmpty() const { return m_records.isEmpty(); }
    Record record(int index) const;
    QByteArrayView recordBytes(int index) const;
    qint64 recordTime(int index) const { return m_records.at(index).timeUs; }
    Direction recordDirection(int index) const { return Direction(m_records.at(index).direction); }
    int recordChannel(int index) const { return m_records.at(index).channel; }
    quint8 recordFlags(int index) const { return m_records.at(index).flags; }
    void setRecordDirection(int index, Direction direction);
    void setRecordChannel(int index, int channel);

    qint64 totalBytes() const { return m_arena.size(); }

    void addNote(const CaptureNote& note) { m_notes.push_back(note); }
    const QVector<CaptureNote>& notes() const { return m_notes; }

    // Appends all records of `other` (channels are re-numbered), keeping their order. Into an empty
    // capture this shares `other`'s storage (implicitly shared: no copy until either side appends).
    void appendCapture(const Capture& other);
    // Gives back the spare capacity that appending left (a loaded file grows no more).
    void squeeze();
    // Stable-sorts records by time; records with unknown time keep their relative place.
    void sortByTime();

private:
    struct Entry {
        qint64 timeUs;
        quint32 offset;
        quint32 length;
        qint32 annotation; // index into m_annotations or -1
        quint16 channel;
        quint8 direction;
        quint8 flags;
    };
    QVector<ChannelInfo> m_channels;
    QVector<Entry> m_records;
    QByteArray m_arena;
    QStringList m_annotations;
    QVector<CaptureNote> m_notes;
};

} // namespace tuyascope
