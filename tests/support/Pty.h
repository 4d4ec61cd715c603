#pragma once
// Pseudo-terminal helpers for tests (POSIX only): a PtyPair stands in for a USB-UART adapter
// (the slave is the "device" a transport opens, the master is the far end of the wire), and a
// PtyBridge joins two pairs' masters into a simulated UART wire with optional sniffer taps.

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>
#include <QString>

class QSocketNotifier;
class QTimer;

namespace tuyascope::test {

class PtyPair {
public:
    PtyPair(); // opens a pair at once; check ok()
    ~PtyPair();
    PtyPair(const PtyPair&) = delete;
    PtyPair& operator=(const PtyPair&) = delete;

    bool ok() const { return m_master >= 0; }
    int masterFd() const { return m_master; }
    QString slavePath() const { return m_slavePath; } // "/dev/pts/7"

    // Creates (or replaces) a symlink at linkPath pointing to the slave, so a transport can
    // open a path that survives recreate(). Removed again by the destructor.
    bool setLinkPath(const QString& linkPath);
    QString linkPath() const { return m_linkPath; }

    void closeMaster();  // simulates unplugging the adapter: the slave hangs up and vanishes
    bool recreate();     // simulates plugging it back: a NEW pair, the symlink re-pointed

    // Writes everything (waits on EAGAIN, gives up after ~2 s); returns bytes written or -1.
    qint64 writeMaster(QByteArrayView bytes);
    // Returns what is available, waiting up to waitMs for the first byte; empty on timeout,
    // on EIO (no slave open) and when the master is closed.
    QByteArray readMaster(int waitMs);

private:
    bool openPair();
    bool pointLink();
    int m_master = -1;
    QString m_slavePath;
    QString m_linkPath;
};

// A simulated UART wire between the masters of two pairs: what a program writes to slave A
// arrives at slave B and vice versa, like the Wi-Fi module and the MCU on a real board.
class PtyBridge : public QObject {
    Q_OBJECT
public:
    PtyBridge(PtyPair* a, PtyPair* b, QObject* parent = nullptr);
    ~PtyBridge() override;

    // Mirrors every byte going A->B to aToBTap's master and B->A to bToATap's (either may be
    // null), so a sniffer opening a tap's slave sees exactly that line.
    void setTaps(PtyPair* aToBTap, PtyPair* bToATap);
    // Puts extra bytes (garbage, glitches) on a line: delivered to the peer and to the tap.
    void injectAToB(QByteArrayView bytes);
    void injectBToA(QByteArrayView bytes);

    qint64 bytesAToB() const { return m_aToB; } // everything put on each line so far
    qint64 bytesBToA() const { return m_bToA; }

private:
    struct Side {
        PtyPair* pair = nullptr;
        QSocketNotifier* notifier = nullptr;
        QTimer* retry = nullptr;
    };
    void setUp(Side& side);
    void pump(Side& from, Side& to, PtyPair* tap, qint64& counter);
    void send(PtyPair* to, PtyPair* tap, QByteArrayView bytes, qint64& counter);

    Side m_a;
    Side m_b;
    PtyPair* m_tapAToB = nullptr;
    PtyPair* m_tapBToA = nullptr;
    qint64 m_aToB = 0;
    qint64 m_bToA = 0;
};

} // namespace tuyascope::test
