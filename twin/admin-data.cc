#include "admin-data.h"

#include "csv.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#ifndef NETDRILL_ASSETS_DIR
#define NETDRILL_ASSETS_DIR "assets"
#endif
#ifndef NETDRILL_BUILD_DIR
#define NETDRILL_BUILD_DIR ""
#endif

namespace netdrill::twin {
namespace {

struct Columns {
  const CsvTable& table;
  const std::string& file;
  Diagnostics& diags;
  bool ok = true;

  int Need(const char* name) {
    const int c = table.Column(name);
    if (c < 0) {
      diags.Error("missing-column", file, {1, 1}, "", std::string("column \"") + name + "\" is missing");
      ok = false;
    }
    return c;
  }
};

const std::string& Field(const CsvRow& row, int column) {
  static const std::string empty;
  return column >= 0 && static_cast<std::size_t>(column) < row.fields.size()
             ? row.fields[static_cast<std::size_t>(column)].text
             : empty;
}

double Number(const CsvRow& row, int column, const std::string& file, Diagnostics& diags) {
  const std::string& text = Field(row, column);
  double value = 0.0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    const SourceLoc loc = static_cast<std::size_t>(column) < row.fields.size()
                              ? row.fields[static_cast<std::size_t>(column)].loc
                              : SourceLoc{row.line, 1};
    diags.Error("bad-number", file, loc, "", "\"" + text + "\" is not a number");
  }
  return value;
}

std::optional<CsvTable> Load(const std::string& path, Diagnostics& diags) {
  auto text = ReadFile(path, diags);
  if (!text) return std::nullopt;
  return ParseCsv(*text, path, diags);
}

}  // namespace

const AdminUnit* AdminData::FindProvince(const std::string& code) const {
  auto it = std::lower_bound(provinces.begin(), provinces.end(), code,
                             [](const AdminUnit& u, const std::string& c) { return u.code < c; });
  return it != provinces.end() && it->code == code ? &*it : nullptr;
}

std::string AssetsDir() {
  if (const char* env = std::getenv("NETDRILL_ASSETS"); env != nullptr && *env != '\0') return env;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // Installed (a package: /usr/bin/netdrill and /usr/share/netdrill/assets), or unpacked anywhere.
    const fs::path installed = exe.parent_path() / "../share/netdrill/assets";
    if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec).string();
    // A build tree's programs use the source tree's assets; a copy elsewhere does not.
    const std::string build = NETDRILL_BUILD_DIR;
    if (!build.empty() && exe.string().rfind(build + "/", 0) == 0) return NETDRILL_ASSETS_DIR;
    return installed.lexically_normal().string();  // not there: the error names where it looked
  }
  return NETDRILL_ASSETS_DIR;
}

std::optional<AdminData> LoadAdminData(int era, const std::string& assetsDir, Diagnostics& diags) {
  if (era != 2024 && era != 2025) {
    diags.Error("bad-era", "", {}, "", "no administrative data for era " + std::to_string(era));
    return std::nullopt;
  }
  const int errorsBefore = diags.ErrorCount();
  const std::string dir = assetsDir + "/data/";
  const std::string y = std::to_string(era);
  AdminData data;
  data.era = era;

  const std::string provFile = dir + "vn-provinces-" + y + ".csv";
  auto prov = Load(provFile, diags);
  const std::string unitFile = dir + "vn-units-" + y + ".csv";
  auto units = Load(unitFile, diags);
  std::optional<CsvTable> dist;
  const std::string distFile = dir + "vn-districts-2024.csv";
  if (era == 2024) dist = Load(distFile, diags);
  if (!prov || !units || (era == 2024 && !dist)) return std::nullopt;

  {
    Columns c{*prov, provFile, diags};
    const int code = c.Need("province_code"), vi = c.Need("name_vi"), en = c.Need("name_en"),
              lat = c.Need("lat"), lon = c.Need("lon"), communes = c.Need("communes");
    if (!c.ok) return std::nullopt;
    for (const CsvRow& r : prov->rows) {
      AdminUnit u;
      u.code = Field(r, code);
      u.provinceCode = u.code;
      u.nameVi = Field(r, vi);
      u.nameEn = Field(r, en);
      u.position = {Number(r, lat, provFile, diags), Number(r, lon, provFile, diags)};
      u.communes = static_cast<int>(Number(r, communes, provFile, diags));
      data.provinces.push_back(std::move(u));
    }
  }
  if (dist) {
    Columns c{*dist, distFile, diags};
    const int pcode = c.Need("province_code"), code = c.Need("district_code"), vi = c.Need("name_vi"),
              en = c.Need("name_en"), lat = c.Need("lat"), lon = c.Need("lon"), communes = c.Need("communes");
    if (!c.ok) return std::nullopt;
    for (const CsvRow& r : dist->rows) {
      AdminUnit u;
      u.code = Field(r, code);
      u.provinceCode = Field(r, pcode);
      u.nameVi = Field(r, vi);
      u.nameEn = Field(r, en);
      u.position = {Number(r, lat, distFile, diags), Number(r, lon, distFile, diags)};
      u.communes = static_cast<int>(Number(r, communes, distFile, diags));
      data.districts.push_back(std::move(u));
    }
  }
  {
    Columns c{*units, unitFile, diags};
    const int pcode = c.Need("province_code"), code = c.Need("commune_code"), vi = c.Need("commune_name_vi"),
              en = c.Need("commune_name_en"), lat = c.Need("lat"), lon = c.Need("lon");
    const int dcode = era == 2024 ? c.Need("district_code") : -1;
    const int type = era == 2025 ? c.Need("commune_type") : -1;
    if (!c.ok) return std::nullopt;
    for (const CsvRow& r : units->rows) {
      AdminUnit u;
      u.code = Field(r, code);
      u.provinceCode = Field(r, pcode);
      u.districtCode = Field(r, dcode);
      u.nameVi = Field(r, vi);
      u.nameEn = Field(r, en);
      u.type = Field(r, type);
      u.position = {Number(r, lat, unitFile, diags), Number(r, lon, unitFile, diags)};
      data.communes.push_back(std::move(u));
    }
  }
  auto byCode = [](const AdminUnit& a, const AdminUnit& b) { return a.code < b.code; };
  std::sort(data.provinces.begin(), data.provinces.end(), byCode);
  std::sort(data.districts.begin(), data.districts.end(), byCode);
  std::sort(data.communes.begin(), data.communes.end(), byCode);
  if (diags.ErrorCount() > errorsBefore) return std::nullopt;
  return data;
}

}  // namespace netdrill::twin
