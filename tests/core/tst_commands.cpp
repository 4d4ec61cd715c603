// The command catalogue and its payload decoders, driven by shared/vectors/tuyamcu-frames.txt:
// every valid vector must decode cleanly with the DP units its meaning names, every malformed
// vector must produce its documented diagnosis, plus focused checks of single decoders.

#include "common/Hex.h"
#include "support/TestSupport.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuDissector.h"
#include "tuyamcu/StreamSplitter.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

Direction directionOf(const QString& vectorDirection)
{
    if (vectorDirection == QLatin1String("wifi->mcu"))
        return Direction::ModuleToMcu;
    if (vectorDirection == QLatin1String("mcu->wifi"))
        return Direction::McuToModule;
    return Direction::Unknown; // "both", "?"
}

Family familyOf(const QString& vectorFamily)
{
    return vectorFamily == QLatin1String("lp") ? Family::LowPower : Family::Standard; // "std", "any"
}

Dissection dissect(const QByteArray& bytes, Direction direction, Family family)
{
    FrameContext context;
    context.direction = direction;
    context.family = family;
    return dissectFrame(bytes, context);
}

Dissection dissectHex(const QString& hex, Direction direction, Family family)
{
    return dissect(test::fromHex(hex), direction, family);
}

// "dpN <type>=<value>" as written in the vector meanings.
struct DpToken {
    int id = 0;
    QString type;
    QString value;
    QString text() const { return QStringLiteral("dp%1 %2=%3").arg(id).arg(type, value); }
};

QVector<DpToken> dpTokensIn(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral("\\bdp(\\d+) (raw|bool|value|string|enum|bitmap)=(\"[^\"]*\"|[^\\s,;()]+)"));
    QVector<DpToken> out;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out.push_back({m.captured(1).toInt(), m.captured(2), m.captured(3)});
    }
    return out;
}

// The DP units a dissection decoded, parsed back from the "dp" fields ("dp2 value=150").
QVector<DpToken> decodedDps(const Dissection& d)
{
    static const QRegularExpression re(QStringLiteral("^dp(\\d+) (\\w+)=(.*)$"));
    QVector<DpToken> out;
    for (const Field& f : d.fields()) {
        if (f.key != QLatin1String("dp"))
            continue;
        const auto m = re.match(f.value);
        if (m.hasMatch())
            out.push_back({m.captured(1).toInt(), m.captured(2), m.captured(3)});
    }
    return out;
}

// Vector notation vs. dissector text: bools are 0/1 vs false/true, hex case may differ.
bool dpValueMatches(const QString& type, const QString& expected, const QString& actual)
{
    if (type == QLatin1String("bool")) {
        const QString a = actual.startsWith(QLatin1String("true")) ? QStringLiteral("1")
                          : actual == QLatin1String("false")      ? QStringLiteral("0")
                                                                   : actual;
        return a == expected;
    }
    if (type == QLatin1String("value") || type == QLatin1String("enum")) {
        bool okE = false;
        bool okA = false;
        const qlonglong e = expected.toLongLong(&okE);
        const qlonglong a = actual.toLongLong(&okA);
        return okE && okA && e == a;
    }
    if (type == QLatin1String("raw") || type == QLatin1String("bitmap")) {
        QString a = actual;
        a.remove(QLatin1Char(' '));
        return a.compare(expected, Qt::CaseInsensitive) == 0;
    }
    return actual == expected; // string: quoted text, exact
}

bool hasDp(const Dissection& d, const DpToken& want)
{
    for (const DpToken& got : decodedDps(d)) {
        if (got.id == want.id && got.type == want.type && dpValueMatches(want.type, want.value, got.value))
            return true;
    }
    return false;
}

QString describe(const Dissection& d)
{
    QStringList lines;
    lines << QStringLiteral("summary: ") + d.summary;
    for (const Diagnostic& g : d.diagnostics())
        lines << QStringLiteral("  [%1] %2: %3").arg(severityName(g.severity), g.code, g.message);
    for (const Field& f : d.fields())
        lines << QStringLiteral("  %1 (%2) = %3").arg(f.name, f.key, f.value);
    return lines.join(QLatin1Char('\n'));
}

bool hasDiagnostic(const Dissection& d, const QString& code, Severity severity)
{
    for (const Diagnostic& g : d.diagnostics()) {
        if (g.code == code && g.severity == severity)
            return true;
    }
    return false;
}

// A problem worth flagging: the code at warning or error severity (a SHORT_PAYLOAD note about an
// empty DP list, for example, does not count).
bool hasProblem(const Dissection& d, const QString& code)
{
    for (const Diagnostic& g : d.diagnostics()) {
        if (g.code == code && g.severity >= Severity::Warning)
            return true;
    }
    return false;
}

QString fieldValue(const Dissection& d, const QString& key)
{
    const int i = d.findField(key);
    return i < 0 ? QString() : d.field(i).value;
}

QStringList fieldValues(const Dissection& d, const QString& key)
{
    QStringList out;
    for (const Field& f : d.fields()) {
        if (f.key == key)
            out << f.value;
    }
    return out;
}

// --- malformed section: stream splitter + dissector ------------------------------------------

struct SplitEvent {
    StreamSplitter::EventKind kind;
    QByteArray bytes;
    bool checksumOk;
};

class Collector : public StreamSplitter::Sink {
public:
    void onEvent(const StreamSplitter::Event& e) override { events.push_back({e.kind, e.bytes.toByteArray(), e.checksumOk}); }
    QVector<SplitEvent> events;
};

const QStringList& knownCodes()
{
    static const QStringList codes{diag::BadChecksum,   diag::LengthExceedsBuffer, diag::DpOverrun,
                                   diag::DpTrailingBytes, diag::DpTypeLengthMismatch, diag::DpUnknownType,
                                   diag::ShortPayload,  diag::Garbage,           diag::TruncatedAtEof,
                                   diag::ImplausibleLength, diag::OddHexDigits};
    return codes;
}

// Malformed vectors carry no direction column. A non-zero version is an MCU; otherwise the
// description says "module->MCU" where the module sent it, and every other case is an MCU report.
Direction malformedDirection(const QByteArray& frame, const QString& text)
{
    if (frame.size() > 2 && quint8(frame[2]) != 0x00)
        return Direction::McuToModule;
    return text.contains(QLatin1String("module->MCU")) ? Direction::ModuleToMcu : Direction::McuToModule;
}

Family malformedFamily(const QString& text)
{
    return text.contains(QLatin1String("low-power")) ? Family::LowPower : Family::Standard;
}

const QVector<test::McuVector>& vectors()
{
    static const QVector<test::McuVector> v = test::loadMcuVectors();
    return v;
}

bool isMalformed(const test::McuVector& v)
{
    return v.section.startsWith(QLatin1String("malformed"));
}

} // namespace

class TestCommands : public QObject {
    Q_OBJECT
private slots:
    void vectorsAreLoaded()
    {
        int valid = 0;
        int malformed = 0;
        for (const test::McuVector& v : vectors())
            (isMalformed(v) ? malformed : valid)++;
        // The README promises 250 valid and 24 malformed vectors; fewer means the loader broke.
        QVERIFY2(valid >= 250, qPrintable(QString::number(valid)));
        QVERIFY2(malformed >= 24, qPrintable(QString::number(malformed)));

        // The DP-token reader must see the vectors' notation, or the DP checks below test nothing.
        int tokens = 0;
        for (const test::McuVector& v : vectors())
            tokens += isMalformed(v) ? 0 : int(dpTokensIn(v.meaning).size());
        QVERIFY2(tokens >= 100, qPrintable(QString::number(tokens)));
        const QVector<DpToken> sample = dpTokensIn(
            QStringLiteral("send command; dp24 string=\"00f003e803e8\" (HSV), dp1 bool=1, dp109 value=-5, dp12 bitmap=0x0004"));
        QCOMPARE(sample.size(), 4);
        QCOMPARE(sample.at(0).value, QStringLiteral("\"00f003e803e8\""));
        QCOMPARE(sample.at(2).value, QStringLiteral("-5"));
        QVERIFY(dpValueMatches(QStringLiteral("bool"), QStringLiteral("1"), QStringLiteral("true")));
        QVERIFY(!dpValueMatches(QStringLiteral("bool"), QStringLiteral("0"), QStringLiteral("true")));
        QVERIFY(dpValueMatches(QStringLiteral("raw"), QStringLiteral("08fc"), QStringLiteral("08FC")));
        QVERIFY(!dpValueMatches(QStringLiteral("bitmap"), QStringLiteral("0x04"), QStringLiteral("0x0004")));
    }

    // --- 1. every valid vector ----------------------------------------------------------------

    void validVectorDecodes_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("meaning");
        for (const test::McuVector& v : vectors()) {
            if (isMalformed(v))
                continue;
            QTest::newRow(qPrintable(QStringLiteral("line %1").arg(v.line))) << v.hex << v.direction << v.family << v.meaning;
        }
    }
    void validVectorDecodes()
    {
        QFETCH(QString, hex);
        QFETCH(QString, direction);
        QFETCH(QString, family);
        QFETCH(QString, meaning);
        const QByteArray bytes = test::fromHex(hex);
        QVERIFY(bytes.size() >= 7);
        const Family fam = familyOf(family);
        const Dissection d = dissect(bytes, directionOf(direction), fam);
        const QString context = meaning + QLatin1Char('\n') + describe(d);

        QVERIFY2(d.checksum == ChecksumStatus::Good, qPrintable(context));

        const quint8 command = quint8(bytes[3]);
        const bool documentedUnknown = meaning.startsWith(QLatin1String("unknown command"));
        const bool documentedUnknownVersion = meaning.contains(QLatin1String("flag unknown version"));
        QCOMPARE(d.hasDiagnostic(diag::UnknownCommand), documentedUnknown);
        QCOMPARE(d.hasDiagnostic(diag::UnknownVersion), documentedUnknownVersion);

        // Valid frames decode without errors, and without warnings other than the documented ones:
        // a warning here means a decoder disagrees with a vector built from the reference.
        for (const Diagnostic& g : d.diagnostics()) {
            const bool expected = (documentedUnknown && g.code == diag::UnknownCommand)
                                  || (documentedUnknownVersion && g.code == diag::UnknownVersion);
            QVERIFY2(g.severity < Severity::Warning || expected, qPrintable(context));
        }

        const QString commandText = fieldValue(d, QStringLiteral("tuyamcu.cmd"));
        QVERIFY2(!commandText.isEmpty(), qPrintable(context));
        const CommandSpec* spec = CommandCatalogue::instance().find(fam, command);
        if (documentedUnknown) {
            QVERIFY(!spec);
            QVERIFY(commandText.contains(QLatin1String("Unknown command")));
            // The payload bytes are kept for the reader.
            QCOMPARE(fieldValue(d, QStringLiteral("tuyamcu.data.raw")), QStringLiteral("01 02"));
        } else {
            QVERIFY2(spec, qPrintable(context));
            QVERIFY2(!commandText.contains(QLatin1String("Unknown command")), qPrintable(context));
            QVERIFY2(commandText.contains(spec->name), qPrintable(context));
        }

        if (spec && spec->hasSubCommands) {
            const SubCommandSpec* sub = CommandCatalogue::instance().findSub(fam, command, quint8(bytes[6]));
            QVERIFY2(sub, qPrintable(context));
            const QString subText = fieldValue(d, QStringLiteral("tuyamcu.sub"));
            QVERIFY2(subText.contains(sub->name), qPrintable(context));
            QVERIFY(!d.hasDiagnostic(diag::UnknownSubCommand));
            QVERIFY2(d.summary.contains(sub->name), qPrintable(context));
        }

        const QVector<DpToken> expected = dpTokensIn(meaning);
        for (const DpToken& t : expected)
            QVERIFY2(hasDp(d, t), qPrintable(QStringLiteral("missing %1\n%2").arg(t.text(), context)));
        // A meaning that lists DP units lists all of them.
        if (!expected.isEmpty())
            QVERIFY2(decodedDps(d).size() == expected.size(), qPrintable(context));

        // Every decoded frame gets a summary beyond the bare command name where there is content.
        QVERIFY(!d.summary.isEmpty());
    }

    // --- 2. every malformed vector ------------------------------------------------------------

    void malformedVectorIsDiagnosed_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<QString>("text");
        for (const test::McuVector& v : vectors()) {
            if (isMalformed(v))
                QTest::newRow(qPrintable(QStringLiteral("line %1").arg(v.line))) << v.hex << v.meaning;
        }
    }
    void malformedVectorIsDiagnosed()
    {
        QFETCH(QString, hex);
        QFETCH(QString, text);

        static const QRegularExpression expectRe(QStringLiteral("expect=([A-Z_]+)"));
        QSet<QString> expectedCodes;
        const auto expectMatch = expectRe.match(text);
        if (expectMatch.hasMatch()) {
            // The primary code plus every further code the description names.
            expectedCodes.insert(expectMatch.captured(1));
            for (const QString& code : knownCodes()) {
                if (text.mid(expectMatch.capturedStart()).contains(code))
                    expectedCodes.insert(code);
            }
        }

        if (expectedCodes.contains(diag::OddHexDigits)) {
            // A hex-text problem: the strict parser must refuse the line, not pad or truncate it.
            QByteArray out;
            int column = -1;
            QVERIFY(!parseHex(hex, out, &column));
            QCOMPARE(column, int(hex.size()));
            QVERIFY(parseHex(QString(hex + QLatin1Char('0')), out));
            QCOMPARE(out, test::fromHex(QStringLiteral("55AA0001000000")));
            return;
        }

        const QByteArray bytes = test::fromHex(hex);
        QCOMPARE(bytes.size() * 2, hex.size());

        StreamSplitter splitter;
        Collector sink;
        static const QRegularExpression splitRe(QStringLiteral("split after byte (\\d+)"));
        const auto splitMatch = splitRe.match(text);
        if (splitMatch.hasMatch()) {
            const int cut = splitMatch.captured(1).toInt();
            QVERIFY(cut > 0 && cut < bytes.size());
            splitter.feed(QByteArrayView(bytes).first(cut), 0, sink);
            splitter.feed(QByteArrayView(bytes).sliced(cut), 300000, sink);
        } else {
            splitter.feed(bytes, 0, sink);
        }
        splitter.finish(sink);

        QSet<QString> found;
        QVector<Dissection> dissections;
        int goodFrames = 0;
        const Family family = malformedFamily(text);
        for (const SplitEvent& e : sink.events) {
            switch (e.kind) {
            case StreamSplitter::EventKind::Garbage:
                found.insert(diag::Garbage);
                break;
            case StreamSplitter::EventKind::ImplausibleLength:
                found.insert(diag::ImplausibleLength);
                break;
            case StreamSplitter::EventKind::Truncated:
                found.insert(diag::TruncatedAtEof);
                dissections.push_back(dissect(e.bytes, malformedDirection(e.bytes, text), family));
                break;
            case StreamSplitter::EventKind::Frame:
                if (e.checksumOk)
                    ++goodFrames;
                else
                    found.insert(diag::BadChecksum);
                dissections.push_back(dissect(e.bytes, malformedDirection(e.bytes, text), family));
                break;
            }
        }
        if (expectedCodes.contains(diag::LengthExceedsBuffer)) {
            // As one buffer (not a stream) the frame is simply too short for its length field.
            dissections.push_back(dissect(bytes, malformedDirection(bytes, text), family));
        }

        QStringList all;
        for (const Dissection& d : dissections) {
            for (const Diagnostic& g : d.diagnostics()) {
                if (g.severity >= Severity::Warning)
                    found.insert(g.code);
            }
            all << describe(d);
        }
        const QString context = text + QLatin1Char('\n') + QStringList(found.values()).join(QLatin1Char(' '))
                                + QLatin1Char('\n') + all.join(QStringLiteral("\n---\n"));
        for (const QString& code : expectedCodes)
            QVERIFY2(found.contains(code), qPrintable(QStringLiteral("expected %1\n%2").arg(code, context)));

        static const QRegularExpression goodRe(QStringLiteral("(\\d+) good frames?"));
        const auto goodMatch = goodRe.match(text);
        if (goodMatch.hasMatch())
            QCOMPARE(goodFrames, goodMatch.captured(1).toInt());
        if (expectedCodes.isEmpty()) {
            // The two "expect N good frames" reads: clean output, nothing else.
            QVERIFY2(goodMatch.hasMatch(), qPrintable(text));
            QVERIFY2(found.isEmpty(), qPrintable(context));
        }

        // DP units named in the description decode, including those before a broken unit.
        for (const DpToken& t : dpTokensIn(text)) {
            bool present = false;
            for (const Dissection& d : dissections)
                present = present || hasDp(d, t);
            QVERIFY2(present, qPrintable(QStringLiteral("missing %1\n%2").arg(t.text(), context)));
        }
        if (expectedCodes.contains(diag::DpOverrun)) {
            bool broken = false;
            for (const Dissection& d : dissections)
                broken = broken || d.findField(QStringLiteral("dp.broken")) >= 0;
            QVERIFY2(broken, qPrintable(context));
        }
    }

    void overrunKeepsTheUnitsBeforeIt()
    {
        // R7: dp1 decodes, dp2 is broken.
        const Dissection r7 = dissectHex(QStringLiteral("55AA0307000B010100010102020004000020"), Direction::McuToModule,
                                         Family::Standard);
        QVERIFY(hasProblem(r7, diag::DpOverrun));
        QCOMPARE(decodedDps(r7).size(), 1);
        QVERIFY(hasDp(r7, {1, QStringLiteral("bool"), QStringLiteral("1")}));

        // R10: the low-power record header decodes before the broken unit.
        const Dissection r10 = dissectHex(QStringLiteral("55AA0008000E0118050E091E000402000400000072"),
                                          Direction::McuToModule, Family::LowPower);
        QVERIFY(hasProblem(r10, diag::DpOverrun));
        QVERIFY(!hasProblem(r10, diag::ShortPayload));
        QVERIFY2(fieldValue(r10, QStringLiteral("tuyamcu.time")).contains(QLatin1String("2024-05-14 09:30:00")),
                 qPrintable(describe(r10)));
    }

    // --- 3. focused checks --------------------------------------------------------------------

    void familyDecidesTheLayout()
    {
        // lp 0x06: the module's 8-byte local-time reply.
        const QString timeReply = QStringLiteral("55AA000600080118050E091E000262");
        const Dissection lp = dissectHex(timeReply, Direction::ModuleToMcu, Family::LowPower);
        QVERIFY2(fieldValue(lp, QStringLiteral("tuyamcu.time")).contains(QLatin1String("2024-05-14 09:30:00")),
                 qPrintable(describe(lp)));
        QCOMPARE(fieldValue(lp, QStringLiteral("tuyamcu.time.weekday")), QStringLiteral("2 (1 = Monday)"));
        QVERIFY(decodedDps(lp).isEmpty());
        QVERIFY(lp.worstSeverity() < Severity::Warning);
        QVERIFY(lp.summary.contains(QLatin1String("2024-05-14 09:30:00")));

        // The same bytes as a standard set-DP: "dp1 type 0x18" cannot be a DP unit.
        const Dissection std = dissectHex(timeReply, Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasProblem(std, diag::DpOverrun));
        QCOMPARE(std.findField(QStringLiteral("tuyamcu.time")), -1);

        // And the other way round: a standard set-DP read as a low-power time reply is too short.
        const QString setDp = QStringLiteral("55AA00060005040400010215");
        const Dissection asStd = dissectHex(setDp, Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasDp(asStd, {4, QStringLiteral("enum"), QStringLiteral("2")}));
        const Dissection asLp = dissectHex(setDp, Direction::ModuleToMcu, Family::LowPower);
        QVERIFY(hasProblem(asLp, diag::ShortPayload));
        QVERIFY(decodedDps(asLp).isEmpty());

        // lp 0x06 from the MCU is the empty request; a payload there is unexplained.
        const Dissection request = dissectHex(QStringLiteral("55AA0006000005"), Direction::McuToModule, Family::LowPower);
        QVERIFY(request.worstSeverity() < Severity::Warning);
        QVERIFY(hasProblem(dissect(encodeFrame(0x00, 0x06, QByteArray(1, '\x01')), Direction::McuToModule, Family::LowPower),
                           diag::TrailingBytes));

        // Names differ per family, so an undecided session shows both.
        QCOMPARE(commandName(Family::Unknown, 0x06), QStringLiteral("std: Set DP / lp: Obtain local time"));
        QCOMPARE(commandName(Family::Unknown, 0x01), QStringLiteral("Product information"));
    }

    void recordReportExposesTimeAndDps()
    {
        const QByteArray frame = test::fromHex(QStringLiteral("55AA033400160B010118050E091E00010100010102020004000000E69D"));
        const Dissection d = dissect(frame, Direction::McuToModule, Family::Standard);
        QVERIFY2(d.worstSeverity() < Severity::Warning, qPrintable(describe(d)));
        QCOMPARE(fieldValue(d, QStringLiteral("tuyamcu.time")), QStringLiteral("2024-05-14 09:30:00"));
        QCOMPARE(fieldValue(d, QStringLiteral("tuyamcu.time.type")), QStringLiteral("0x01 = local time"));
        QCOMPARE(decodedDps(d).size(), 2);
        QVERIFY(hasDp(d, {1, QStringLiteral("bool"), QStringLiteral("1")}));
        QVERIFY(hasDp(d, {2, QStringLiteral("value"), QStringLiteral("230")}));
        QCOMPARE(dpUnitsOffset(frame, Family::Standard, Direction::McuToModule), 6 + 9);
        // The DP field covers the unit's bytes in the frame.
        const int dp1 = d.findField(QStringLiteral("dp"));
        QCOMPARE(d.field(dp1).offset, 6 + 9);
        QCOMPARE(d.field(dp1).length, 5);

        // The reply byte the sources read differently: 00 is flagged, 01 is plain success.
        const Dissection one = dissect(encodeFrame(0x00, 0x34, test::fromHex(QStringLiteral("0B01"))), Direction::ModuleToMcu,
                                       Family::Standard);
        QVERIFY(!hasDiagnostic(one, diag::SourcesDisagree, Severity::Note));
        const Dissection zeroFramed = dissect(encodeFrame(0x00, 0x34, test::fromHex(QStringLiteral("0B00"))),
                                              Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasDiagnostic(zeroFramed, diag::SourcesDisagree, Severity::Note));
        QCOMPARE(zeroFramed.checksum, ChecksumStatus::Good);
    }

    void weatherKeysAndValues()
    {
        const Dissection data = dissectHex(
            QStringLiteral("55AA002100230108772E74656D702E300004000000160C772E68756D69646974792E30000400000046E5"),
            Direction::ModuleToMcu, Family::Standard);
        QVERIFY2(data.worstSeverity() < Severity::Warning, qPrintable(describe(data)));
        QCOMPARE(fieldValues(data, QStringLiteral("tuyamcu.weather.key")),
                 (QStringList{QStringLiteral("w.temp.0"), QStringLiteral("w.humidity.0")}));
        QCOMPARE(fieldValues(data, QStringLiteral("tuyamcu.weather.value")), (QStringList{QStringLiteral("22"), QStringLiteral("70")}));
        QCOMPARE(fieldValues(data, QStringLiteral("tuyamcu.weather.item")),
                 (QStringList{QStringLiteral("w.temp.0 = 22"), QStringLiteral("w.humidity.0 = 70")}));
        QVERIFY(data.summary.contains(QLatin1String("w.temp.0=22")));

        // A string item and a negative integer.
        QByteArray payload = test::fromHex(QStringLiteral("01"));
        payload += char(11) + QByteArray("w.condition") + char(1) + char(5) + QByteArray("sunny");
        payload += char(6) + QByteArray("w.temp") + char(0) + char(4) + test::fromHex(QStringLiteral("FFFFFFFB"));
        const Dissection mixed = dissect(encodeFrame(0x00, 0x21, payload), Direction::ModuleToMcu, Family::Standard);
        QVERIFY2(mixed.worstSeverity() < Severity::Warning, qPrintable(describe(mixed)));
        QCOMPARE(fieldValues(mixed, QStringLiteral("tuyamcu.weather.value")),
                 (QStringList{QStringLiteral("\"sunny\""), QStringLiteral("-5")}));

        // Truncated item: the value length runs past the payload.
        const Dissection cut = dissect(encodeFrame(0x00, 0x21, payload.left(payload.size() - 2)), Direction::ModuleToMcu,
                                       Family::Standard);
        QVERIFY(hasProblem(cut, diag::ShortPayload));
        QCOMPARE(fieldValues(cut, QStringLiteral("tuyamcu.weather.key")), QStringList{QStringLiteral("w.condition")});

        // 0x20: length-prefixed parameter names.
        const Dissection enable = dissectHex(QStringLiteral("55AA0320001206772E74656D700A772E68756D6964697479B1"),
                                             Direction::McuToModule, Family::Standard);
        QCOMPARE(fieldValues(enable, QStringLiteral("tuyamcu.weather.param")),
                 (QStringList{QStringLiteral("w.temp"), QStringLiteral("w.humidity")}));
        const Dissection enableCut = dissect(encodeFrame(0x03, 0x20, test::fromHex(QStringLiteral("06772E74656D"))),
                                             Direction::McuToModule, Family::Standard);
        QVERIFY(hasProblem(enableCut, diag::ShortPayload));
    }

    void otaSizesAndPackets()
    {
        const Dissection start = dissectHex(QStringLiteral("55AA000A0004000040004D"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(start, QStringLiteral("tuyamcu.ota.size")), QStringLiteral("16384 bytes"));

        const auto reply = [](quint8 code) {
            return dissect(encodeFrame(0x03, 0x0A, QByteArray(1, char(code))), Direction::McuToModule, Family::Standard);
        };
        const Dissection tuya = reply(0x02);
        QCOMPARE(fieldValue(tuya, QStringLiteral("tuyamcu.ota.packetsize")), QStringLiteral("0x02 = 1024 bytes"));
        QVERIFY(!hasDiagnostic(tuya, diag::SourcesDisagree, Severity::Note));
        for (quint8 code = 0x03; code <= 0x07; ++code) {
            const Dissection extended = reply(code);
            QVERIFY2(hasDiagnostic(extended, diag::SourcesDisagree, Severity::Note), qPrintable(describe(extended)));
            QVERIFY(extended.worstSeverity() < Severity::Warning);
        }
        QCOMPARE(fieldValue(reply(0x07), QStringLiteral("tuyamcu.ota.packetsize")), QStringLiteral("0x07 = 10240 bytes"));
        QVERIFY(hasProblem(reply(0x08), diag::UnknownValue));
        // The command itself carries the disagreement as its note.
        QVERIFY(!CommandCatalogue::instance().find(Family::Standard, 0x0A)->note.isEmpty());

        const Dissection packet = dissectHex(QStringLiteral("55AA000B000C00000000000102030405060732"), Direction::ModuleToMcu,
                                             Family::Standard);
        QCOMPARE(fieldValue(packet, QStringLiteral("tuyamcu.ota.offset")), QStringLiteral("0"));
        QCOMPARE(fieldValue(packet, QStringLiteral("tuyamcu.ota.data")), QStringLiteral("00 01 02 03 04 05 06 07"));
        QCOMPARE(packet.findField(QStringLiteral("tuyamcu.ota.end")), -1);

        const Dissection last = dissectHex(QStringLiteral("55AA000B0004000040004E"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(last, QStringLiteral("tuyamcu.ota.offset")), QStringLiteral("16384"));
        QVERIFY(last.findField(QStringLiteral("tuyamcu.ota.end")) >= 0);
        QCOMPARE(last.findField(QStringLiteral("tuyamcu.ota.data")), -1);

        // lp 0x0E shares the layout.
        const Dissection lpPacket = dissectHex(QStringLiteral("55AA000E000600000100CAFEDC"), Direction::ModuleToMcu,
                                               Family::LowPower);
        QCOMPARE(fieldValue(lpPacket, QStringLiteral("tuyamcu.ota.offset")), QStringLiteral("256"));
        QCOMPARE(fieldValue(lpPacket, QStringLiteral("tuyamcu.ota.data")), QStringLiteral("CA FE"));

        const Dissection shortPacket = dissect(encodeFrame(0x00, 0x0B, test::fromHex(QStringLiteral("000000"))),
                                               Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasProblem(shortPacket, diag::ShortPayload));
    }

    void rssiMacAndTimes()
    {
        const Dissection rssi = dissectHex(QStringLiteral("55AA00240001C4E8"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(rssi, QStringLiteral("tuyamcu.rssi")), QStringLiteral("-60 dBm"));
        QVERIFY(rssi.summary.contains(QLatin1String("-60 dBm")));
        const Dissection rssiLong = dissect(encodeFrame(0x00, 0x24, test::fromHex(QStringLiteral("C400"))),
                                            Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasProblem(rssiLong, diag::TrailingBytes));

        const Dissection mac = dissectHex(QStringLiteral("55AA002D000700A4C1381234ABC1"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(mac, QStringLiteral("tuyamcu.mac")), QStringLiteral("A4:C1:38:12:34:AB"));
        const Dissection macShort = dissect(encodeFrame(0x00, 0x2D, test::fromHex(QStringLiteral("00A4C138"))),
                                            Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasProblem(macShort, diag::ShortPayload));

        const Dissection gmt = dissectHex(QStringLiteral("55AA000C00070118050E071E0063"), Direction::ModuleToMcu, Family::Standard);
        QVERIFY(fieldValue(gmt, QStringLiteral("tuyamcu.time")).contains(QLatin1String("2024-05-14 07:30:00")));
        const Dissection noTime = dissectHex(QStringLiteral("55AA001C0008000000000000000023"), Direction::ModuleToMcu,
                                             Family::Standard);
        QVERIFY(hasDiagnostic(noTime, diag::TimeUnknown, Severity::Note));
        const Dissection shortTime = dissect(encodeFrame(0x00, 0x1C, test::fromHex(QStringLiteral("0118050E091E00"))),
                                             Direction::ModuleToMcu, Family::Standard);
        QVERIFY(hasProblem(shortTime, diag::ShortPayload));

        const Dissection wifiFail = dissectHex(QStringLiteral("55AA000E000200000F"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(wifiFail, QStringLiteral("tuyamcu.test.reason")), QStringLiteral("0x00 = test SSID not found"));
        const Dissection wifiOk = dissectHex(QStringLiteral("55AA000E0002015060"), Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(wifiOk, QStringLiteral("tuyamcu.test.signal")), QStringLiteral("80 %"));
    }

    void lowPowerDpCacheAndAcks()
    {
        const QByteArray request = test::fromHex(QStringLiteral("55AA0010000302010419"));
        const Dissection ids = dissect(request, Direction::McuToModule, Family::LowPower);
        QVERIFY2(ids.worstSeverity() < Severity::Warning, qPrintable(describe(ids)));
        QCOMPARE(fieldValues(ids, QStringLiteral("tuyamcu.dpcache.id")), (QStringList{QStringLiteral("1"), QStringLiteral("4")}));
        QVERIFY(decodedDps(ids).isEmpty());
        QCOMPARE(dpUnitsOffset(request, Family::LowPower, Direction::McuToModule), -1);

        const Dissection all = dissectHex(QStringLiteral("55AA001000010010"), Direction::McuToModule, Family::LowPower);
        QVERIFY(fieldValue(all, QStringLiteral("tuyamcu.dpcache.count")).contains(QLatin1String("all")));

        const Dissection missingId = dissect(encodeFrame(0x00, 0x10, test::fromHex(QStringLiteral("030104"))),
                                             Direction::McuToModule, Family::LowPower);
        QVERIFY(hasProblem(missingId, diag::ShortPayload));

        const QByteArray reply = test::fromHex(QStringLiteral("55AA0010000F01020101000101040200040000001544"));
        const Dissection units = dissect(reply, Direction::ModuleToMcu, Family::LowPower);
        QVERIFY2(units.worstSeverity() < Severity::Warning, qPrintable(describe(units)));
        QCOMPARE(fieldValue(units, QStringLiteral("tuyamcu.dpcache.result")), QStringLiteral("0x01 = ok"));
        QVERIFY(hasDp(units, {1, QStringLiteral("bool"), QStringLiteral("1")}));
        QVERIFY(hasDp(units, {4, QStringLiteral("value"), QStringLiteral("21")}));
        QCOMPARE(dpUnitsOffset(reply, Family::LowPower, Direction::ModuleToMcu), 8);

        // Count byte 3 but two units: the mismatch is reported.
        QByteArray lying = reply.mid(6, 15);
        lying[1] = 3;
        const Dissection mismatch = dissect(encodeFrame(0x00, 0x10, lying), Direction::ModuleToMcu, Family::LowPower);
        QVERIFY(mismatch.worstSeverity() >= Severity::Warning);
        QCOMPARE(decodedDps(mismatch).size(), 2);

        const auto ack = [](quint8 command, quint8 value) {
            return dissect(encodeFrame(0x00, command, QByteArray(1, char(value))), Direction::ModuleToMcu, Family::LowPower);
        };
        QCOMPARE(fieldValue(ack(0x05, 0x00), QStringLiteral("tuyamcu.result")), QStringLiteral("0x00 = success"));
        QVERIFY(hasProblem(ack(0x05, 0x01), diag::UnknownValue));
        QCOMPARE(fieldValue(ack(0x08, 0x00), QStringLiteral("tuyamcu.result")), QStringLiteral("0x00 = reported"));
        QVERIFY(fieldValue(ack(0x08, 0x01), QStringLiteral("tuyamcu.result")).contains(QLatin1String("pending")));
        QCOMPARE(fieldValue(ack(0x08, 0x02), QStringLiteral("tuyamcu.result")), QStringLiteral("0x02 = report failed"));
        QVERIFY(hasProblem(ack(0x08, 0x03), diag::UnknownValue));

        const Dissection upgrade = ack(0x0C, 0x01);
        QCOMPARE(fieldValue(upgrade, QStringLiteral("tuyamcu.upgrade")), QStringLiteral("0x01 = no firmware, power off allowed"));
    }

    void dpOffsetsMatchTheReference()
    {
        struct Case {
            const char* hex;
            Direction direction;
            Family family;
            int payloadOffset;
        };
        const Case cases[] = {
            {"55AA0322000D0101000100020200040000002A66", Direction::McuToModule, Family::Standard, 0},
            {"55AA033400160B010118050E091E00010100010102020004000000E69D", Direction::McuToModule, Family::Standard, 9},
            {"55AA0036000A0201C90200040000000516", Direction::ModuleToMcu, Family::Standard, 2},
            {"55AA0336000B030002C9020004000000051C", Direction::McuToModule, Family::Standard, 3},
            {"55AA0005000A010100010103040001021C", Direction::McuToModule, Family::LowPower, 0},
            {"55AA000800140118050E091E0001010001000402000400000055D0", Direction::McuToModule, Family::LowPower, 7},
            {"55AA00090005070100010117", Direction::ModuleToMcu, Family::LowPower, 0},
            {"55AA0010000F01020101000101040200040000001544", Direction::ModuleToMcu, Family::LowPower, 2},
        };
        for (const Case& c : cases) {
            const QByteArray frame = test::fromHex(QString::fromLatin1(c.hex));
            QCOMPARE(dpUnitsOffset(frame, c.family, c.direction), 6 + c.payloadOffset);
            // The decoder reads its units from the same place.
            const Dissection d = dissect(frame, c.direction, c.family);
            const int dp = d.findField(QStringLiteral("dp"));
            QVERIFY2(dp >= 0, c.hex);
            QCOMPARE(d.field(dp).offset, 6 + c.payloadOffset);
        }
        // A side without DP units has no offset.
        QCOMPARE(dpUnitsOffset(test::fromHex(QStringLiteral("55AA002300010124")), Family::Standard, Direction::ModuleToMcu), -1);
    }

    void shortSubCommandPayloads()
    {
        // R12 with the reason stated: the 9-byte header is incomplete, no DP units are read.
        const Dissection r12 = dissectHex(QStringLiteral("55AA033400050B0101180565"), Direction::McuToModule, Family::Standard);
        QVERIFY(hasProblem(r12, diag::ShortPayload));
        QVERIFY(decodedDps(r12).isEmpty());
        // Unknown sub-command: flagged, bytes kept.
        const Dissection unknown = dissect(encodeFrame(0x03, 0x34, test::fromHex(QStringLiteral("7F0102"))),
                                           Direction::McuToModule, Family::Standard);
        QVERIFY(hasProblem(unknown, diag::UnknownSubCommand));
        // A sub-command acknowledgement with extra bytes.
        const Dissection ack = dissect(encodeFrame(0x03, 0x34, test::fromHex(QStringLiteral("0200"))),
                                       Direction::McuToModule, Family::Standard);
        QVERIFY(hasProblem(ack, diag::TrailingBytes));
        // 0x34/0x03 carries the naming disagreement with it.
        const Dissection named = dissectHex(QStringLiteral("55AA03340001033A"), Direction::McuToModule, Family::Standard);
        QVERIFY(hasDiagnostic(named, diag::SourcesDisagree, Severity::Chat));
        QVERIFY(!CommandCatalogue::instance().findSub(Family::Standard, 0x34, 0x03)->note.isEmpty());
        QVERIFY(!CommandCatalogue::instance().findSub(Family::Standard, 0x34, 0x0B)->note.isEmpty());
        // 0x37/0x07: data packet vs response, told apart by length.
        const Dissection data = dissect(encodeFrame(0x00, 0x37, test::fromHex(QStringLiteral("07000100000010AABB"))),
                                        Direction::ModuleToMcu, Family::Standard);
        QCOMPARE(fieldValue(data, QStringLiteral("tuyamcu.file.offset")), QStringLiteral("16"));
        QCOMPARE(fieldValue(data, QStringLiteral("tuyamcu.file.data")), QStringLiteral("AA BB"));
        const Dissection response = dissect(encodeFrame(0x03, 0x37, test::fromHex(QStringLiteral("070003"))),
                                            Direction::McuToModule, Family::Standard);
        QCOMPARE(fieldValue(response, QStringLiteral("tuyamcu.file.status")), QStringLiteral("0x03 = completed"));
    }

    void catalogueIsComplete()
    {
        const CommandCatalogue& catalogue = CommandCatalogue::instance();
        for (const CommandSpec* s : catalogue.commands()) {
            const QString what = QStringLiteral("%1 %2").arg(familyKey(s->family), hexByte(s->command));
            QVERIFY2(!s->name.trimmed().isEmpty(), qPrintable(what));
            QVERIFY2(s->moduleRole != Role::None || s->mcuRole != Role::None, qPrintable(what));
            // A side that sends the command has a decoder for it.
            QVERIFY2(s->moduleRole == Role::None || s->fromModule || s->hasSubCommands, qPrintable(what));
            QVERIFY2(s->mcuRole == Role::None || s->fromMcu || s->hasSubCommands, qPrintable(what));
            if (s->hasSubCommands)
                QVERIFY2(!catalogue.subCommands(s->family, s->command).isEmpty(), qPrintable(what));
            for (const SubCommandSpec* sub : catalogue.subCommands(s->family, s->command))
                QVERIFY2(!sub->name.trimmed().isEmpty(), qPrintable(what));
        }

        QVector<int> standard;
        for (int c = 0x00; c <= 0x08; ++c)
            standard << c;
        for (int c = 0x0A; c <= 0x0F; ++c)
            standard << c;
        standard << 0x1C;
        for (int c = 0x20; c <= 0x25; ++c)
            standard << c;
        standard << 0x28;
        for (int c = 0x2A; c <= 0x30; ++c)
            standard << c;
        for (int c = 0x33; c <= 0x37; ++c)
            standard << c;
        for (int c = 0x60; c <= 0x65; ++c)
            standard << c;
        standard << 0x72;
        // 0x0D is listed only by its absence in the standard table (reference 4.4).
        standard.removeAll(0x0D);
        for (int c : standard)
            QVERIFY2(catalogue.find(Family::Standard, quint8(c)), qPrintable(hexByte(quint8(c))));
        QVERIFY(!catalogue.find(Family::Standard, 0x09));
        QVERIFY(!catalogue.find(Family::Standard, 0x0D));

        QVector<int> lowPower;
        for (int c = 0x01; c <= 0x0E; ++c)
            lowPower << c;
        lowPower << 0x10;
        for (int c : lowPower)
            QVERIFY2(catalogue.find(Family::LowPower, quint8(c)), qPrintable(hexByte(quint8(c))));
        QVERIFY(!catalogue.find(Family::LowPower, 0x00)); // no heartbeat in the low-power protocol

        const QVector<QPair<int, QVector<int>>> subs = {
            {0x33, {0x01, 0x02, 0x03}},
            {0x34, {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0A, 0x0B}},
            {0x35, {0x01, 0x04, 0x05, 0x06}},
            {0x36, {0x01, 0x02, 0x03}},
            {0x37, {0x00, 0x01, 0x02, 0x04, 0x06, 0x07, 0x08}},
            {0x65, {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F}},
            {0x72, {0x01, 0x02}},
        };
        for (const auto& [command, list] : subs) {
            const CommandSpec* spec = catalogue.find(Family::Standard, quint8(command));
            QVERIFY(spec && spec->hasSubCommands);
            QCOMPARE(catalogue.subCommands(Family::Standard, quint8(command)).size(), list.size());
            for (int sub : list)
                QVERIFY2(catalogue.findSub(Family::Standard, quint8(command), quint8(sub)),
                         qPrintable(QStringLiteral("%1/%2").arg(hexByte(quint8(command)), hexByte(quint8(sub)))));
        }
        // Commands that are not sub-command tables must not claim to be.
        for (int c : {0x0A, 0x21, 0x22, 0x60, 0x64})
            QVERIFY(!catalogue.find(Family::Standard, quint8(c))->hasSubCommands);
        QCOMPARE(catalogue.find(Family::Standard, 0x22)->answerCommand, 0x23);
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
