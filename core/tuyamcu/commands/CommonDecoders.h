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
