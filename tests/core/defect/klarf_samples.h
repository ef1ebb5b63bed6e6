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

/// A KLARF 1.8 file: lot Fields after the wafer as KLA tools write them,
/// lengths in nm. Wafer "W07" (notch left, die pitch 10 x 8 mm) has two
/// tests whose plans share die (15, 18), three defects (the second with two
/// images, the third with an NA size) and a summary that agrees.
inline const std::string kVersion18 = R"(Record FileRecord "1.8"
{
  Record LotRecord "LOT-B2"
  {
    Record WaferRecord "W07"
    {
      Field DieOrigin 2 {0, 0}
      Field SampleCenterLocation 2 {155000000, 148000000}
      Field SlotNumber 1 {7}
      List DefectList
      {
        Columns 8 { int32 DEFECTID, int32 XREL, int32 YREL, int32 XINDEX, int32 YINDEX,
          int32 DSIZE, int32 CLASSNUMBER, ImageList IMAGEINFO }
        Data 3
        {
          1 1250500 3300000 15 18 800 1 N;
          2 9000000 100000 16 18 2500 2
            Images 2 { "img/w07_2a.jpg" "JPG" 1 "Patch", "img/w07_2b.jpg" "JPG" 2 "Patch" };
          3 10000 20000 15 19 NA 1 N;
        }
      }
      Record TestRecord "1"
      {
        Field AreaPerTest 1 {240000000000000}
        List SampleTestPlanList
        {
          Columns 2 { int32 XINDEX, int32 YINDEX }
          Data 2
          {
            15 18;
            16 18;
          }
        }
      }
      Record TestRecord "2"
      {
        List SampleTestPlanList
        {
          Columns 2 { int32 XINDEX, int32 YINDEX }
          Data 2
          {
            15 18;
            15 19;
          }
        }
      }
      Record SummaryRecord
      {
        List TestSummaryList
        {
          Columns 3 { int32 TESTNO, int32 NDEFECT, int32 NDIE }
          Data 2
          {
            1 2 2;
            2 1 2;
          }
        }
      }
    }
    Field DeviceID 1 {"PROD-X"}
    Field DiePitch 2 {10000000, 8000000}
    Field InspectionStationID 3 {"VENDOR", "MODEL-7", "TOOL-01"}
    Field OrientationMarkLocation 1 {90}
    Field RecipeID 3 {"RCP-1", "03-01-2026", "08:00:00"}
    Field ResultTimestamp 2 {"03-01-2026", "08:10:00"}
    Field SampleOrientationMarkType 1 {"NOTCH"}
    Field SampleSize 2 {300000000, 0}
    Field SampleType 1 {"WAFER"}
    Field StepID 1 {"M1-CMP"}
    List ClassLookupList
    {
      Columns 2 { int32 CLASSNUMBER, string CLASSNAME }
      Data 2
      {
        1 "PARTICLE";
        2 "SCRATCH";
      }
    }
  }
  Field FileTimestamp 2 {"03-01-2026", "08:15:30"}
}
EndOfFile;
)";

}  // namespace fab::defect::samples
