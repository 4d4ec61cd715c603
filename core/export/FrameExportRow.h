#pragma once
// One frame as every export format sees it: the list's columns as text (the same words the
// window shows, from summarizeFrame) plus the facts and the field tree for the richer formats.
#include "frames/FrameSummary.h"

namespace tuyascope {

struct FrameExportRow {
    int number = 0;          // 1-based, the list's "No."
    QString time;            // ISO 8601 UTC with µs; empty when the capture has no time
    bool timeIsOrderOnly = false; // the capture's times were made up to keep the order (time empty)
    QString direction;       // directionKey: "module->mcu", "device->app", ...
    QString protocol;        // the list's text: "TuyaMCU", "Tuya LAN"
    QString version;
    QString command;         // "0x07"; empty for garbage and truncated bytes
    QString commandName;
    int length = 0;
    FrameFacts facts;
    Dissection dissection;
    FrameSummary summary;
};

FrameExportRow frameExportRow(const FrameTable& table, int row);

// The list columns in export order, with the CSV header names.
QStringList frameExportColumns();  // no, time, dir, protocol, version, command, command_name, length, dps, info, status
QStringList frameExportValues(const FrameExportRow& row); // the same order

} // namespace tuyascope
