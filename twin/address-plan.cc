#include "address-plan.h"

#include <map>

namespace netdrill::twin {

std::string FormatIpv4(Ipv4 a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) +
         "." + std::to_string(a & 255);
}

std::string FormatPrefix(const Ipv4Prefix& p) { return FormatIpv4(p.address) + "/" + std::to_string(p.length); }

std::optional<AddressPlan> AddressPlan::Build(const Twin& twin, Diagnostics& diags) {
  AddressPlan plan;
  // Areas: the core first, then the provinces in code order.
  std::map<std::string, std::uint32_t> provinceArea;
  for (const Site& s : twin.Sites()) {
    const bool core = s.level == SiteLevel::RegionalCentre || s.level == SiteLevel::BackupCentre ||
                      s.level == SiteLevel::Noc || s.level == SiteLevel::CentralAgency;
    if (!core && !s.provinceCode.empty()) provinceArea.emplace(s.provinceCode, 0);
  }
  plan.m_areaNames.push_back("core");
  for (auto& [code, area] : provinceArea) {
    area = static_cast<std::uint32_t>(plan.m_areaNames.size());
    plan.m_areaNames.push_back("province:" + code);
  }
  const std::uint32_t areas = plan.AreaCount();
  plan.m_areaNodes.resize(areas);
  plan.m_areaLinks.resize(areas);
  plan.m_nodeArea.resize(twin.Nodes().size());
  plan.m_nodeLocal.resize(twin.Nodes().size());
  for (std::uint32_t n = 0; n < twin.Nodes().size(); ++n) {
    const Site& s = twin.GetSite(twin.GetNode(NodeId(n)).site);
    const bool core = s.level == SiteLevel::RegionalCentre || s.level == SiteLevel::BackupCentre ||
                      s.level == SiteLevel::Noc || s.level == SiteLevel::CentralAgency;
    const std::uint32_t area = core || s.provinceCode.empty() ? kCoreArea : provinceArea.at(s.provinceCode);
    plan.m_nodeArea[n] = area;
    plan.m_nodeLocal[n] = static_cast<std::uint32_t>(plan.m_areaNodes[area].size());
    plan.m_areaNodes[area].push_back(NodeId(n));
  }
  // A link belongs to the area of its lower-level end (the province side of an uplink).
  plan.m_linkArea.resize(twin.Links().size());
  plan.m_linkLocal.resize(twin.Links().size());
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const Link& link = twin.GetLink(LinkId(l));
    const std::uint32_t area = std::max(plan.m_nodeArea[link.a.Index()], plan.m_nodeArea[link.b.Index()]);
    plan.m_linkArea[l] = area;
    plan.m_linkLocal[l] = static_cast<std::uint32_t>(plan.m_areaLinks[area].size());
    plan.m_areaLinks[area].push_back(LinkId(l));
    plan.m_linkEnds.emplace_back(link.a, link.b);
  }
  // Each area's block: loopbacks in the lower half, /30s in the upper half.
  std::size_t need = 2;
  for (std::uint32_t a = 0; a < areas; ++a) {
    need = std::max({need, plan.m_areaNodes[a].size() + 1, plan.m_areaLinks[a].size() * 4});
  }
  int half = 1;
  while ((std::size_t{1} << half) < need) ++half;
  plan.m_blockBits = half + 1;
  if ((std::uint64_t{areas} << plan.m_blockBits) > (std::uint64_t{1} << 24)) {
    diags.Error("too-large", "", {}, "",
                "the twin does not fit in 10.0.0.0/8: " + std::to_string(areas) + " areas of 2^" +
                    std::to_string(plan.m_blockBits) + " addresses");
    return std::nullopt;
  }
  return plan;
}

Ipv4 AddressPlan::Loopback(NodeId node) const {
  return kBase + (m_nodeArea[node.Index()] << m_blockBits) + 1 + m_nodeLocal[node.Index()];
}

Ipv4Prefix AddressPlan::LinkSubnet(LinkId link) const {
  const Ipv4 areaBase = kBase + (m_linkArea[link.Index()] << m_blockBits);
  return {areaBase + (1u << (m_blockBits - 1)) + 4 * m_linkLocal[link.Index()], 30};
}

std::optional<NodeId> AddressPlan::NodeOfAddress(Ipv4 address) const {
  if ((address >> 24) != (kBase >> 24)) return std::nullopt;
  const std::uint32_t offset = address - kBase;
  const std::uint32_t area = offset >> m_blockBits;
  if (area >= AreaCount()) return std::nullopt;
  const std::uint32_t inside = offset & ((1u << m_blockBits) - 1);
  const std::uint32_t half = 1u << (m_blockBits - 1);
  if (inside < half) {
    if (inside == 0 || inside - 1 >= m_areaNodes[area].size()) return std::nullopt;
    return m_areaNodes[area][inside - 1];
  }
  const std::uint32_t slot = (inside - half) / 4;
  const std::uint32_t host = (inside - half) % 4;
  if (slot >= m_areaLinks[area].size() || host == 0 || host == 3) return std::nullopt;
  const auto& ends = m_linkEnds[m_areaLinks[area][slot].Index()];
  return host == 1 ? ends.first : ends.second;
}

}  // namespace netdrill::twin
