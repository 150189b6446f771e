// Generates the national network from the real administrative units, after
// docs/assumptions.md ("The generator"). Every assumed number is a field here.
#pragma once

#include "admin-data.h"
#include "diagnostics.h"
#include "model.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief Capacities of one era, Mbit/s.
struct EraCapacities {
  double coreMbps;             ///< each of the two links between two centres
  double provinceUplinkMbps;   ///< each of a province's two uplinks
  double districtUplinkMbps;   ///< 2024 only
  double communeUplinkMbps;    ///< the upgraded rate
  double communeLegacyMbps;    ///< communes left out of the upgrade
  double communeUpgradeShare;  ///< share of communes at the upgraded rate
  double agencyMbps;           ///< each of a central agency's two links
};

struct GeneratorParams {
  // Centres and homing, by province code (the same codes in both eras).
  std::array<std::string, 3> regionalCentreProvinces{"01", "48", "79"};  ///< north, central, south
  std::array<std::string, 3> backupCentreProvinces{"31", "46", "92"};    ///< one per region, another city
  std::string operationsCentreProvince = "01";  ///< the one operations centre (Hà Nội)
  int centralAgencies = 40;                     ///< on the Hà Nội metro, each dual-homed
  double agencyRadiusKm = 3.0;                  ///< agencies are placed on a circle this wide around the centre
  double sharedExitKm = 0.0;  ///< >0: both uplinks of a province leave through one duct that long
  std::vector<std::string> sharedExitProvinces;  ///< provinces with the shared exit; empty = all
  /// The secondary uplink's IGP cost is its implied cost times this, so traffic
  /// takes the primary while it is up (the secondary is the path of last resort).
  double secondaryCostFactor = 10.0;
  double districtRingShare = 0.10;  ///< districts (largest by communes) with a second path on a ring
  // Backup media.
  double share4G = 0.30;  ///< communes with a 4G backup, the most remote first
  double mbps4G = 20.0;
  double mbpsVsat = 10.0;
  /// 2025 codes of units whose primary link is VSAT (Trường Sa).
  std::vector<std::string> vsatPrimaryUnits{"22736"};
  /// 2025 codes of island units whose office, and so site, is on the mainland (Hoàng Sa, in Đà Nẵng).
  std::vector<std::string> mainlandOfficeUnits{"20333"};
  /// 2024 district with no commune in the data, added at its office (Hoàng Sa, Đà Nẵng).
  std::string hoangSaDistrictCode = "498";
  std::string hoangSaProvinceCode = "48";
  EraCapacities capacities2024{10000, 1000, 1000, 100, 100, 1.0, 1000};
  EraCapacities capacities2025{100000, 4000, 0, 200, 100, 0.88, 10000};
  ModelParams model;  ///< route factor, minimum length, propagation, media delays, batteries
  // The `tiny` preset: the first provinces of the north, a few districts and communes each.
  int tinyProvinces = 2;
  int tinyDistrictsPerProvince = 2;
  int tinyCommunesPerDistrict = 1;
  int tinyAgencies = 1;
};

/// @brief The conference profiles of docs/assumptions.md (2023, 2025, 2026) and the VPN load.
Demands DefaultDemands(int era);

/// @brief The presets the generator knows, for help texts and "did you mean".
std::vector<std::string> GeneratorPresets();

/// @brief Generates a preset: "national-2024", "national-2025", "province-2024:<code>",
/// "province-2025:<code>" (several: "province-2025:44,46,48") or "tiny". Same preset, seed and parameters: the same twin.
std::optional<Twin> Generate(const std::string& preset, std::uint64_t seed, const GeneratorParams& params,
                             const std::string& assetsDir, Diagnostics& diags);

}  // namespace netdrill::twin
