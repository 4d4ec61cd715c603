#pragma once
// Payload layouts shared by several command tables.

#include "tuyamcu/PayloadContext.h"
#include "tuyamcu/ValueTable.h"

namespace tuyascope::mcu::decoders {

const ValueTable& networkStatusTable();   // reference 9.1
const ValueTable& lowPowerUpgradeTable(); // reference 9.4
const ValueTable& mapStreamStatusTable(); // reference 9.5
const ValueTable& dataSourceTable();      // reference 9.6
const ValueTable& fileTransferStatusTable();    // reference 9.7
const ValueTable& fileTransferExceptionTable(); // reference 9.7

void empty(PayloadContext& p);            // no payload expected
void dpUnits(PayloadContext& p);          // the whole payload is DP units
void productInfo(PayloadContext& p);      // JSON {"p":..,"v":..}
void networkStatus(PayloadContext& p);    // 1 byte, table 9.1
void localTime(PayloadContext& p);        // flag YY MM DD hh mm ss weekday
void gmtTime(PayloadContext& p);          // flag YY MM DD hh mm ss
void resultByte(PayloadContext& p);       // 1 byte result
void rawBytes(PayloadContext& p);         // opaque payload

} // namespace tuyascope::mcu::decoders

// Helpers shared by the extended, sub-command and low-power tables (reference 6.2, 7, 8).
namespace tuyascope::mcu::decoders {

const ValueTable& otaPacketSizeTable();   // reference 9.3, incl. SniffUART's codes 0x03-0x07
const ValueTable& successFailureTable();  // 00 failure, 01 success

// YY MM DD hh mm ss [weekday] without a validity flag (0x34/0x02 and 0x34/0x0B carry a time
// type byte instead of a flag). Returns the field; needs 6 or 7 bytes present.
int addDateFields(PayloadContext& p, const QString& name, const QString& key, int rel, bool withWeekday,
                  int parent = -2);
// `result signal-or-reason` (Wi-Fi and Bluetooth tests): 01 = success + signal 0..100,
// 00 = failure + reason (labelled with `reasons` when given). Needs 2 bytes from `rel`.
void addResultAndSignal(PayloadContext& p, int rel, const ValueTable* reasons);
// DP units from `rel` on; a frame that ends at `rel` carries no units (a note, not an error).
void dpUnitsFrom(PayloadContext& p, int rel);

void localTimeReply(PayloadContext& p);   // localTime + TIME_UNKNOWN note when the flag is 0
void gmtTimeReply(PayloadContext& p);     // gmtTime + TIME_UNKNOWN note when the flag is 0
void otaImageSize(PayloadContext& p);     // 4-byte image size (std 0x0A, lp 0x0D)
void otaPacket(PayloadContext& p);        // offset(4) + data, offset only = end (std 0x0B, lp 0x0E)
void wifiTestReply(PayloadContext& p);    // std 0x0E, lp 0x07 module reply

} // namespace tuyascope::mcu::decoders
