#pragma once
// Payload builders for the answers a Wi-Fi module gives the MCU (TuyaMCU reference 6.2, 7.2, 8).
// Pure functions: no timers, no transport; ModuleHost decides when to send them.

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QVector>

#include <initializer_list>

namespace tuyascope::host {

// Literal payloads: bytes({0x01, 0x00}).
QByteArray bytes(std::initializer_list<quint8> values);

// std 0x1C and lp 0x06: flag YY MM DD hh mm ss weekday (1 = Monday .. 7 = Sunday), the fields of
// `localTime` as given. !valid -> flag 0 and every field 0.
QByteArray localTimePayload(const QDateTime& localTime, bool valid);

// std 0x0C: flag YY MM DD hh mm ss in UTC.
QByteArray gmtTimePayload(const QDateTime& time, bool valid);

// std 0x34/02 time-service notification: 02 type YY MM DD hh mm ss weekday; type 00 = GMT
// (UTC fields), 01 = local (the fields of `time` as given).
QByteArray timeServicePayload(quint8 type, const QDateTime& time, bool valid);

// std 0x2D: flag 00 + the module's MAC (fixed, locally administered: 02 54 53 00 00 01).
QByteArray macPayload();

// std 0x0F: free memory, 4 bytes big-endian.
QByteArray freeMemoryPayload(quint32 bytes = 0x8000);

// std 0x34/07: 07 00 + a short JSON text with the requested items (FF all, 01 SSID, 02 country).
QByteArray moduleInfoPayload(QByteArrayView requestedItems);

// lp 0x10: `01 count units` with the cached units whose dpId the MCU asked for (request
// payload `count dpId...`, count 00 = all). The units sent are removed from `cache`; each cache
// entry is one DP unit.
QByteArray dpCacheReply(QByteArrayView request, QVector<QByteArray>& cache);

// Splits DP units into single units (a send request may hold several); malformed bytes are
// kept as one entry so nothing the user typed is lost.
QVector<QByteArray> splitDpUnits(QByteArrayView units);

} // namespace tuyascope::host
