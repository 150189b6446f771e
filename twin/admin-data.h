// The real administrative units of an era (assets/data/, copied from the
// project's reference data with its licences): provinces, districts, communes.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

struct AdminUnit {
  std::string code;
  std::string provinceCode;
  std::string districtCode;  ///< 2024 communes only
  std::string nameVi;
  std::string nameEn;
  std::string type;  ///< 2025 communes: "Xã", "Phường", "Đặc khu"
  GeoPoint position;
  int communes = 0;  ///< provinces and districts: communes in the data
};

struct AdminData {
  int era = 0;
  std::vector<AdminUnit> provinces;  ///< by code
  std::vector<AdminUnit> districts;  ///< 2024 only, by code
  std::vector<AdminUnit> communes;   ///< by code
  const AdminUnit* FindProvince(const std::string& code) const;
};

/// @brief Where run-time assets live: $NETDRILL_ASSETS; else beside the executable (EXE/../share/netdrill/assets,
/// as installed from a package); else, for a program of the build tree, the source tree's assets/.
std::string AssetsDir();

/// @brief Loads the units of era 2024 or 2025 from `assetsDir`/data.
std::optional<AdminData> LoadAdminData(int era, const std::string& assetsDir, Diagnostics& diags);

}  // namespace netdrill::twin
