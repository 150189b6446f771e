#include "twin-files.h"

#include "csv-import.h"
#include "twin-yaml.h"

#include <filesystem>

namespace netdrill::twin {

TopologyFormat FormatOfPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".yaml" || ext == ".yml") return TopologyFormat::Yaml;
  if (ext == ".graphml" || ext == ".xml") return TopologyFormat::Graphml;
  if (ext == ".csv") return TopologyFormat::Csv;
  return TopologyFormat::Unknown;
}

std::optional<Twin> LoadTopology(const std::string& path, Diagnostics& diags, ImportReport* report) {
  switch (FormatOfPath(path)) {
    case TopologyFormat::Yaml:
      return LoadTwinYaml(path, diags);
    case TopologyFormat::Graphml: {
      ImportReport local;
      return ImportGraphml(path, GraphmlOptions{}, diags, report ? *report : local);
    }
    case TopologyFormat::Csv: {
      // sites.csv names the inventory; links.csv sits beside it.
      const std::filesystem::path p(path);
      const std::string links = (p.parent_path() / "links.csv").string();
      return ImportCsv(path, links, p.parent_path().filename().string(), diags);
    }
    case TopologyFormat::Unknown:
      break;
  }
  diags.Error("unknown-format", path, {}, "",
              "cannot tell the format from the name: use .yaml (NetDrill twin), .graphml, or sites.csv");
  return std::nullopt;
}

}  // namespace netdrill::twin
