#pragma once
// Small KLARF 1.2 files written for these tests (not from any tool).
#include <string>

namespace fab::defect::samples {

/// Two wafers; wafer 1's rows carry 0, 2 and 1 images (IMAGECOUNT before
/// IMAGELIST) and its third row spans two lines; wafer 2 repeats DieOrigin.
inline const std::string kTwoWafers = R"(FileVersion 1 2;
FileTimestamp 03-01-26 08:15:30;
InspectionStationID "VENDOR" "MODEL-7" "TOOL-01";
SampleType WAFER;
ResultTimestamp 03-01-26 08:10:00;
LotID "LOT-A1";
SampleSize 1 300;
DeviceID "PROD-X";
SetupID "RECIPE 1" 02-28-26 17:00:00;
StepID "M1-CMP";
SampleOrientationMarkType NOTCH;
OrientationMarkLocation DOWN;
DiePitch 1.0e+04 8.0e+03;
DieOrigin 0.0 0.0;
ClassLookup 3
 0 "Unclassified"
 1 "Particle"
 2 "Scratch";
WaferID "LOT-A1.07";
Slot 7;
SampleCenterLocation 1.55e+05 1.48e+05;
InspectionTest 1;
SampleTestPlan 3
 15 18
 16 18
 15 19;
AreaPerTest 2.4e+08;
DefectRecordSpec 12 DEFECTID XREL YREL XINDEX YINDEX XSIZE YSIZE DEFECTAREA DSIZE CLASSNUMBER IMAGECOUNT IMAGELIST;
DefectList
 1 1250.5 3300 15 18 0.8 0.6 0.48 0.8 1 0
 2 9000 100 16 18 2.5 0.4 1 2.5 2 2 1 0 2 1
 3 10 20 15 19 0.2 0.2 0.04 0.2
   0 1 7 3;
SummarySpec 5 TESTNO NDEFECT DEFDENSITY NDIE NDEFDIE;
SummaryList
 1 3 1.25 3 3;
WaferID "LOT-A1.08";
Slot 8;
DieOrigin 50 -25;
SampleCenterLocation 1.5e+05 1.5e+05;
InspectionTest 1;
DefectRecordSpec 12 DEFECTID XREL YREL XINDEX YINDEX XSIZE YSIZE DEFECTAREA DSIZE CLASSNUMBER IMAGECOUNT IMAGELIST;
DefectList
 11 500 500 14 17 NA NA NA 0.35 1 0;
SummarySpec 5 TESTNO NDEFECT DEFDENSITY NDIE NDEFDIE;
SummaryList
 1 1 0.2 5 1;
EndOfFile;
)";

/// The start of a KLARF 1.8 file (another grammar).
inline const std::string kVersion18 = R"(Record FileRecord "1.8"
{
  Field FileTimestamp 2 {"2026-03-01", "08:15:30"}
  Record LotRecord "LOT-A1"
  {
  }
}
EndOfFile;
)";

}  // namespace fab::defect::samples
