#include "support/Pty.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#ifdef __APPLE__
#include <util.h> // openpty on macOS and the BSDs
#else
#include <pty.h>
#endif
#include <termios.h>
#include <unistd.h>

namespace tuyascope::test {

namespace {

void setCloexec(int fd)
{
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags >= 0)
        ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

// Waits up to timeoutMs for `events` on fd; true when poll reports anything (incl. HUP/ERR).
bool waitFd(int fd, short events, int timeoutMs)
{
    pollfd p{fd, events, 0};
    int r;
    do {
        r = ::poll(&p, 1, timeoutMs);
    } while (r < 0 && errno == EINTR);
    return r > 0;
}

} // namespace

PtyPair::PtyPair()
{
    openPair();
}

PtyPair::~PtyPair()
{
    closeMaster();
    if (!m_linkPath.isEmpty())
        QFile::remove(m_linkPath);
}

bool PtyPair::openPair()
{
    int master = -1;
    int slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
        return false;
    // Not inherited by processes a test starts (the CLI), which would otherwise keep the
    // pty alive after closeMaster().
    setCloexec(master);
    setCloexec(slave);
    // Raw slave: no echo back to the master, no CR/LF translation, 8-bit clean. The settings
    // persist while the master is open, even after the slave fd below is closed.
    termios tio{};
    if (::tcgetattr(slave, &tio) == 0) {
        ::cfmakeraw(&tio);
        ::tcsetattr(slave, TCSANOW, &tio);
    }
    const char* name = ::ttyname(slave);
    m_slavePath = name ? QString::fromLocal8Bit(name) : QString();
    // The test's own slave fd is closed so that the transport under test is the only reader.
    ::close(slave);
    const int flags = ::fcntl(master, F_GETFL);
    ::fcntl(master, F_SETFL, flags | O_NONBLOCK); // readMaster/writeMaster never block forever
    m_master = master;
    return !m_slavePath.isEmpty();
}

bool PtyPair::pointLink()
{
    if (m_linkPath.isEmpty() || m_slavePath.isEmpty())
        return false;
    // Replace atomically (symlink beside it, then rename) so an opener never sees no link.
    const QByteArray link = QFile::encodeName(m_linkPath);
    const QByteArray temp = link + ".new";
    ::unlink(temp.constData());
    if (::symlink(QFile::encodeName(m_slavePath).constData(), temp.constData()) != 0)
        return false;
    return ::rename(temp.constData(), link.constData()) == 0;
}

bool PtyPair::setLinkPath(const QString& linkPath)
{
    if (!m_linkPath.isEmpty() && m_linkPath != linkPath)
        QFile::remove(m_linkPath);
    m_linkPath = linkPath;
    return pointLink();
}

void PtyPair::closeMaster()
{
    if (m_master >= 0)
        ::close(m_master);
    m_master = -1;
}

bool PtyPair::recreate()
{
    closeMaster();
    m_slavePath.clear();
    if (!openPair())
        return false;
    return m_linkPath.isEmpty() || pointLink();
}

qint64 PtyPair::writeMaster(QByteArrayView bytes)
{
    if (m_master < 0)
        return -1;
    QElapsedTimer clock;
    clock.start();
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_master, bytes.data() + done, size_t(bytes.size() - done));
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (clock.elapsed() > 2000) // nobody drains the slave: do not hang the test
                break;
            waitFd(m_master, POLLOUT, 10);
        } else {
            break;
        }
    }
    return done > 0 || bytes.isEmpty() ? qint64(done) : -1;
}

QByteArray PtyPair::readMaster(int waitMs)
{
    QByteArray out;
    if (m_master < 0)
        return out;
    QElapsedTimer clock;
    clock.start();
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_master, buffer, sizeof buffer);
        if (n > 0) {
            out.append(buffer, qsizetype(n));
            continue; // drain what is there
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (!out.isEmpty())
            return out;
        const qint64 left = waitMs - clock.elapsed();
        if (left <= 0)
            return out;
        if (n < 0 && errno == EAGAIN)
            waitFd(m_master, POLLIN, int(left));
        else // EIO: no slave open yet; poll would report HUP at once, so nap instead of spinning
            waitFd(-1, 0, int(qMin<qint64>(left, 5)));
    }
}

// ---------------------------------------------------------------------------------------------

PtyBridge::PtyBridge(PtyPair* a, PtyPair* b, QObject* parent) : QObject(parent)
{
    m_a.pair = a;
    m_b.pair = b;
    setUp(m_a);
    setUp(m_b);
    connect(m_a.notifier, &QSocketNotifier::activated, this,
            [this] { pump(m_a, m_b, m_tapAToB, m_aToB); });
    connect(m_b.notifier, &QSocketNotifier::activated, this,
            [this] { pump(m_b, m_a, m_tapBToA, m_bToA); });
}

PtyBridge::~PtyBridge() = default;

void PtyBridge::setUp(Side& side)
{
    side.notifier = new QSocketNotifier(side.pair->masterFd(), QSocketNotifier::Read, this);
    side.retry = new QTimer(this);
    side.retry->setSingleShot(true);
    side.retry->setInterval(20);
    QSocketNotifier* notifier = side.notifier;
    connect(side.retry, &QTimer::timeout, notifier, [notifier] { notifier->setEnabled(true); });
}

void PtyBridge::setTaps(PtyPair* aToBTap, PtyPair* bToATap)
{
    m_tapAToB = aToBTap;
    m_tapBToA = bToATap;
}

void PtyBridge::injectAToB(QByteArrayView bytes)
{
    send(m_b.pair, m_tapAToB, bytes, m_aToB);
}

void PtyBridge::injectBToA(QByteArrayView bytes)
{
    send(m_a.pair, m_tapBToA, bytes, m_bToA);
}

void PtyBridge::pump(Side& from, Side& to, PtyPair* tap, qint64& counter)
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(from.pair->masterFd(), buffer, sizeof buffer);
        if (n > 0) {
            send(to.pair, tap, QByteArrayView(buffer, qsizetype(n)), counter);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return; // drained
        // EIO (or EOF): nobody has this slave open, and the master polls as hung up, which
        // would wake the notifier in a busy loop. Look again in 20 ms.
        from.notifier->setEnabled(false);
        from.retry->start();
        return;
    }
}

void PtyBridge::send(PtyPair* to, PtyPair* tap, QByteArrayView bytes, qint64& counter)
{
    counter += bytes.size();
    to->writeMaster(bytes);
    if (tap)
        tap->writeMaster(bytes);
}

} // namespace tuyascope::test
