#pragma once
// The LAN command catalogue (reference section 6): a registry keyed by command number. Each
// entry names the command in the three naming traditions, says who sends it and, per version
// and sender, whether its body carries the 15-byte version header. Encoder and dissector only
// ask the registry; adding a command never touches them.

#include "tuyalan/LanVersion.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace tuyascope::lan {

enum class HeaderRule : quint8 {
    None,           // the body follows directly (after the retcode): JSON, text or handshake bytes
    VersionHeader,  // a 15-byte block precedes the body: clear before the ECB ciphertext in 3.2/3.3,
                    // inside the ciphertext/plaintext in 3.4/3.5
    Envelope31,     // 3.1 only: "3.1" + md5 slice + base64(AES-ECB(json)) (reference 4.5)
};
QString headerRuleName(HeaderRule rule);

// One rule per version group: 3.1 | 3.2 and 3.3 | 3.4 and 3.5.
struct HeaderRules {
    HeaderRule v31 = HeaderRule::None;
    HeaderRule v33 = HeaderRule::VersionHeader;
    HeaderRule v34 = HeaderRule::VersionHeader;
    HeaderRule forVersion(LanVersion version) const;
};

enum class LanSenders : quint8 { Client, Device, Both };

// Bit per version, for LanCommandSpec::versions.
constexpr quint8 versionBit(LanVersion v) { return quint8(1u << quint8(v)); }
constexpr quint8 kAllVersions = versionBit(LanVersion::V31) | versionBit(LanVersion::V32) | versionBit(LanVersion::V33)
                                | versionBit(LanVersion::V34) | versionBit(LanVersion::V35);
constexpr quint8 kVersions31to33 = versionBit(LanVersion::V31) | versionBit(LanVersion::V32) | versionBit(LanVersion::V33);
constexpr quint8 kVersions32to35 = kAllVersions & quint8(~versionBit(LanVersion::V31));
constexpr quint8 kVersions34to35 = versionBit(LanVersion::V34) | versionBit(LanVersion::V35);

struct LanCommandSpec {
    quint32 number = 0;
    QString name;            // tinytuya's constant; tuyapi's or the SDK's when tinytuya has none
    QString tuyapiName;      // empty when tuyapi does not define it
    QString sdkName;         // official frame-type constant, empty when none
    QString meaning;         // one line: what the body is
    LanSenders senders = LanSenders::Both;
    QString directionNote;   // who starts, who answers
    HeaderRules fromClient;
    HeaderRules fromDevice;
    quint8 versions = kAllVersions; // versions that use the command (others: "use X instead")
    bool handshake = false;  // 3/4/5: binary body, always the real local key
    bool discovery = false;  // UDP discovery: fixed UDP key, CRC32 even in 3.4, never a header
    QString note;            // where the sources disagree
};

class LanCommandCatalogue {
public:
    static const LanCommandCatalogue& instance();

    void add(const LanCommandSpec& spec);
    const LanCommandSpec* find(quint32 number) const;
    QVector<const LanCommandSpec*> commands() const;   // in registration order

    // The header rule for a command, falling back to the "anything else" row of reference 4.3
    // for commands the catalogue does not know.
    HeaderRule headerRule(quint32 number, LanVersion version, LanSender sender) const;
    // "CONTROL (0x07)" or "unknown (0x1a)".
    QString label(quint32 number) const;

private:
    QVector<LanCommandSpec> m_commands;
    QHash<quint32, int> m_index;
};

// Registration functions, one per part of the table (see LanCommands*.cpp).
void registerLanCoreCommands(LanCommandCatalogue& catalogue);
void registerLanDiscoveryCommands(LanCommandCatalogue& catalogue);
void registerLanGatewayCommands(LanCommandCatalogue& catalogue);

// Well-known numbers the codec itself refers to.
namespace cmd {
constexpr quint32 Udp = 0x00;
constexpr quint32 SessKeyNegStart = 0x03;
constexpr quint32 SessKeyNegResp = 0x04;
constexpr quint32 SessKeyNegFinish = 0x05;
constexpr quint32 Control = 0x07;
constexpr quint32 Status = 0x08;
constexpr quint32 HeartBeat = 0x09;
constexpr quint32 DpQuery = 0x0a;
constexpr quint32 ControlNew = 0x0d;
constexpr quint32 DpQueryNew = 0x10;
constexpr quint32 UpdateDps = 0x12;
constexpr quint32 UdpNew = 0x13;
constexpr quint32 BoardcastLpv34 = 0x23;
constexpr quint32 ReqDevInfo = 0x25;
constexpr quint32 LanExtStream = 0x40;
} // namespace cmd

} // namespace tuyascope::lan
