#pragma once
// Turns what users type in the consoles they know into a frame to send as the Wi-Fi module:
// Tasmota's TuyaSend0..8, OpenBeken's tuyaMcu_send* commands, and a complete hex frame. Length
// and checksum are always computed (a typed frame's own length/checksum are checked, not
// trusted).

#include <QByteArray>
#include <QString>

namespace tuyascope::mcu {

struct SendRequest {
    quint8 command = 0;     // command word
    QByteArray data;        // payload (without header, length and checksum)
    bool dpWrite = false;   // data is DP units for a set-DP (std 0x06; lp hosts send it as 0x09)
    QString text;           // what the user typed, for the record's annotation
};

struct SendParseResult {
    bool ok = false;
    SendRequest request;
    QString error;          // why the text is not a command, naming the bad token
};

// Accepted forms (case-insensitive command names; numbers accept 0x hex):
//   TuyaSend0 | TuyaSend1 dp,0|1 | TuyaSend2 dp,int|0xHEX | TuyaSend3 dp,text | TuyaSend4 dp,n
//   TuyaSend5 dp,HEX (string unit of hex digits) | TuyaSend6 dp,HEX (raw) | TuyaSend7 cmd,HEX
//   TuyaSend8
//   tuyaMcu_sendState dp type value   (type: bool|val|str|enum|raw|bitmap or 0..5)
//   tuyaMcu_sendCmd cmd HEX | tuyaMcu_sendQueryState | tuyaMcu_sendHeartbeat
//   tuyaMcu_sendProductInformation | tuyaMcu_sendMCUConf
//   55AA... a whole frame in hex (spaces allowed); its version byte is replaced by the sender's
SendParseResult parseSendCommand(const QString& text);

// Help text listing the forms above, one per line (for the CLI and the GUI send panel).
QString sendCommandHelp();

} // namespace tuyascope::mcu
