// The window's list path, measured: open a generated 1,000,000-frame TuyaMCU pcapng to an
// interactive list (load, analysis, list published and painted), the memory that costs per frame
// beyond the raw bytes, the document's background pass, and live append at 10,000 frames/s with an
// event-loop stall probe. Prints figures; it never fails on speed. Build Release:
//   cmake --preset release -DTUYASCOPE_BUILD_GUI=ON && cmake --build build-release --target bench_gui
//   ./build-release/tests/benchmarks/bench_gui [frames] [pcapng path]
// The machine may be shared: every phase prints wall time and this thread's CPU time.

#include "document/CaptureDocument.h"
#include "frames/CaptureFrames.h"
#include "import/CaptureLoader.h"
#include "keys/KeyStore.h"
#include "models/FrameListModel.h"
#include "pcapng/PcapngWriter.h"
#include "sessions/LiveSession.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHeaderView>
#include <QPixmap>
#include <QRandomGenerator>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <malloc.h>
#include <sys/resource.h>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

// ---- clocks and memory ---------------------------------------------------------------------

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double processCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// Wall and CPU time of one phase.
struct Stopwatch {
    QElapsedTimer wall;
    double cpu0 = 0;
    Stopwatch() { restart(); }
    void restart()
    {
        cpu0 = threadCpuMs();
        wall.start();
    }
    double wallMs() const { return double(wall.nsecsElapsed()) / 1e6; }
    double cpuMs() const { return threadCpuMs() - cpu0; }
};

// Bytes the allocator has handed out and not got back (heap + mmapped chunks): what our data
// structures cost, independent of what the allocator keeps cached for later.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd);
}

qint64 residentBytes()
{
    malloc_trim(0); // give freed pages back, so RSS shows what is held
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    qint64 kb = -1;
    while (std::fgets(line, sizeof line, f)) {
        if (std::sscanf(line, "VmRSS: %lld kB", &kb) == 1)
            break;
    }
    std::fclose(f);
    return kb * 1024;
}

void printPhase(const char* name, const Stopwatch& watch)
{
    std::printf("  %-44s %9.1f ms wall %9.1f ms cpu\n", name, watch.wallMs(), watch.cpuMs());
}

// ---- the generated capture -----------------------------------------------------------------

// A realistic TuyaMCU conversation on one UART, as a sniffer records it: heartbeats, status
// reports of 1-3 dps, dp writes answered by reports, now and then a dp query answered by a burst.
// Each frame is one read chunk; times advance 1-20 ms per frame.
class TrafficMix {
public:
    explicit TrafficMix(quint32 seed) : m_rng(seed) {}

    // Appends the next exchange (1-4 frames) to `capture`; returns the frames appended.
    int appendExchange(Capture& capture, int channel)
    {
        const quint32 pick = m_rng.bounded(100u);
        if (pick < 30) { // heartbeat
            add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x00, {}));
            add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x00, QByteArray(1, '\x01')));
            return 2;
        }
        if (pick < 75) { // unsolicited report of 1-3 dps
            add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x07, someDps(int(1 + m_rng.bounded(3u)))));
            return 1;
        }
        if (pick < 97) { // a write, answered by a report of the written dp
            const QByteArray dp = someDps(1);
            add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x06, dp));
            add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x07, dp));
            return 2;
        }
        add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x08, {})); // query: a burst of reports
        for (int i = 0; i < 3; ++i)
            add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x07, someDps(1)));
        return 4;
    }

    // The session start: product and working-mode queries.
    int appendStart(Capture& capture, int channel)
    {
        add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x00, {}));
        add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x00, QByteArray(1, '\x00')));
        add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x01, {}));
        add(capture, channel, Direction::McuToModule,
            encodeFrame(0x03, 0x01, QByteArrayLiteral("{\"p\":\"benchbenchbench1\",\"v\":\"1.0.0\",\"m\":0}")));
        add(capture, channel, Direction::ModuleToMcu, encodeFrame(0x00, 0x02, {}));
        add(capture, channel, Direction::McuToModule, encodeFrame(0x03, 0x02, {}));
        return 6;
    }

private:
    QByteArray someDps(int count)
    {
        QByteArray out;
        for (int i = 0; i < count; ++i) {
            switch (m_rng.bounded(4u)) {
            case 0: out += encodeBoolDp(1, m_rng.bounded(2u) == 1); break;
            case 1: out += encodeValueDp(quint8(2 + m_rng.bounded(3u)), qint32(m_rng.bounded(3000u)) - 200); break;
            case 2: out += encodeEnumDp(5, quint8(m_rng.bounded(4u))); break;
            default: out += encodeValueDp(101, qint32(m_rng.bounded(100000u))); break;
            }
        }
        return out;
    }

    void add(Capture& capture, int channel, Direction direction, const QByteArray& frame)
    {
        m_timeUs += 1000 + qint64(m_rng.bounded(19000u));
        capture.append(m_timeUs, direction, channel, frame);
    }

    QRandomGenerator m_rng;
    qint64 m_timeUs = 1'763'700'000'000'000; // Nov 2025
};

ChannelInfo uartChannel()
{
    ChannelInfo channel;
    channel.name = QStringLiteral("uart");
    channel.source = QStringLiteral("/dev/ttyUSB0");
    channel.description = QStringLiteral("generated by bench_gui");
    channel.baudRate = 9600;
    return channel;
}

Capture generateCapture(int frames)
{
    Capture capture;
    const int channel = capture.addChannel(uartChannel());
    TrafficMix mix(20251121);
    int made = mix.appendStart(capture, channel);
    while (made < frames)
        made += mix.appendExchange(capture, channel);
    return capture;
}

// Every EPB holds at least 32 bytes of block and options plus a 7-byte frame.
qint64 minimumFileSize(int frames) { return qint64(frames) * 40; }

bool ensureFile(const QString& path, int frames)
{
    const QFileInfo info(path);
    if (info.exists() && info.size() >= minimumFileSize(frames) && info.size() < minimumFileSize(frames) * 4) {
        std::printf("reusing %s (%lld bytes)\n", qPrintable(path), info.size());
        return true;
    }
    Stopwatch watch;
    QString error;
    {
        const Capture capture = generateCapture(frames);
        if (!writePcapngFile(capture, path, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path), qPrintable(error));
            return false;
        }
    }
    std::printf("generated %s (%lld bytes) in %.1f s\n", qPrintable(path), QFileInfo(path).size(), watch.wallMs() / 1e3);
    return true;
}

// ---- the list ------------------------------------------------------------------------------

QTableView* makeListView(ui::FrameListModel* model)
{
    auto* view = new QTableView;
    view->setModel(model);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(20);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // as CaptureListView: no per-row sizing
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->resize(1200, 800);
    view->show();
    return view;
}

// Processes events until the model shows `rows` rows (or 30 s pass).
bool waitForRows(const ui::FrameListModel& model, int rows)
{
    QElapsedTimer clock;
    clock.start();
    while (model.rowCount() < rows && clock.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return model.rowCount() >= rows;
}

// ---- 1: a file to an interactive list --------------------------------------------------------

struct FileFigures {
    int frames = 0;
    qint64 rawBytes = 0;
};

FileFigures benchFile(const QString& path)
{
    FileFigures figures;
    auto* model = new ui::FrameListModel;
    QTableView* view = makeListView(model);
    view->grab();
    QCoreApplication::processEvents();

    const qint64 heap0 = heapInUse();
    const qint64 rss0 = residentBytes();
    std::printf("\n1. open %s to an interactive list\n", qPrintable(QFileInfo(path).fileName()));

    Stopwatch total;
    Stopwatch watch;
    LoadResult loaded = loadCaptureFiles({path});
    if (!loaded.ok) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(loaded.error));
        return figures;
    }
    printPhase("(a) load (loadCaptureFiles)", watch);
    const qint64 heapCapture = heapInUse();

    watch.restart();
    keys::KeyStore keys;
    auto frames = std::make_unique<CaptureFrames>(loaded.capture, keys);
    loaded = LoadResult(); // as MainWindow: the loader's result dies, the frames keep the capture
    printPhase("(b) analysis (CaptureFrames / McuSession)", watch);
    const qint64 heapSession = heapInUse();

    figures.frames = frames->frameCount();
    figures.rawBytes = frames->capture().totalBytes();

    // The list first, then the document: in the window the document is created just before the
    // list is pointed at its frames and its 8 ms background slices interleave with the list's
    // publishing; here it follows, so the memory figures keep the list and the background pass apart.
    watch.restart();
    const CaptureFrames* table = frames.get();
    model->setTable(table);
    const bool published = waitForRows(*model, figures.frames);
    view->scrollToTop();
    const QPixmap firstScreen = view->grab(); // paints the first screen (row summaries computed)
    printPhase("(c) list: setTable, rows published, painted", watch);
    std::printf("  %-44s %9.1f ms wall %9.1f ms cpu   %s\n", "=> picked the file -> list shows rows",
                total.wallMs(), total.cpuMs(), total.wallMs() < 2000 ? "(goal < 2 s: met)" : "(goal < 2 s: MISSED)");
    std::printf("     rows %d of %d published%s, screen %dx%d\n", model->rowCount(), figures.frames,
                published ? "" : " (TIMED OUT)", firstScreen.width(), firstScreen.height());
    const qint64 heapList = heapInUse();
    const qint64 rss1 = residentBytes();
    auto* document = new ui::CaptureDocument(std::move(frames), QStringLiteral("bench"), {path});

    // (d) memory, measured before the background pass adds its dp table and diagnostics.
    const double n = double(qMax(1, figures.frames));
    const auto perFrame = [&](qint64 bytes) { return double(bytes) / n; };
    std::printf("\n(d) memory for %d frames, %lld raw frame bytes (%.1f per frame)\n", figures.frames,
                figures.rawBytes, perFrame(figures.rawBytes));
    std::printf("  %-44s %12s %10s\n", "", "bytes", "per frame");
    std::printf("  %-44s %12lld %10.1f\n", "capture (records + arena, incl. raw bytes)", heapCapture - heap0,
                perFrame(heapCapture - heap0));
    std::printf("  %-44s %12lld %10.1f\n", "McuSession (items, streams) + LAN check", heapSession - heapCapture,
                perFrame(heapSession - heapCapture));
    std::printf("  %-44s %12lld %10.1f\n", "list model + view + first screen", heapList - heapSession,
                perFrame(heapList - heapSession));
    const qint64 heapBeyond = heapList - heap0 - figures.rawBytes;
    const qint64 rssBeyond = rss1 - rss0 - figures.rawBytes;
    std::printf("  %-44s %12lld %10.1f   %s\n", "heap in use beyond the raw bytes", heapBeyond, perFrame(heapBeyond),
                perFrame(heapBeyond) <= 150 ? "(goal <= 150: met)" : "(goal <= 150: MISSED)");
    std::printf("  %-44s %12lld %10.1f   %s\n", "RSS growth beyond the raw bytes", rssBeyond, perFrame(rssBeyond),
                perFrame(rssBeyond) <= 150 ? "(goal <= 150: met)" : "(goal <= 150: MISSED)");
    {
        const CaptureFrames& cf = static_cast<const CaptureFrames&>(document->frames());
        const mcu::McuSession& session = cf.mcuSession();
        qint64 streamBytes = 0;
        for (const mcu::McuStream& s : session.streams())
            streamBytes += s.records.capacity() * qint64(sizeof(int)) + s.starts.capacity() * qint64(sizeof(qint64));
        std::printf("  structure sizes: record %.1f B (x%d, measured), item %zu B (x%d, capacity %lld), stream index %.1f B/record\n",
                    double(heapCapture - heap0 - figures.rawBytes) / double(qMax(1, cf.capture().recordCount())),
                    cf.capture().recordCount(), sizeof(mcu::McuItem), session.itemCount(),
                    qint64(session.items().capacity()), double(streamBytes) / double(qMax(1, cf.capture().recordCount())));
    }

    // (e) the background passes after the list is up: the dp table (from the frame bytes), then
    // the diagnostics (every frame's field tree).
    Stopwatch pass;
    const double processCpu0 = processCpuMs();
    QElapsedTimer clock;
    clock.start();
    while (document->fillingDps() && clock.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // sleeps when idle: cpu counts work only
    const double dpWall = pass.wallMs();
    const double dpCpu = processCpuMs() - processCpu0;
    const int dpSeries = int(document->dps().series().size());
    while (document->analysing() && clock.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double passWall = pass.wallMs();
    const double passCpu = processCpuMs() - processCpu0;
    std::printf("\n(e) background passes, %d frames%s\n", figures.frames, document->analysing() ? " (NOT FINISHED)" : "");
    std::printf("  %-44s %9.1f ms wall %9.1f ms cpu   %.0f frames/s wall   %s\n", "dp table filled (from the bytes)", dpWall, dpCpu,
                n / (dpWall / 1e3), dpWall < 1000 ? "(goal < 1 s: met)" : "(goal < 1 s: MISSED)");
    std::printf("  %-44s %9.1f ms wall %9.1f ms cpu   %.0f frames/s wall, %.0f frames/s cpu\n", "... then diagnostics (field trees)",
                passWall - dpWall, passCpu - dpCpu, n / ((passWall - dpWall) / 1e3), n / ((passCpu - dpCpu) / 1e3));
    std::printf("  dp series %d (when filled) %d (end), diagnostics %d; heap after the passes +%.1f B/frame\n", dpSeries,
                int(document->dps().series().size()), int(document->diagnostics().size()), perFrame(heapInUse() - heapList));

    model->setTable(nullptr);
    delete view;
    delete model;
    delete document;
    return figures;
}

// ---- 2: live append --------------------------------------------------------------------------

class BenchSession : public LiveSession {
public:
    BenchSession() : LiveSession(QStringLiteral("bench live"))
    {
        ChannelInfo toModule = uartChannel();
        toModule.name = QStringLiteral("mcu-tx");
        toModule.direction = Direction::McuToModule;
        ChannelInfo toMcu = uartChannel();
        toMcu.name = QStringLiteral("module-tx");
        toMcu.direction = Direction::ModuleToMcu;
        m_mcuTx = capture().addChannel(toModule);
        m_moduleTx = capture().addChannel(toMcu);
    }
    void start() override { setState(State::Running, QStringLiteral("running")); }
    void stop() override { setState(State::Stopped, QStringLiteral("stopped")); }
    int channelFor(Direction direction) const { return direction == Direction::McuToModule ? m_mcuTx : m_moduleTx; }

private:
    int m_mcuTx = 0;
    int m_moduleTx = 1;
};

void benchLive(int framesPerSecond, int seconds)
{
    constexpr int kTickMs = 10;
    const int perTick = framesPerSecond * kTickMs / 1000;
    const int total = framesPerSecond * seconds;
    std::printf("\n(f) live append: %d frames/s (every %d ms, ~%d frames a read) for %d s, list shown\n", framesPerSecond,
                kTickMs, perTick, seconds);

    // The frames, made up front so the feed costs what a transport would: one appendChunk each.
    const Capture source = generateCapture(total);

    auto* session = new BenchSession;
    auto* document = new ui::CaptureDocument(session);
    auto* model = new ui::FrameListModel;
    QObject::connect(document, &ui::CaptureDocument::framesAppended, model, &ui::FrameListModel::noteFramesAppended);
    model->setTable(&document->frames());
    QTableView* view = makeListView(model);
    session->start();
    QCoreApplication::processEvents();

    // Stall probe: a 1 ms timer; the gaps between its ticks are the event loop's latency.
    QVector<double> gaps;
    gaps.reserve(seconds * 1000 + 1000);
    QElapsedTimer probeClock;
    qint64 lastTick = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        if (lastTick >= 0)
            gaps.push_back(double(now - lastTick) / 1e6);
        lastTick = now;
    });

    int fed = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(kTickMs);
    QElapsedTimer feedClock;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        // As a serial port delivers: everything that arrived since the last read, even when the
        // read comes late (the rate holds however busy the event loop is).
        const int end = int(qMin<qint64>(total, qint64(framesPerSecond) * feedClock.elapsed() / 1000));
        for (; fed < end; ++fed) {
            const Direction direction = source.recordDirection(fed);
            session->capture().appendChunk(session->channelFor(direction), source.recordTime(fed),
                                           source.recordBytes(fed));
        }
        if (fed >= total)
            feeder.stop();
    });
    // Keep scrolling to the newest rows, as a user following the live list would.
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view, [view] { view->scrollToBottom(); });

    Stopwatch watch;
    const double processCpu0 = processCpuMs();
    probeClock.start();
    feedClock.start();
    probe.start();
    feeder.start();
    QElapsedTimer clock;
    clock.start();
    while ((feeder.isActive() || model->rowCount() < total) && clock.elapsed() < qint64(seconds) * 1000 + 10000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // sleeps when idle: cpu counts work only
    probe.stop();
    const double wall = watch.wallMs();
    const double cpu = processCpuMs() - processCpu0;

    std::sort(gaps.begin(), gaps.end());
    const auto quantile = [&](double q) { return gaps.isEmpty() ? 0.0 : gaps.at(qMin(int(gaps.size()) - 1, int(q * double(gaps.size())))); };
    std::printf("  %-44s %9.1f ms wall %9.1f ms cpu (process, all threads) = %.0f%% of one core\n", "feed + list",
                wall, cpu, 100.0 * cpu / wall);
    std::printf("  frames fed %d, frames in the table %d, rows shown %d (%.0f frames/s achieved)\n", fed,
                document->frames().frameCount(), model->rowCount(), double(model->rowCount()) / (wall / 1e3));
    std::printf("  event-loop gaps (1 ms probe, %d ticks): median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                int(gaps.size()), quantile(0.5), quantile(0.99), gaps.isEmpty() ? 0.0 : gaps.last());
    std::printf("  dp series %d, diagnostics %d\n", int(document->dps().series().size()),
                int(document->diagnostics().size()));

    model->setTable(nullptr);
    delete view;
    delete model;
    delete document;
}

double loadAverage()
{
    double load[3] = {0, 0, 0};
    return getloadavg(load, 3) >= 1 ? load[0] : -1;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int frames = args.size() > 1 ? args.at(1).toInt() : 1'000'000;
    const QString path = args.size() > 2 ? args.at(2)
                                         : QDir::temp().filePath(QStringLiteral("tuyascope-bench-gui-%1.pcapng").arg(frames));
    std::printf("bench_gui: %d frames, %d cores, load average %.2f at start\n", frames,
                QThread::idealThreadCount(), loadAverage());
    std::printf("wall = elapsed time; cpu = CPU time of the GUI thread (of the process where said).\n");
    // BENCH_GUI_LIVE_ONLY=1 runs only (f), e.g. under callgrind; BENCH_GUI_LIVE_RATE / _SECONDS tune it.
    const bool liveOnly = qEnvironmentVariableIntValue("BENCH_GUI_LIVE_ONLY") != 0;
    if (!liveOnly) {
        if (frames <= 0 || !ensureFile(path, frames))
            return 1;
        const FileFigures figures = benchFile(path);
        if (figures.frames == 0)
            return 1;
    }
    const int liveRate = qEnvironmentVariableIsSet("BENCH_GUI_LIVE_RATE") ? qEnvironmentVariableIntValue("BENCH_GUI_LIVE_RATE") : 10'000;
    const int liveSeconds = qEnvironmentVariableIsSet("BENCH_GUI_LIVE_SECONDS") ? qEnvironmentVariableIntValue("BENCH_GUI_LIVE_SECONDS") : 5;
    benchLive(liveRate, liveSeconds);
    std::printf("\nload average %.2f at the end\n", loadAverage());
    return 0;
}
