#pragma once
// Overlay sites from a workspace: the x and y overlay parameters (OVL_X and
// OVL_Y in the demo) paired site by site, each site placed in its exposure
// field from the lot's product (core/overlay/field_layout.h).
#include <optional>
#include <string>
#include <vector>

#include "core/overlay/field_layout.h"
#include "core/overlay/overlay_model.h"
#include "core/store/database.h"

namespace fab::overlay {

struct OverlaySiteRequest {
  std::string xParameter = "OVL_X", yParameter = "OVL_Y";
  std::string lot;             ///< required
  std::optional<int> wafer;    ///< unset = every wafer of the lot
  bool fieldPositions = true;  ///< place sites in their fields (needs the product's die grid)
};

struct WorkspaceOverlaySites {
  std::vector<OverlaySite> sites;
  std::vector<int> wafer;  ///< per site
  std::vector<std::string> site;
  std::string product;
  std::optional<FieldLayout> field;
  std::vector<std::string> notes;  ///< sites measured on one axis only, …
};

/// Throws fab::Error for an unknown lot or parameter, a lot of no product
/// (when field positions are asked for) or a product without a die grid.
WorkspaceOverlaySites loadOverlaySites(store::Database& db, const OverlaySiteRequest& request);

}  // namespace fab::overlay
