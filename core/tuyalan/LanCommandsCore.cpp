// TCP commands of reference section 6 with the header rules of reference 4.3.
// Rules default to the "anything else" row: none in 3.1, a version header from 3.2 on.

#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope::lan {

namespace {

LanCommandSpec command(quint32 number, const char* name, const char* tuyapi, const char* sdk, const char* meaning)
{
    LanCommandSpec s;
    s.number = number;
    s.name = QString::fromLatin1(name);
    s.tuyapiName = QString::fromLatin1(tuyapi);
    s.sdkName = QString::fromLatin1(sdk);
    s.meaning = QString::fromLatin1(meaning);
    return s;
}

constexpr HeaderRules kNoHeader{HeaderRule::None, HeaderRule::None, HeaderRule::None};

} // namespace

void registerLanCoreCommands(LanCommandCatalogue& c)
{
    {
        LanCommandSpec s = command(0x01, "AP_CONFIG", "AP_CONFIG", "FRM_TP_CFG_WF", "AP-mode network configuration");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x02, "ACTIVE", "ACTIVE", "FRM_TP_ACTV", "activation (discarded by devices)");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::SessKeyNegStart, "SESS_KEY_NEG_START", "SESS_KEY_NEG_START", "FRM_SECURITY_TYPE3",
                                   "client nonce (16 bytes)");
        s.senders = LanSenders::Client;
        s.directionNote = QStringLiteral("client starts the 3.4/3.5 session-key handshake; device answers with 0x04");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions34to35;
        s.handshake = true;
        s.note = QStringLiteral("old name BIND (old tinytuya, Wireshark Lua dissector)");
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::SessKeyNegResp, "SESS_KEY_NEG_RESP", "SESS_KEY_NEG_RES", "FRM_SECURITY_TYPE4",
                                   "device nonce (16 bytes) + HMAC-SHA256(local key, client nonce)");
        s.senders = LanSenders::Device;
        s.directionNote = QStringLiteral("device answers 0x03; the client checks the HMAC, then sends 0x05");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions34to35;
        s.handshake = true;
        s.note = QStringLiteral("old name RENAME_GW");
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::SessKeyNegFinish, "SESS_KEY_NEG_FINISH", "SESS_KEY_NEG_FINISH", "FRM_SECURITY_TYPE5",
                                   "HMAC-SHA256(local key, device nonce)");
        s.senders = LanSenders::Client;
        s.directionNote = QStringLiteral("client completes the handshake; no answer; both sides switch to the session key");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions34to35;
        s.handshake = true;
        s.note = QStringLiteral("old name RENAME_DEVICE");
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x06, "UNBIND", "UNBIND", "FRM_TP_UNBIND_DEV", "unbind (discarded by devices)");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::Control, "CONTROL", "CONTROL", "FRM_TP_CMD", "set DPs: {\"devId\",\"uid\",\"t\",\"dps\"}");
        s.directionNote = QStringLiteral("client request; device acks with the request seq (often empty) and pushes STATUS");
        s.fromClient = {HeaderRule::Envelope31, HeaderRule::VersionHeader, HeaderRule::VersionHeader};
        s.fromDevice = {HeaderRule::Envelope31, HeaderRule::VersionHeader, HeaderRule::VersionHeader};
        s.versions = kVersions31to33;
        s.note = QStringLiteral("3.4/3.5 use CONTROL_NEW; TuyaOpen 3.5 answers CONTROL with retcode 1 and an empty body even on success");
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::Status, "STATUS", "STATUS", "FRM_TP_STAT_REPORT",
                                   "asynchronous DP report (device), status request {\"gwId\",\"devId\"} (client)");
        s.directionNote = QStringLiteral("device push, seq 0 or its own counter; pushes carry a source header");
        s.fromDevice = {HeaderRule::Envelope31, HeaderRule::VersionHeader, HeaderRule::VersionHeader};
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::HeartBeat, "HEART_BEAT", "HEART_BEAT", "FRM_TP_HB", "keep-alive; the device answers with an empty body");
        s.directionNote = QStringLiteral("client request, device answer");
        s.fromClient = s.fromDevice = kNoHeader;
        s.note = QStringLiteral("tuyapi adds a version header on 3.2/3.3 and sends an empty body; tinytuya sends none and "
                                "an encrypted {\"gwId\",\"devId\"}; devices accept both");
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::DpQuery, "DP_QUERY", "DP_QUERY", "FRM_QUERY_STAT", "read all DPs: {\"gwId\",\"devId\",\"uid\",\"t\"}");
        s.directionNote = QStringLiteral("client request; device answers with the same command and seq");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions31to33;
        s.note = QStringLiteral("device22-type devices answer retcode 1 \"json obj data unvalid\"; 3.4/3.5 use DP_QUERY_NEW");
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x0b, "QUERY_WIFI", "QUERY_WIFI", "FRM_SSID_QUERY", "Wi-Fi query (discarded)");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x0c, "TOKEN_BIND", "TOKEN_BIND", "FRM_USER_BIND_REQ", "{\"token\":...}");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::ControlNew, "CONTROL_NEW", "CONTROL_NEW", "FRM_TP_NEW_CMD",
                                   "set DPs (3.4/3.5: {\"protocol\":5,\"t\",\"data\":{\"dps\"}}); device22 query in 3.3");
        s.directionNote = QStringLiteral("client request; device acks and pushes STATUS");
        s.versions = kVersions32to35;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x0e, "ENABLE_WIFI", "ENABLE_WIFI", "FRM_ADD_SUB_DEV_CMD", "enable Wi-Fi / add sub-device");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x0f, "WIFI_INFO", "", "FRM_CFG_WIFI_INFO", "{\"ssid\":...,\"passwd\":...}");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::DpQueryNew, "DP_QUERY_NEW", "DP_QUERY_NEW", "FRM_QUERY_STAT_NEW", "read DPs (3.4/3.5), body {}");
        s.directionNote = QStringLiteral("client request; device answers with the same command");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions32to35;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x11, "SCENE_EXECUTE", "SCENE_EXECUTE", "FRM_SCENE_EXEC", "execute a scene");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::UpdateDps, "UPDATEDPS", "DP_REFRESH", "FRM_LAN_QUERY_DP",
                                   "ask the device to re-report DPs: {\"dpId\":[18,19,20]}");
        s.directionNote = QStringLiteral("client request; the device re-reports with STATUS");
        s.fromClient = s.fromDevice = kNoHeader;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x14, "AP_CONFIG_NEW", "AP_CONFIG_NEW", "FRM_AP_CFG_WF_V40", "AP-mode configuration (v4.0)");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x15, "WIFI_ERR_APP_TO_DEV", "", "WIFI_ERR_APP_TO_DEV", "Wi-Fi error report to the device");
        s.senders = LanSenders::Client;
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x24, "REG_CENTER", "", "FRM_TYPE_REG_CENTER", "registration centre");
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x30, "LAN_UPD_LOG", "", "FRM_LAN_UPD_LOG", "log upload");
        c.add(s);
    }
    {
        LanCommandSpec s = command(cmd::LanExtStream, "LAN_EXT_STREAM", "LAN_EXT_STREAM", "FRM_LAN_EXT_STREAM",
                                   "gateway operations: {\"reqType\":...,\"data\":{...}}");
        s.fromClient = s.fromDevice = kNoHeader;
        s.versions = kVersions32to35;
        s.note = QStringLiteral("tuyapi defines it as decimal 40 instead of 0x40");
        c.add(s);
    }
    {
        LanCommandSpec s = command(0x42, "LAN_EXT_BEFORE_ACTIVATE", "", "FRM_LAN_EXT_BEFORE_ACTIVATE", "extension before activation");
        c.add(s);
    }
}

} // namespace tuyascope::lan
