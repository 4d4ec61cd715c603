// The platform layer's POSIX implementations (core/platform/*Posix.cpp), on this machine: stop
// requests from real signals, standard input from a real pipe, owner-only files by their modes,
// the program's own path, serial names and the display decision.
#include "platform/ConsoleInput.h"
#include "platform/Display.h"
#include "platform/OwnerOnly.h"
#include "platform/Programs.h"
#include "platform/SerialNames.h"
#include "platform/StopRequests.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tuyascope;

namespace {

int fileMode(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// Puts a pipe's read end on fd 0 for the lifetime of the object; the write end is `writeEnd`.
struct PipeOnStdin {
    PipeOnStdin()
    {
        int fds[2];
        ok = ::pipe(fds) == 0;
        if (!ok)
            return;
        savedStdin = ::dup(STDIN_FILENO);
        ok = ::dup2(fds[0], STDIN_FILENO) >= 0;
        ::close(fds[0]);
        writeEnd = fds[1];
    }
    ~PipeOnStdin()
    {
        closeWriteEnd();
        if (savedStdin >= 0) {
            ::dup2(savedStdin, STDIN_FILENO);
            ::close(savedStdin);
        }
    }
    bool write(const QByteArray& bytes) const
    {
        return ::write(writeEnd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    }
    void closeWriteEnd()
    {
        if (writeEnd >= 0)
            ::close(writeEnd);
        writeEnd = -1;
    }
    bool ok = false;
    int savedStdin = -1;
    int writeEnd = -1;
};

class EnvironmentGuard {
public:
    explicit EnvironmentGuard(const char* name) : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_value(qgetenv(name)) {}
    ~EnvironmentGuard()
    {
        if (m_had)
            qputenv(m_name, m_value);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_had;
    QByteArray m_value;
};

} // namespace

class TestPlatformPosix : public QObject {
    Q_OBJECT
private slots:
    void stopRequestArrivesInTheEventLoop_data();
    void stopRequestArrivesInTheEventLoop();
    void consoleInputDeliversChunksThenEnd();
    void restrictToOwnerGivesOwnerOnlyModes();
    void accessibleByOthersReadsTheModeBits();
    void executablePathIsThisProgram();
    void handOverReplacesTheProcess();
    void serialNames_data();
    void serialNames();
    void displayFollowsTheEnvironment();
};

void TestPlatformPosix::stopRequestArrivesInTheEventLoop_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestPlatformPosix::stopRequestArrivesInTheEventLoop()
{
    QFETCH(int, signalNumber);
    QObject context;
    int calls = 0;
    Qt::HANDLE thread = nullptr;
    QVERIFY(platform::installStopRequestHandler(&context, [&] {
        ++calls;
        thread = QThread::currentThreadId();
    }));
    QCOMPARE(::raise(signalNumber), 0); // the handler only writes a byte: nothing runs yet
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 1);
    QCOMPARE(thread, QThread::currentThreadId()); // delivered in the event loop's thread
    std::signal(signalNumber, SIG_DFL);
}

void TestPlatformPosix::consoleInputDeliversChunksThenEnd()
{
    PipeOnStdin pipe;
    QVERIFY(pipe.ok);
    platform::ConsoleInput input;
    QVERIFY(input.isWatching()); // a pipe is not a terminal: no foreground rule applies
    QSignalSpy received(&input, &platform::ConsoleInput::received);
    QSignalSpy ended(&input, &platform::ConsoleInput::ended);
    QVERIFY(pipe.write("TuyaSend1 1,1\n"));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("TuyaSend1 1,1\n"));
    QVERIFY(pipe.write("TuyaSend2 2,"));
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(1).at(0).toByteArray(), QByteArray("TuyaSend2 2,"));
    QCOMPARE(ended.size(), 0);
    pipe.closeWriteEnd();
    QTRY_COMPARE(ended.size(), 1);
    QVERIFY(!input.isWatching());
}

void TestPlatformPosix::restrictToOwnerGivesOwnerOnlyModes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("keys"));
    QVERIFY(QDir().mkpath(folder));
    const QString file = folder + QStringLiteral("/keys.json");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther | QFileDevice::WriteOther));
    QString error;
    QVERIFY2(platform::restrictToOwner(file, &error), qPrintable(error));
    QCOMPARE(fileMode(file), 0600);
    QVERIFY2(platform::restrictToOwner(folder, &error), qPrintable(error));
    QCOMPARE(fileMode(folder), 0700); // a folder keeps its owner's search bit

    QVERIFY(!platform::restrictToOwner(dir.filePath(QStringLiteral("missing")), &error));
    QVERIFY(!error.isEmpty());
}

void TestPlatformPosix::accessibleByOthersReadsTheModeBits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("keys.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const struct {
        int mode;
        bool others;
    } cases[] = {{0600, false}, {0400, false}, {0640, true}, {0604, true}, {0602, true}, {0610, true}, {0666, true}};
    for (const auto& c : cases) {
        QCOMPARE(::chmod(QFile::encodeName(file).constData(), mode_t(c.mode)), 0);
        QVERIFY2(platform::accessibleByOthers(file) == c.others, qPrintable(QString::number(c.mode, 8)));
    }
    QVERIFY(platform::restrictHint().contains(QLatin1String("chmod 600")));
}

void TestPlatformPosix::executablePathIsThisProgram()
{
    const QString path = platform::executablePath();
    QVERIFY(QFileInfo(path).isAbsolute());
    QCOMPARE(path, QFileInfo(QCoreApplication::applicationFilePath()).canonicalFilePath());
    QCOMPARE(platform::programFileName(QStringLiteral("tuyascope-cli")), QStringLiteral("tuyascope-cli"));
}

void TestPlatformPosix::handOverReplacesTheProcess()
{
    // A forked child hands over to /bin/sh: the exit code and output are the new program's.
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        platform::handOverTo(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exit 7")});
        ::_exit(99); // only when the hand-over failed
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 7);
    // A program that does not exist: the call returns and says so.
    QCOMPARE(platform::handOverTo(QStringLiteral("/nonexistent/tuyascope-cli"), {}), -1);
    QCOMPARE(platform::handOverTo(QStringLiteral("tuyascope-no-such-program-in-path"), {}), -1);
}

void TestPlatformPosix::serialNames_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("opened");
    QTest::newRow("bare name") << "ttyUSB0" << "/dev/ttyUSB0";
    QTest::newRow("path") << "/dev/ttyACM1" << "/dev/ttyACM1";
    QTest::newRow("pty") << "/dev/pts/7" << "/dev/pts/7";
    QTest::newRow("relative symlink") << "./link/tty" << "./link/tty";
    QTest::newRow("empty") << "" << "";
}

void TestPlatformPosix::serialNames()
{
    QFETCH(QString, typed);
    QFETCH(QString, opened);
    QCOMPARE(platform::serialSystemLocation(typed), opened);
    QVERIFY(platform::serialPortWorthListing(QStringLiteral("/dev/ttyUSB0")));
    QVERIFY(platform::serialPortExamples().contains(QLatin1String("/dev/")));
}

void TestPlatformPosix::displayFollowsTheEnvironment()
{
    const EnvironmentGuard display("DISPLAY"), wayland("WAYLAND_DISPLAY"), qpa("QT_QPA_PLATFORM");
#ifdef __APPLE__
    qunsetenv("DISPLAY");
    QVERIFY(platform::displayAvailable()); // the window server needs no variable
    return;
#endif
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qunsetenv("QT_QPA_PLATFORM");
    QVERIFY(!platform::displayAvailable());
    qputenv("DISPLAY", ":0");
    QVERIFY(platform::displayAvailable());
    qunsetenv("DISPLAY");
    qputenv("WAYLAND_DISPLAY", "wayland-0");
    QVERIFY(platform::displayAvailable());
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("QT_QPA_PLATFORM", "offscreen"); // the user chose a platform: trust it
    QVERIFY(platform::displayAvailable());
}

QTEST_GUILESS_MAIN(TestPlatformPosix)
#include "tst_platform_posix.moc"
