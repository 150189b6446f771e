#include "test-support.h"
#include "twin/address-plan.h"
#include "twin/routing.h"
#include "twin/traffic.h"

#include <memory>
#include <numeric>

using namespace netdrill::twin;
using netdrill::test::Preset;

namespace {

struct Routed {
  AddressPlan plan;
  RoutingTables tables;
};

// On the heap: the tables point at the plan, so the pair must not move.
std::unique_ptr<Routed> Route(const Twin& t) {
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  auto r = std::make_unique<Routed>(Routed{*plan, RoutingTables()});
  r->tables = RoutingTables::Compute(t, r->plan, Graph::FromTwin(t));
  return r;
}

LinkId LinkBetween(const Twin& t, const std::string& a, const std::string& b) {
  const NodeId na = t.FirstNode(t.FindSite(a));
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.Links()[l];
    const std::string& other = t.GetSite(t.GetNode(link.a == na ? link.b : link.a).site).id;
    if ((link.a == na || link.b == na) && other == b && link.role == LinkRole::Primary) return LinkId(l);
  }
  return LinkId();
}

}  // namespace

TEST_CASE("the conference cascade on national-2024: every endpoint away from its MCU loads a link", "[twin]") {
  const Twin& t = Preset("national-2024");
  const auto flows = ConferenceFlows(t);
  int upward = 0;
  for (const Flow& f : flows) {
    if (f.endpoints > 0 && t.GetNode(f.from).site == f.endpointSite) upward += f.endpoints;
  }
  // Communes (10,542 x 1) and the agencies (246) reach their MCU over links; the
  // endpoints of districts and provinces sit on their MCU's router.
  CHECK(upward == 10542 + 246);
  const auto r = Route(t);
  const LinkLoads loads = RouteFlows(t, r->tables, flows);
  CHECK(loads.unroutedFlows == 0);
}

TEST_CASE("loads on tiny, worked out by hand", "[twin]") {
  const Twin& t = Preset("tiny");
  const auto r = Route(t);
  const LinkLoads loads = RouteFlows(t, r->tables, ConferenceFlows(t));
  // A commune's one endpoint to its district MCU: 1.5 Mbit/s each way.
  const LinkId communeUp = LinkBetween(t, "commune:00001", "district:001");
  REQUIRE(communeUp.IsValid());
  CHECK(loads.aToBMbps[communeUp.Index()] == 1.5);
  CHECK(loads.bToAMbps[communeUp.Index()] == 1.5);
  // A district MCU exchanges one stream with its province MCU.
  const LinkId districtUp = LinkBetween(t, "district:001", "province:01");
  CHECK(loads.aToBMbps[districtUp.Index()] == 1.5);
  // VPN: 5 Mbit/s a commune, 20 a district, toward the province, both ways.
  const LinkLoads vpn = RouteFlows(t, r->tables, VpnFlows(t));
  CHECK(vpn.aToBMbps[communeUp.Index()] == 5.0);
  CHECK(vpn.aToBMbps[districtUp.Index()] == 20.0 + 5.0);  // its own and its commune's
}

TEST_CASE("a province MCU fails: its endpoints fall back to the central MCU over the uplink", "[twin]") {
  const Twin& t = Preset("province-2025:46");  // Huế: 40 communes, no district level
  const auto r = Route(t);
  ConferenceOptions options;
  options.profile = "2026";  // 9 endpoints a commune, 30 at the province
  const SiteId province = t.FindSite("province:46");
  const NodeId provinceNode = t.FirstNode(province);
  const NodeId central = t.FirstNode(t.FindSite("centre:01"));
  const LinkId uplink(r->tables.NextLink(provinceNode, central));
  const LinkLoads normal = RouteFlows(t, r->tables, ConferenceFlows(t, options));
  options.failedMcus = {province};
  const LinkLoads fallen = RouteFlows(t, r->tables, ConferenceFlows(t, options));
  const bool up = t.GetLink(uplink).a == provinceNode;
  const double before = up ? normal.aToBMbps[uplink.Index()] : normal.bToAMbps[uplink.Index()];
  const double after = up ? fallen.aToBMbps[uplink.Index()] : fallen.bToAMbps[uplink.Index()];
  CHECK(before == 1.5);                       // the cascade stream alone
  CHECK(after == Approx((40 * 9 + 30) * 1.5));  // every endpoint of the province, 585 Mbit/s
}

TEST_CASE("fluid loss: a link offered twice its capacity drops about half", "[twin]") {
  CHECK(FluidLossPct(50, 100) == 0.0);
  CHECK(FluidLossPct(200, 100) == 50.0);
  CHECK(FluidLossPct(400, 100) == 75.0);
  const Twin& t = Preset("tiny");
  Twin copy = t;
  const auto r = Route(copy);
  const LinkId communeUp = LinkBetween(copy, "commune:00001", "district:001");
  copy.GetLink(communeUp).capacityMbps = 0.75;  // half of the endpoint's 1.5 Mbit/s
  const auto flows = ConferenceFlows(copy);
  const LinkLoads loads = RouteFlows(copy, r->tables, flows);
  for (const Flow& f : flows) {
    if (f.endpointSite == copy.FindSite("commune:00001")) CHECK(PathLossPct(copy, r->tables, loads, f) == Approx(50.0));
  }
}

TEST_CASE("restorations of the conference: a branch moved to another MCU, video lowered to SD", "[twin]") {
  const Twin& t = Preset("national-2025");
  const SiteId hue = t.FindSite("province:46");
  const SiteId danang = t.FindSite("province:48");
  ConferenceOptions options;
  options.profile = "2026";
  options.failedMcus = {hue};
  options.movedBranches = {{hue, danang}};
  int toDanang = 0;
  double total = 0.0;
  for (const Flow& f : ConferenceFlows(t, options)) {
    total += f.mbps;
    if (f.endpoints > 0 && t.GetSite(f.endpointSite).provinceCode == "46" && t.GetNode(f.from).site == f.endpointSite) {
      CHECK(t.GetNode(f.to).site == danang);
      toDanang += f.endpoints;
    }
  }
  CHECK(toDanang == 40 * 9 + 30);  // every endpoint of Huế, its 30 at the province included
  options.media = "sd";
  double sd = 0.0;
  for (const Flow& f : ConferenceFlows(t, options)) sd += f.mbps;
  CHECK(sd == Approx(total * 0.46 / 1.5));
}
