// The display-filter language: expressions against hand-built subjects, precedence, numeric
// versus text comparison, multi-occurrence keys, dp[ID] units, and every parse error with the
// position the GUI underlines.

#include "filter/Filter.h"
#include "filter/FilterKeys.h"

#include <QHash>
#include <QtTest>

#include <map>

using namespace tuyascope;
using namespace tuyascope::filter;

namespace {

void addDp(Dissection& d, const QString& id, const QString& type, const QString& value)
{
    const int unit = d.addField(-1, QStringLiteral("DP %1").arg(id), QStringLiteral("dp"),
                                QStringLiteral("dp%1 = %2").arg(id, value), 6, 5);
    d.addField(unit, QStringLiteral("dpId"), QStringLiteral("dp.id"), id, 6, 1);
    if (!type.isEmpty())
        d.addField(unit, QStringLiteral("Type"), QStringLiteral("dp.type"), type, 7, 1);
    d.addField(unit, QStringLiteral("Value"), QStringLiteral("dp.value"), value, 10, 1);
}

} // namespace

class TestFilter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void needsDissection_data();
    void needsDissection();
    void emptyFilterMatchesEverything();
    void dissectionKeysAreAbsentWithoutDissection();
    void copiedFilterOutlivesItsParse();
    void deepNestingIsAnErrorNotACrash();
    void everySyntheticKeyParses();

private:
    // Subjects by name; the dissections they point to live in m_dissections.
    QHash<QString, FilterSubject> m_subjects;
    std::map<QString, Dissection> m_dissections; // node-based: subjects keep pointers
};

void TestFilter::initTestCase()
{
    // A TuyaMCU status report from the MCU: three DPs, a warning, checksum good.
    Dissection& report = m_dissections[QStringLiteral("report")];
    report.addField(-1, QStringLiteral("Version"), QStringLiteral("tuyamcu.version"),
                    QStringLiteral("0x03 (MCU, current protocol version)"), 2, 1);
    report.addField(-1, QStringLiteral("Command"), QStringLiteral("tuyamcu.cmd"), QStringLiteral("0x07 Status report"),
                    3, 1);
    addDp(report, QStringLiteral("20"), QStringLiteral("bool (0x01)"), QStringLiteral("true"));
    addDp(report, QStringLiteral("22"), QStringLiteral("value (0x02)"), QStringLiteral("310"));
    addDp(report, QStringLiteral("101"), QStringLiteral("string (0x03)"), QStringLiteral("\"hello World\""));
    report.addDiagnostic(Severity::Warning, QStringLiteral("DP_TYPE_LENGTH_MISMATCH"), QStringLiteral("odd"), -1);
    report.checksum = ChecksumStatus::Good;

    // A module frame with a broken DP unit (an Error diagnostic) but a good checksum.
    Dissection& overrun = m_dissections[QStringLiteral("overrun")];
    overrun.addField(-1, QStringLiteral("Broken DP unit"), QStringLiteral("dp.broken"), QStringLiteral("dp5 ..."), 6, 3);
    overrun.addDiagnostic(Severity::Error, QStringLiteral("DP_OVERRUN"), QStringLiteral("overrun"), 0);
    overrun.checksum = ChecksumStatus::Good;

    // A heartbeat with a bad checksum and no diagnostics at all.
    Dissection& badsum = m_dissections[QStringLiteral("badsum")];
    badsum.checksum = ChecksumStatus::Bad;

    // A LAN 3.4 control from the app: dps 1 (bool) and 2 (string), a Note.
    Dissection& lan = m_dissections[QStringLiteral("lan")];
    lan.addField(-1, QStringLiteral("Command"), QStringLiteral("tuyalan.cmd"), QStringLiteral("CONTROL_NEW (0x0d)"), 8, 4);
    addDp(lan, QStringLiteral("1"), QString(), QStringLiteral("true"));
    addDp(lan, QStringLiteral("2"), QString(), QStringLiteral("\"on\""));
    lan.addDiagnostic(Severity::Note, QStringLiteral("DIRECTION_INFERRED"), QStringLiteral("guess"), -1);
    lan.checksum = ChecksumStatus::Good;

    auto subject = [this](const QString& name, Direction direction, const QString& protocol, const QString& version,
                          qint64 command, int length, qint64 time, const QString& dissection) {
        FilterSubject s;
        s.direction = direction;
        s.protocol = protocol;
        s.version = version;
        s.command = command;
        s.length = length;
        s.timeUs = time;
        s.dissection = dissection.isEmpty() ? nullptr : &m_dissections[dissection];
        m_subjects.insert(name, s);
    };
    subject(QStringLiteral("report"), Direction::McuToModule, QStringLiteral("mcu"), QStringLiteral("3"), 7, 22,
            1'700'000'000'000'000, QStringLiteral("report"));
    subject(QStringLiteral("overrun"), Direction::ModuleToMcu, QStringLiteral("mcu"), QStringLiteral("0"), 6, 12, 5,
            QStringLiteral("overrun"));
    subject(QStringLiteral("badsum"), Direction::McuToModule, QStringLiteral("mcu"), QStringLiteral("0"), 0, 7, 6,
            QStringLiteral("badsum"));
    subject(QStringLiteral("lan"), Direction::AppToDevice, QStringLiteral("lan"), QStringLiteral("3.4"), 13, 120,
            kUnknownTime, QStringLiteral("lan"));
    subject(QStringLiteral("garbage"), Direction::Unknown, QStringLiteral("mcu"), QString(), -1, 3, kUnknownTime,
            QString());
}

void TestFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("expected");

    auto row = [](const char* filter, const char* subject, bool expected) {
        QTest::addRow("%s | %s", filter, subject) << QString::fromUtf8(filter) << QString::fromLatin1(subject)
                                                   << expected;
    };
    // The examples of issue 5.
    row("dp.id == 20 && dir == mcu", "report", true);
    row("dp.id == 20 && dir == mcu", "overrun", false);
    row("dp.id == 20 && dir == module", "report", false);
    row("cmd == 0x07", "report", true);
    row("cmd == 0x07", "overrun", false);
    row("bad", "overrun", true);
    row("bad", "badsum", true);
    row("bad", "report", false);
    row("proto == lan && version == \"3.4\"", "lan", true);
    row("proto == lan && version == \"3.4\"", "report", false);

    // Directions: the sender's name and the long forms, plus aliases the capture files use.
    row("dir == mcu->module", "report", true);
    row("dir == module->mcu", "overrun", true);
    row("dir == app", "lan", true);
    row("dir == app->device", "lan", true);
    row("dir == device", "lan", false);
    row("dir == device->app", "lan", false);
    row("dir == wifi", "overrun", true);
    row("dir == MCU", "report", true);
    row("dir != mcu", "report", false);
    row("dir != mcu", "lan", true);
    row("dir in {app device}", "lan", true);
    row("dir in {app device}", "report", false);
    row("dir == unknown", "garbage", true);
    row("dir", "garbage", false);
    row("dir", "report", true);

    // Protocols.
    row("proto == mcu", "report", true);
    row("proto == tuyamcu", "report", true);
    row("proto == tuyalan", "lan", true);
    row("proto == lan", "report", false);
    row("proto != lan", "report", true);
    row("protocol == lan", "lan", true);

    // Numeric when both sides are numbers, text otherwise; quoted literals are text.
    row("version == 3", "report", true);
    row("version == 3.0", "report", true);
    row("version == 0x3", "report", true);
    row("version == \"3\"", "report", true);
    row("version == \"3.0\"", "report", false);
    row("version == 3.4", "lan", true);
    row("version >= 3.3", "lan", true);
    row("version < 3.4", "lan", false);
    row("version > 2", "report", true);
    row("version", "garbage", false);
    row("version == 0", "garbage", false);
    row("cmd == 7", "report", true);
    row("cmd == 7.0", "report", true);
    row("cmd >= 0x10", "report", false);
    row("cmd < 0x10", "report", true);
    row("cmd != 7", "report", false);
    row("cmd != 7", "garbage", true); // != is "not ==": no command is not 7
    row("cmd < 10", "garbage", false); // no command: no ordering holds
    row("cmd", "garbage", false);
    row("cmd", "badsum", true); // command 0 is present
    row("cmd in {0x06 0x07}", "report", true);
    row("cmd in {0x06, 0x08}", "report", false);
    row("cmd in {1..6}", "overrun", true);
    row("cmd in {0x10..0x1f 7}", "report", true);
    row("cmd not in {7}", "report", false);
    row("cmd not in {7}", "overrun", true);
    row("len > 20", "report", true);
    row("len <= 12", "overrun", true);
    row("len == 3", "garbage", true);
    row("length == 22", "report", true);
    row("time > 1000000000000000", "report", true);
    row("time < 10", "overrun", true);
    row("time", "lan", false);
    row("time >= 0", "lan", false);

    // Field keys with several occurrences match when any occurrence does.
    row("dp.id == 22", "report", true);
    row("dp.id == 101", "report", true);
    row("dp.id == 23", "report", false);
    row("dp.id != 22", "report", false);
    row("dp.id != 23", "report", true);
    row("dp.id > 100", "report", true);
    row("dp.id > 101", "report", false);
    row("dp.id in {1 2}", "lan", true);
    row("dp.value > 300", "report", true);
    row("dp.value > 310", "report", false);
    row("dp.value == 310", "report", true);
    row("dp.value == 0x136", "report", true);
    row("dp.value == true", "report", true);
    row("dp.value == \"true\"", "report", true);
    row("dp.value == hello", "report", false); // a quoted display matches only as a whole
    row("dp.value == \"hello World\"", "report", true);
    row("dp.value == \"\\\"hello World\\\"\"", "report", true);
    row("dp.value == on", "lan", true);
    row("dp.value contains \"WORLD\"", "report", true); // contains ignores case
    row("dp.value contains moon", "report", false);
    row("dp.value matches \"^\\\"hel+o\"", "report", true);
    row("dp.value matches \"^hel+o\"", "report", false); // matches reads the display text
    row("dp.value ~ \"(?i)WORLD\"", "report", true);
    row("dp.type == bool", "report", true);
    row("dp.type == string", "report", true);
    row("dp.type == raw", "report", false);
    row("dp.type == \"bool (0x01)\"", "report", true);
    row("dp.type", "lan", false);
    row("dp", "report", true);
    row("dp", "overrun", false);
    row("dp.id", "garbage", false);
    row("dp.broken", "overrun", true);
    row("tuyamcu.cmd == 7", "report", true); // first word of "0x07 Status report"
    row("tuyamcu.cmd == 0x07", "report", true);
    row("tuyamcu.cmd contains status", "report", true);
    row("tuyamcu.version == 3", "report", true);
    row("tuyamcu.version == MCU", "report", false); // "(MCU, current protocol version)" is a description
    row("tuyalan.cmd == 13", "lan", true); // the number in "CONTROL_NEW (0x0d)"
    row("tuyalan.cmd == 0x0d", "lan", true);
    row("tuyalan.cmd == CONTROL_NEW", "lan", true);
    row("tuyalan.cmd == CONTROL", "lan", false);
    row("tuyalan.cmd >= 0x0d", "lan", true);
    row("tuyalan.cmd matches \"^CONTROL_NEW \\\\(\"", "lan", true);
    row("tuyalan.cmd contains new", "lan", true);
    row("dp.type == 1", "report", true); // "bool (0x01)"
    row("dp.type == 0x05", "report", false);
    row("tuyalan.cmd", "report", false);

    // dp[ID]: one unit, its value by default.
    row("dp[20]", "report", true);
    row("dp[21]", "report", false);
    row("dp[20] == true", "report", true);
    row("dp[22] > 300", "report", true);
    row("dp[20] > 300", "report", false);
    row("dp[20].type == bool", "report", true);
    row("dp[22].type == bool", "report", false);
    row("dp[0x16].value == 310", "report", true);
    row("dp[\"2\"] == on", "lan", true);
    row("dp[2].value contains O", "lan", true);
    row("dp[1].type", "lan", false);
    // The difference dp[..] makes: dp 20 exists and some DP is > 300, but not dp 20 itself.
    row("dp.id == 20 && dp.value > 300", "report", true);
    row("dp[20].value > 300", "report", false);

    // Diagnostics and flags.
    row("warn", "report", true);
    row("warn", "overrun", true);
    row("warn", "badsum", true);
    row("warn", "lan", false);
    row("warning", "lan", false);
    row("!bad", "report", true);
    row("bad == false", "report", true);
    row("bad == true", "report", false);
    row("bad != true", "overrun", false);
    row("bad != false", "overrun", true);
    row("diag == \"DP_OVERRUN\"", "overrun", true);
    row("diag == dp_overrun", "overrun", true);
    row("diag == DP_OVERRUN", "report", false);
    row("diag contains MISMATCH", "report", true);
    row("diag matches \"^DP_\"", "report", true);
    row("diag in {DIRECTION_INFERRED BAD_CHECKSUM}", "lan", true);
    row("diag", "badsum", false);
    row("diag", "lan", true);
    row("severity", "lan", true);
    row("severity", "badsum", false);
    row("severity == note", "lan", true);
    row("severity >= warning", "report", true);
    row("severity >= warning", "lan", false);
    row("severity > warning", "overrun", true);
    row("severity < error", "report", true);
    row("severity == chat", "badsum", false); // no diagnostics: no severity
    row("severity in {note error}", "overrun", true);
    row("severity >= warn", "report", true);

    // Logic, precedence and parentheses: && binds tighter than ||; ! tighter than both.
    row("dir == module || dir == mcu && cmd == 6", "overrun", true);
    row("dir == module || dir == mcu && cmd == 6", "report", false);
    row("(dir == module || dir == mcu) && cmd == 6", "report", false);
    row("(dir == module || dir == mcu) && cmd == 6", "overrun", true);
    row("proto == lan || bad && cmd == 0", "badsum", true);
    row("(proto == lan || bad) && cmd == 0", "lan", false);
    row("!bad && !warn", "lan", true);
    row("!(bad || warn)", "report", false);
    row("!!bad", "overrun", true);
    row("not bad and proto == mcu", "report", true);
    row("NOT bad AND proto == mcu OR proto == lan", "lan", true);
    row("dp.id == 20 and (dp.value == true or dp.value == false)", "report", true);
    row("((((cmd == 7))))", "report", true);
    row("dp.id==20&&dir==mcu", "report", true);
    row("cmd eq 7 && len gt 20 && len ge 22 && len lt 23 && len le 22 && cmd ne 6", "report", true);
    row("  cmd  ==  7  ", "report", true);

    // Literals: negative numbers, floats, escapes, single quotes.
    row("cmd > -1", "badsum", true);
    row("cmd > -1", "garbage", false);
    row("len > 2.5", "garbage", true);
    row("len < 3.5e0", "garbage", true);
    row("dp.value == 'on'", "lan", true);
    row("dp.value contains \"\\x6f\\u006E\"", "lan", true); // "on"
}

void TestFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(QString, subject);
    QFETCH(bool, expected);
    QVERIFY2(m_subjects.contains(subject), qPrintable(subject));
    const FilterParseResult parsed = parseFilter(filter);
    QVERIFY2(parsed.ok, qPrintable(QStringLiteral("%1 at %2").arg(parsed.error).arg(parsed.position)));
    QCOMPARE(parsed.filter.matches(m_subjects.value(subject)), expected);
}

void TestFilter::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message"); // a part of the message

    auto row = [](const char* filter, int position, int length, const char* message) {
        QTest::addRow("%s", filter) << QString::fromUtf8(filter) << position << length << QString::fromUtf8(message);
    };
    // Keys.
    row("foo", 0, 3, "unknown field 'foo'");
    row("dp.id == 1 && foo.bar", 14, 7, "unknown field 'foo.bar'");
    row("dp.", 0, 3, "unknown field 'dp.'");
    row("tuyamcu.cmd. == 1", 0, 12, "unknown field");
    row("20 == dp.id", 0, 2, "expected a field name before the value '20'");
    row("\"x\"", 0, 3, "expected a field name before the value 'x'");
    row("and", 0, 3, "keyword 'and'");
    row("== 3", 0, 2, "expected a field name, found '=='");

    // Operators and operands.
    row("cmd = 7", 4, 1, "use '=='");
    row("bad & warn", 4, 1, "use '&&'");
    row("bad | warn", 4, 1, "use '||'");
    row("cmd ==", 6, 0, "expected a value after '=='");
    row("cmd == ", 7, 0, "expected a value after '=='");
    row("cmd == )", 7, 1, "expected a value after '==', found ')'");
    row("cmd == and", 7, 3, "keyword 'and'");
    row("dp.id 20", 6, 2, "expected an operator");
    row("dp.id == 20 dir == mcu", 12, 3, "expected '&&' or '||' before 'dir'");
    row("cmd == 12ab", 7, 4, "'12ab' is not a number");
    row("cmd == 0x", 7, 2, "'0x' is not a number");
    row("cmd == 1.2.3", 7, 5, "is not a number");
    row("cmd == seven", 7, 5, "'cmd' is a number; 'seven' is not");
    row("cmd == \"7\"", 7, 3, "'cmd' is a number");
    row("len contains 3", 4, 8, "'len' takes numbers");
    row("time matches \"1\"", 5, 7, "'time' takes numbers");
    row("dir == sideways", 7, 8, "unknown direction 'sideways'");
    row("dir in {mcu nowhere}", 12, 7, "unknown direction 'nowhere'");
    row("dir < mcu", 4, 1, "'dir' takes ==, != or in");
    row("dir contains m", 4, 8, "'dir' takes ==, != or in");
    row("proto == zigbee", 9, 6, "unknown protocol 'zigbee'");
    row("proto in {1..2}", 10, 4, "takes names, not ranges");
    row("severity >= fatal", 12, 5, "unknown severity 'fatal'");
    row("severity contains e", 9, 8, "'severity' takes");
    row("bad == maybe", 7, 5, "'bad' is true or false");
    row("bad > 1", 4, 1, "'bad' takes no operator");
    row("warn contains x", 5, 8, "'warn' takes no operator");
    row("dp.value matches \"(\"", 17, 3, "invalid regular expression");
    row("dp.value ~ \"[a-\"", 11, 5, "invalid regular expression");

    // Sets.
    row("cmd in 7", 7, 1, "expected '{' after 'in'");
    row("cmd in {}", 7, 1, "the set is empty");
    row("cmd in {1 2", 7, 1, "'{' is never closed");
    row("cmd in {a..3}", 8, 4, "a range needs numbers");
    row("cmd in {1..}", 11, 1, "expected a value after '..', found '}'");
    row("cmd in {, 1}", 8, 1, "expected a value after '{', found ','");

    // Parentheses and logic.
    row("(cmd == 7", 0, 1, "'(' is never closed");
    row("((cmd == 7)", 0, 1, "'(' is never closed");
    row("cmd == 7)", 8, 1, "')' without a matching '('");
    row("()", 1, 1, "expected a field name, found ')'");
    row("(cmd == 7 dir)", 10, 3, "expected ')', '&&' or '||' before 'dir'");
    row("bad &&", 6, 0, "the filter ends early");
    row("bad || ", 7, 0, "the filter ends early");
    row("!", 1, 0, "the filter ends early");
    row("bad && && warn", 7, 2, "expected a field name, found '&&'");

    // Strings and characters.
    row("dp.value == \"abc", 12, 4, "unterminated string");
    row("dp.value == 'abc", 12, 4, "unterminated string");
    row("dp.value == \"a\\qb\"", 14, 2, "unknown escape '\\q'");
    row("dp.value == \"\\x4\"", 13, 4, "'\\x' needs 2 hex digits");
    row("dp.value == \"\\u12\"", 13, 5, "'\\u' needs 4 hex digits");
    row("dp.value == \"abc\\", 12, 5, "unterminated string");
    row("cmd == 7 # comment", 9, 1, "unexpected character '#'");
    row("cmd == @", 7, 1, "unexpected character '@'");

    // dp[ID].
    row("dp[", 2, 1, "expected a DP id");
    row("dp[20", 5, 0, "expected ']'");
    row("dp[20 == 1", 6, 2, "expected ']'");
    row("dp[20].colour", 7, 6, "a DP unit has value, type, len and id");
    row("dp[20].", 6, 1, "a DP unit has value, type, len and id");
    row("dp[(]", 3, 1, "expected a DP id");
}

void TestFilter::errors()
{
    QFETCH(QString, filter);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, message);
    const FilterParseResult parsed = parseFilter(filter);
    QVERIFY2(!parsed.ok, "the filter should not parse");
    QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
    QCOMPARE(parsed.position, position);
    QCOMPARE(parsed.length, length);
    QVERIFY(parsed.position + parsed.length <= filter.size());
}

void TestFilter::needsDissection_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("needs");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("light facts") << QStringLiteral("dir == mcu && proto == mcu && version == 3 && cmd == 7 "
                                                   "&& len > 3 && time > 0")
                                 << false;
    QTest::newRow("bad") << QStringLiteral("cmd == 7 || bad") << true;
    QTest::newRow("warn") << QStringLiteral("!warn") << true;
    QTest::newRow("diag") << QStringLiteral("diag == GARBAGE") << true;
    QTest::newRow("severity") << QStringLiteral("severity >= note") << true;
    QTest::newRow("field") << QStringLiteral("(cmd == 7) && dp.id == 1") << true;
    QTest::newRow("dp unit") << QStringLiteral("dp[1]") << true;
}

void TestFilter::needsDissection()
{
    QFETCH(QString, filter);
    QFETCH(bool, needs);
    const FilterParseResult parsed = parseFilter(filter);
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.filter.needsDissection(), needs);
}

void TestFilter::emptyFilterMatchesEverything()
{
    for (const QString& text : {QString(), QStringLiteral("   \t ")}) {
        const FilterParseResult parsed = parseFilter(text);
        QVERIFY(parsed.ok);
        QVERIFY(parsed.filter.isEmpty());
        for (const FilterSubject& s : std::as_const(m_subjects))
            QVERIFY(parsed.filter.matches(s));
    }
    QVERIFY(Filter().matches(FilterSubject()));
}

void TestFilter::dissectionKeysAreAbsentWithoutDissection()
{
    FilterSubject light = m_subjects.value(QStringLiteral("overrun"));
    light.dissection = nullptr;
    QVERIFY(!parseFilter(QStringLiteral("bad")).filter.matches(light));
    QVERIFY(parseFilter(QStringLiteral("!bad")).filter.matches(light));
    QVERIFY(!parseFilter(QStringLiteral("dp.broken")).filter.matches(light));
    QVERIFY(parseFilter(QStringLiteral("cmd == 6")).filter.matches(light));
}

void TestFilter::copiedFilterOutlivesItsParse()
{
    Filter kept;
    {
        const FilterParseResult parsed = parseFilter(QStringLiteral("dp.value matches \"W.rld\" && cmd == 7"));
        QVERIFY(parsed.ok);
        kept = parsed.filter;
    }
    QCOMPARE(kept.text(), QStringLiteral("dp.value matches \"W.rld\" && cmd == 7"));
    QVERIFY(kept.matches(m_subjects.value(QStringLiteral("report"))));
    QVERIFY(!kept.matches(m_subjects.value(QStringLiteral("lan"))));
}

void TestFilter::deepNestingIsAnErrorNotACrash()
{
    const QString parens = QString(100000, u'(') + QStringLiteral("bad") + QString(100000, u')');
    const FilterParseResult deep = parseFilter(parens);
    QVERIFY(!deep.ok);
    QVERIFY2(deep.error.contains(QStringLiteral("nested too deeply")), qPrintable(deep.error));
    const FilterParseResult bangs = parseFilter(QString(100000, u'!') + QStringLiteral("bad"));
    QVERIFY(!bangs.ok);
    // Moderate nesting stays fine.
    const FilterParseResult fifty = parseFilter(QString(50, u'(') + QStringLiteral("bad") + QString(50, u')'));
    QVERIFY2(fifty.ok, qPrintable(fifty.error));
    // A long flat chain is not nesting.
    QStringList tests;
    for (int i = 0; i < 5000; ++i)
        tests << QStringLiteral("cmd == %1").arg(i);
    const FilterParseResult chain = parseFilter(tests.join(QStringLiteral(" || ")));
    QVERIFY2(chain.ok, qPrintable(chain.error));
    QVERIFY(chain.filter.matches(m_subjects.value(QStringLiteral("report"))));
}

void TestFilter::everySyntheticKeyParses()
{
    for (const KeyInfo& key : syntheticKeys()) {
        const FilterParseResult parsed = parseFilter(key.name);
        QVERIFY2(parsed.ok, qPrintable(key.name + QStringLiteral(": ") + parsed.error));
        QVERIFY(!key.description.isEmpty());
    }
    for (const QString& key : fieldKeyNames())
        QVERIFY2(parseFilter(key).ok, qPrintable(key));
    for (const QString& prefix : fieldKeyPrefixes())
        QVERIFY2(parseFilter(prefix + QStringLiteral("x")).ok, qPrintable(prefix));
}

QTEST_GUILESS_MAIN(TestFilter)
#include "tst_filter.moc"
