#include "whatif/diff.h"

#include "twin/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace netdrill::whatif {

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::Better: return "better";
    case Verdict::Worse: return "worse";
    case Verdict::Unchanged: return "unchanged";
    case Verdict::New: return "new";
    case Verdict::Gone: return "gone";
  }
  return "";
}

namespace {

int BandRank(double ms) { return ms <= 150 ? 0 : ms <= 400 ? 1 : 2; }

std::string Key(const SweepResult& r, const FailureResult& f) {
  std::string k;
  for (std::size_t e : f.elements) k += std::string(k.empty() ? "" : " + ") + FailureKindName(r.elements[e].kind) + ":" + r.elements[e].id;
  return k;
}

DiffRow Row(const std::string& key, const Impact* before, const Impact* after) {
  DiffRow row;
  const auto colon = key.find(':');
  row.kind = key.find(" + ") != std::string::npos ? "pair" : key.substr(0, colon);
  row.id = key.find(" + ") != std::string::npos ? key : key.substr(colon + 1);
  row.before = before;
  row.after = after;
  if (before == nullptr) {
    row.verdict = Verdict::New;
    return row;
  }
  if (after == nullptr) {
    row.verdict = Verdict::Gone;
    return row;
  }
  // The planner's order of concern: endpoints, sites, overloaded links, then the delay band.
  const std::array<long long, 4> b{before->cut.endpoints, before->cut.sites, before->linksOver, BandRank(before->worstDelayMs)};
  const std::array<long long, 4> a{after->cut.endpoints, after->cut.sites, after->linksOver, BandRank(after->worstDelayMs)};
  const char* names[] = {"endpoints lost", "sites cut", "links over capacity", "delay band"};
  for (std::size_t i = 0; i < 4; ++i) {
    if (a[i] == b[i]) continue;
    std::ostringstream s;
    if (i == 3) s << names[i] << " " << DelayBand(before->worstDelayMs) << " -> " << DelayBand(after->worstDelayMs);
    else s << names[i] << " " << b[i] << " -> " << a[i];
    row.changes.push_back(s.str());
  }
  row.verdict = a < b ? Verdict::Better : b < a ? Verdict::Worse : Verdict::Unchanged;
  return row;
}

void Tally(SweepDiff& d, const DiffRow& r) {
  switch (r.verdict) {
    case Verdict::Better: ++d.better; break;
    case Verdict::Worse: ++d.worse; break;
    case Verdict::Unchanged: ++d.unchanged; break;
    case Verdict::New: ++d.added; break;
    case Verdict::Gone: ++d.gone; break;
  }
}

std::vector<DiffRow> Match(const SweepResult& base, const std::vector<FailureResult>& bf, const SweepResult& fork,
                           const std::vector<FailureResult>& ff, SweepDiff& d) {
  std::map<std::string, const Impact*> before, after;
  for (const auto& f : bf) before[Key(base, f)] = &f.impact;
  for (const auto& f : ff) after[Key(fork, f)] = &f.impact;
  std::set<std::string> keys;
  for (const auto& [k, v] : before) keys.insert(k);
  for (const auto& [k, v] : after) keys.insert(k);
  std::vector<DiffRow> rows;
  for (const std::string& k : keys) {
    auto b = before.find(k);
    auto a = after.find(k);
    rows.push_back(Row(k, b == before.end() ? nullptr : b->second, a == after.end() ? nullptr : a->second));
    Tally(d, rows.back());
  }
  // Worse first, then better, by how much the endpoints moved.
  auto weight = [](const DiffRow& r) {
    const double b = r.before ? static_cast<double>(r.before->cut.endpoints) : 0.0;
    const double a = r.after ? static_cast<double>(r.after->cut.endpoints) : 0.0;
    return std::fabs(a - b);
  };
  auto order = [](Verdict v) {
    switch (v) {
      case Verdict::Worse: return 0;
      case Verdict::Better: return 1;
      case Verdict::New: return 2;
      case Verdict::Gone: return 3;
      default: return 4;
    }
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const DiffRow& x, const DiffRow& y) {
    if (x.verdict != y.verdict) return order(x.verdict) < order(y.verdict);
    return weight(x) > weight(y);
  });
  return rows;
}

nlohmann::json ImpactBrief(const Impact* i) {
  if (i == nullptr) return nullptr;
  return {{"endpoints_lost", i->cut.endpoints},
          {"sites_cut", i->cut.sites},
          {"links_over_capacity", i->linksOver},
          {"worst_delay_ms", std::round(i->worstDelayMs * 100) / 100},
          {"delay_band", DelayBand(i->worstDelayMs)}};
}

std::string Esc(const std::string& s) { return twin::EscapeHtml(s); }

}  // namespace

SweepDiff Compare(const SweepResult& base, const SweepResult& fork) {
  SweepDiff d;
  d.singles = Match(base, base.singles, fork, fork.singles, d);
  d.pairs = Match(base, base.pairs, fork, fork.pairs, d);
  return d;
}

std::string DiffJson(const SweepResult& base, const SweepResult& fork, const SweepDiff& d) {
  nlohmann::json j;
  j["base"] = base.twinName;
  j["fork"] = fork.twinName;
  j["summary"] = {{"better", d.better}, {"worse", d.worse}, {"unchanged", d.unchanged}, {"new", d.added}, {"gone", d.gone}};
  auto rows = [](const std::vector<DiffRow>& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const DiffRow& r : list)
      a.push_back({{"kind", r.kind}, {"id", r.id}, {"verdict", VerdictName(r.verdict)}, {"changes", r.changes},
                   {"before", ImpactBrief(r.before)}, {"after", ImpactBrief(r.after)}});
    return a;
  };
  j["single_failures"] = rows(d.singles);
  j["pair_failures"] = rows(d.pairs);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DiffHtml(const twin::Twin& base, const twin::Twin& fork, const SweepResult& b, const SweepResult& f,
                     const SweepDiff& d, const EditSummary* edits, const std::string& title) {
  std::ostringstream h;
  h << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << Esc(title) << "</title><style>"
    << "body{font-family:'Noto Sans','DejaVu Sans',sans-serif;margin:24px;color:#1b2430}"
    << "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccd;padding:3px 8px;font-size:13px}"
    << "th{background:#e8edf3}.worse{background:#fde2e0}.better{background:#def5e3}.new{background:#e3ecfb}"
    << ".gone{background:#eee}.num{text-align:right}</style></head><body>";
  h << "<h1>" << Esc(title) << "</h1><p>Base: <b>" << Esc(base.name) << "</b> (" << base.Sites().size() << " sites, "
    << base.Links().size() << " links). Fork: <b>" << Esc(fork.name) << "</b> (" << fork.Sites().size() << " sites, "
    << fork.Links().size() << " links).</p>";
  if (edits != nullptr)
    h << "<p>Edits: " << edits->sitesAdded << " sites added, " << edits->sitesRemoved << " removed, " << edits->sitesModified
      << " modified; " << edits->linksAdded << " links added, " << edits->linksRemoved << " removed, "
      << edits->linksModified << " modified.</p>";
  h << "<h2>Every failure, before and after</h2><table><tr><th>better</th><th>worse</th><th>unchanged</th><th>only in the fork</th><th>only in the base</th></tr><tr>"
    << "<td class=num>" << d.better << "</td><td class=num>" << d.worse << "</td><td class=num>" << d.unchanged
    << "</td><td class=num>" << d.added << "</td><td class=num>" << d.gone << "</td></tr></table>";
  h << "<p>Without any failure: base " << b.baseline.linksOver << " links over capacity, worst conference delay "
    << std::round(b.baseline.worstDelayMs) << " ms; fork " << f.baseline.linksOver << " and "
    << std::round(f.baseline.worstDelayMs) << " ms.</p>";

  // A bar chart: endpoints lost by the worst 20 single failures, before and after.
  std::vector<const DiffRow*> top;
  for (const DiffRow& r : d.singles)
    if (r.before != nullptr && r.after != nullptr && r.before->cut.endpoints != r.after->cut.endpoints) top.push_back(&r);
  std::stable_sort(top.begin(), top.end(), [](const DiffRow* x, const DiffRow* y) {
    return std::max(x->before->cut.endpoints, x->after->cut.endpoints) > std::max(y->before->cut.endpoints, y->after->cut.endpoints);
  });
  if (top.size() > 20) top.resize(20);
  h << "<h2>Conference endpoints lost: the single failures that changed most</h2>";
  if (top.empty()) h << "<p>No single failure loses a different number of endpoints.</p>";
  if (!top.empty()) {
    long long most = 1;
    for (const DiffRow* r : top) most = std::max({most, static_cast<long long>(r->before->cut.endpoints), static_cast<long long>(r->after->cut.endpoints)});
    h << "<svg width=\"900\" height=\"" << top.size() * 26 + 30
      << "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">";
    for (std::size_t i = 0; i < top.size(); ++i) {
      const double y = 20.0 + static_cast<double>(i) * 26.0;
      const double wb = 500.0 * static_cast<double>(top[i]->before->cut.endpoints) / static_cast<double>(most);
      const double wa = 500.0 * static_cast<double>(top[i]->after->cut.endpoints) / static_cast<double>(most);
      h << "<text x=\"0\" y=\"" << y + 10 << "\">" << Esc(top[i]->id.substr(0, 48)) << "</text>"
        << "<rect x=\"320\" y=\"" << y << "\" width=\"" << wb << "\" height=\"10\" fill=\"#8a99ad\"/>"
        << "<rect x=\"320\" y=\"" << y + 11 << "\" width=\"" << wa << "\" height=\"10\" fill=\"#d9534f\"/>"
        << "<text x=\"" << 325 + std::max(wb, wa) << "\" y=\"" << y + 16 << "\">" << top[i]->before->cut.endpoints << " → "
        << top[i]->after->cut.endpoints << "</text>";
    }
    h << "<text x=\"320\" y=\"12\">grey: base · red: fork</text></svg>";
  }
  // The map of the fork's changed elements.
  if (edits != nullptr && !edits->changedElements.empty()) {
    std::set<std::string> changed(edits->changedElements.begin(), edits->changedElements.end());
    // The fork's extent (lon, -lat), with a margin.
    double x0 = 180, x1 = -180, y0 = 90, y1 = -90;
    for (const twin::Site& s : fork.Sites()) {
      if (!s.position) continue;
      x0 = std::min(x0, s.position->lon);
      x1 = std::max(x1, s.position->lon);
      y0 = std::min(y0, -s.position->lat);
      y1 = std::max(y1, -s.position->lat);
    }
    const double m = std::max(x1 - x0, y1 - y0) * 0.05 + 0.05;
    const double w = x1 - x0 + 2 * m, hgt = y1 - y0 + 2 * m;
    const double stroke = std::max(w, hgt) / 400.0;
    h << "<h2>Changed elements</h2><svg width=\"" << std::lround(600 * w / std::max(w, hgt)) << "\" height=\""
      << std::lround(600 * hgt / std::max(w, hgt)) << "\" viewBox=\"" << x0 - m << " " << y0 - m << " " << w << " " << hgt
      << "\" xmlns=\"http://www.w3.org/2000/svg\"><rect x=\"" << x0 - m << "\" y=\"" << y0 - m << "\" width=\"" << w
      << "\" height=\"" << hgt << "\" fill=\"#eef3f8\"/>";
    for (const twin::Link& l : fork.Links()) {
      const auto& sa = fork.GetSite(fork.GetNode(l.a).site);
      const auto& sb = fork.GetSite(fork.GetNode(l.b).site);
      if (!sa.position || !sb.position) continue;
      const bool c = changed.count(l.id) > 0;
      if (!c && sa.level == twin::SiteLevel::Commune) continue;  // keep the page light: communes' links only when changed
      h << "<line x1=\"" << sa.position->lon << "\" y1=\"" << -sa.position->lat << "\" x2=\"" << sb.position->lon << "\" y2=\""
        << -sb.position->lat << "\" stroke=\"" << (c ? "#d9534f" : "#b8c4d2") << "\" stroke-width=\"" << (c ? 2 * stroke : stroke) << "\"/>";
    }
    for (const twin::Site& s : fork.Sites())
      if (s.position && changed.count(s.id))
        h << "<circle cx=\"" << s.position->lon << "\" cy=\"" << -s.position->lat << "\" r=\"" << 3 * stroke << "\" fill=\"#d9534f\"/>";
    h << "</svg><p>" << changed.size() << " elements changed (red).</p>";
  }
  auto table = [&](const std::vector<DiffRow>& rows, const char* heading, std::size_t limit) {
    h << "<h2>" << heading << "</h2><table><tr><th>failure</th><th>verdict</th><th>what changed</th><th>endpoints lost</th><th>sites cut</th><th>links over</th><th>worst delay (ms)</th></tr>";
    std::size_t shown = 0;
    for (const DiffRow& r : rows) {
      if (r.verdict == Verdict::Unchanged) continue;
      if (++shown > limit) break;
      std::string what;
      for (const auto& c : r.changes) what += (what.empty() ? "" : "; ") + c;
      auto pair = [](const Impact* was, const Impact* now, auto get) {
        return (was ? std::to_string(get(*was)) : std::string("–")) + " → " + (now ? std::to_string(get(*now)) : std::string("–"));
      };
      h << "<tr class=\"" << VerdictName(r.verdict) << "\"><td>" << Esc(r.kind + " " + r.id) << "</td><td>" << VerdictName(r.verdict)
        << "</td><td>" << Esc(what) << "</td><td class=num>" << pair(r.before, r.after, [](const Impact& i) { return static_cast<long long>(i.cut.endpoints); })
        << "</td><td class=num>" << pair(r.before, r.after, [](const Impact& i) { return static_cast<long long>(i.cut.sites); })
        << "</td><td class=num>" << pair(r.before, r.after, [](const Impact& i) { return static_cast<long long>(i.linksOver); })
        << "</td><td class=num>" << pair(r.before, r.after, [](const Impact& i) { return static_cast<long long>(std::lround(i.worstDelayMs)); })
        << "</td></tr>";
    }
    h << "</table>";
  };
  auto confirmations = [&](const SweepResult& r, const char* which) {
    if (r.confirmed.empty()) return;
    h << "<h2>The worst failures of the " << which << ", re-run in ns-3</h2><table><tr><th>failure</th><th>sites cut<br>analytic / simulated</th>"
      << "<th>endpoints lost<br>analytic / simulated</th><th>endpoints degraded<br>simulated</th><th>links over capacity<br>analytic / simulated</th><th></th></tr>";
    for (const Confirmation& k : r.confirmed)
      h << "<tr class=\"" << (k.agree ? "better" : "worse") << "\"><td>" << FailureKindName(r.elements[k.element].kind) << " "
        << Esc(r.elements[k.element].id) << "</td><td class=num>" << k.sitesAnalytic << " / " << k.sitesSimulated
        << "</td><td class=num>" << k.endpointsAnalytic << " / " << k.endpointsLostSimulated << "</td><td class=num>"
        << k.endpointsDegradedSimulated << "</td><td class=num>" << k.overAnalytic << " / " << k.overSimulated << "</td><td>"
        << (k.agree ? "agree" : "DISAGREE: " + Esc(k.note)) << "</td></tr>";
    h << "</table>";
  };
  confirmations(b, "base");
  if (&b != &f) confirmations(f, "fork");
  table(d.singles, "Single failures that changed (worse first)", 300);
  if (!d.pairs.empty()) table(d.pairs, "Pairs of failures that changed", 200);
  h << "<p>Made by NetDrill's what-if bench: loads re-routed analytically from the twin's demands (conference and VPN); "
       "delay bands after ITU-T G.114.</p></body></html>";
  return h.str();
}

}  // namespace netdrill::whatif
