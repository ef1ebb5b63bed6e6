#pragma once
// The overlay the demo's scanners print: a linear wafer and intrafield model
// (core/overlay/overlay_model.h) added to the demo's OVL_X and OVL_Y sites,
// on the field layout that follows from each product's die grid
// (core/overlay/field_layout.h). The translation is left to the parameters'
// own targets and lot and wafer shifts.
#include <map>
#include <string>

namespace fab::demo {

/// Mx, My (ppm), Rx, Ry (µrad), mfx, mfy (ppm), rfx, rfy (µrad) of a
/// scanner: SCAN-02's wafer stage expands the wafer grid more than SCAN-01's.
/// Throws fab::Error for a scanner the demo does not have.
const std::map<std::string, double>& plantedOverlay(const std::string& scanner);

/// The planted overlay (nm) in x (`xAxis`) or y at a site of a demo product.
double plantedOverlayNm(bool xAxis, const std::string& scanner, const std::string& product, double xMm, double yMm);

}  // namespace fab::demo
