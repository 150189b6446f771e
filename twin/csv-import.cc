#include "csv-import.h"

#include "csv.h"
#include "twin-spec.h"
#include "units.h"

#include <set>

namespace netdrill::twin {
namespace {

const std::vector<std::string> kSiteColumns{"id", "level", "code", "name", "name_en", "lat",
                                            "lon", "parent", "province", "priority"};
const std::vector<std::string> kLinkColumns{"a", "b", "capacity", "length_km", "delay_ms", "medium", "role", "srg"};

// Checks the header: unknown columns are errors (with "did you mean"), required ones must be there.
bool CheckHeader(const CsvTable& t, const std::vector<std::string>& known, const std::vector<std::string>& required,
                 const std::string& file, Diagnostics& diags) {
  bool ok = true;
  for (const CsvField& h : t.header) {
    bool isKnown = false;
    for (const std::string& k : known) isKnown = isKnown || k == h.text;
    if (!isKnown) {
      diags.Error("unknown-key", file, h.loc, "header", "unknown column \"" + h.text + "\"", SuggestHint(h.text, known));
      ok = false;
    }
  }
  for (const std::string& r : required) {
    if (t.Column(r) < 0) {
      diags.Error("missing-key", file, {1, 1}, "header", "column \"" + r + "\" is required");
      ok = false;
    }
  }
  return ok;
}

bool HasEveryField(const CsvTable& t, const CsvRow& row, const std::string& file, Diagnostics& diags) {
  if (row.fields.size() == t.header.size()) return true;
  diags.Error("csv-columns", file, {row.line, 1}, "row " + std::to_string(row.line),
              "row has " + std::to_string(row.fields.size()) + " fields, the header " + std::to_string(t.header.size()));
  return false;
}

struct RowReader {
  const CsvTable& table;
  const CsvRow& row;
  const std::string& file;
  Diagnostics& diags;

  const CsvField* Field(const char* name) const {
    const int c = table.Column(name);
    if (c < 0 || static_cast<std::size_t>(c) >= row.fields.size()) return nullptr;
    const CsvField& f = row.fields[static_cast<std::size_t>(c)];
    return f.text.empty() ? nullptr : &f;
  }
  void Text(const char* name, Located<std::string>& out) const {
    if (const CsvField* f = Field(name)) out.Set(f->text, f->loc);
  }
  void Number(const char* name, Located<double>& out) const {
    const CsvField* f = Field(name);
    if (f == nullptr) return;
    if (auto v = ParseNumber(f->text)) {
      out.Set(*v, f->loc);
    } else {
      diags.Error("bad-number", file, f->loc, std::string("row ") + std::to_string(row.line) + "." + name,
                  "\"" + f->text + "\" is not a number");
    }
  }
};

}  // namespace

std::optional<Twin> ImportCsv(const std::string& sitesPath, const std::string& linksPath, const std::string& name,
                              Diagnostics& diags) {
  const int before = diags.ErrorCount();
  auto sitesText = ReadFile(sitesPath, diags);
  auto linksText = ReadFile(linksPath, diags);
  if (!sitesText || !linksText) return std::nullopt;
  auto sites = ParseCsv(*sitesText, sitesPath, diags);
  auto links = ParseCsv(*linksText, linksPath, diags);
  if (!sites || !links) return std::nullopt;
  const bool sitesOk = CheckHeader(*sites, kSiteColumns, {"id", "level"}, sitesPath, diags);
  const bool linksOk = CheckHeader(*links, kLinkColumns, {"a", "b", "capacity"}, linksPath, diags);
  if (!sitesOk || !linksOk) return std::nullopt;

  TwinSpec spec;
  spec.file = sitesPath;
  spec.sitesFile = sitesPath;
  spec.linksFile = linksPath;
  spec.name = name;
  for (const CsvRow& row : sites->rows) {
    if (!HasEveryField(*sites, row, sitesPath, diags)) continue;
    RowReader r{*sites, row, sitesPath, diags};
    SiteSpec s;
    s.loc = {row.line, 1};
    s.path = "row " + std::to_string(row.line);
    r.Text("id", s.id);
    r.Text("level", s.level);
    r.Text("code", s.code);
    r.Text("name", s.name);
    r.Text("name_en", s.nameEn);
    r.Number("lat", s.lat);
    r.Number("lon", s.lon);
    r.Text("parent", s.parent);
    r.Text("province", s.province);
    if (const CsvField* f = r.Field("priority")) {
      // "2" or "P2"; BuildTwin checks the range.
      const std::string digits = (f->text[0] == 'P' || f->text[0] == 'p') ? f->text.substr(1) : f->text;
      if (digits.size() == 1 && digits[0] >= '0' && digits[0] <= '9') {
        s.priority.Set(digits[0] - '0', f->loc);
      } else {
        diags.Error("bad-value", sitesPath, f->loc, s.path + ".priority", "priority must be 1..4 or P1..P4");
      }
    }
    spec.sites.push_back(std::move(s));
  }
  std::set<std::string> srgIds;
  for (const CsvRow& row : links->rows) {
    if (!HasEveryField(*links, row, linksPath, diags)) continue;
    RowReader r{*links, row, linksPath, diags};
    LinkSpec l;
    l.loc = {row.line, 1};
    l.path = "row " + std::to_string(row.line);
    r.Text("a", l.a);
    r.Text("b", l.b);
    r.Text("capacity", l.capacity);
    r.Number("length_km", l.km);
    r.Number("delay_ms", l.delayMs);
    r.Text("medium", l.medium);
    r.Text("role", l.role);
    if (const CsvField* f = r.Field("srg")) {
      // Groups separated by ';': each one named is declared.
      std::size_t start = 0;
      while (start <= f->text.size()) {
        const std::size_t end = std::min(f->text.find(';', start), f->text.size());
        const std::string id = f->text.substr(start, end - start);
        if (!id.empty()) {
          Located<std::string> ref;
          ref.Set(id, {f->loc.line, f->loc.column + static_cast<int>(start)});
          l.srgs.push_back(ref);
          if (srgIds.insert(id).second) {
            SrgSpec g;
            g.loc = ref.loc;
            g.path = l.path + ".srg";
            g.id = ref;
            spec.srgs.push_back(g);
          }
        }
        start = end + 1;
      }
    }
    spec.links.push_back(std::move(l));
  }
  auto twin = BuildTwin(spec, diags);
  if (diags.ErrorCount() > before) return std::nullopt;
  return twin;
}

}  // namespace netdrill::twin
