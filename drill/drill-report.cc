#include "drill/drill-report.h"

#include "drill/procedure.h"
#include "session/diagnose.h"
#include "session/session.h"
#include "twin/display-name.h"
#include "twin/text.h"
#include "twin/units.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace netdrill::drill {

namespace {

std::string Escape(const std::string& s) { return twin::EscapeHtml(s); }

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Every label of the report, in both languages (glossary-vi.md's terms).
const std::string& Label(const std::string& key, const std::string& lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> kLabels{
      {"report", {"Báo cáo đánh giá sau diễn tập", "After-action report"}},
      {"trainee", {"Học viên", "Trainee"}},
      {"seed", {"Biến thể (seed)", "Variant (seed)"}},
      {"score", {"Điểm", "Score"}},
      {"objectives", {"Mục tiêu", "Objectives"}},
      {"objective", {"Mục tiêu", "Objective"}},
      {"weight", {"Trọng số", "Weight"}},
      {"deadline", {"Hạn", "Deadline"}},
      {"met", {"Đạt lúc", "Met at"}},
      {"points", {"Điểm đạt", "Points"}},
      {"not-met", {"Chưa đạt", "Not met"}},
      {"hint", {"Gợi ý", "Hint"}},
      {"step", {"Bước trong quy trình xử lý", "Procedure step"}},
      {"timeline", {"Diễn biến", "Timeline"}},
      {"time", {"Thời điểm", "Time"}},
      {"who", {"Nguồn", "Source"}},
      {"what", {"Nội dung", "What"}},
      {"kpi", {"Chỉ số dịch vụ", "Service KPIs"}},
      {"good", {"Điểm cầu hội nghị đạt chất lượng (%)", "Conference endpoints good (%)"}},
      {"unreachable", {"Điểm không kết nối được", "Sites unreachable"}},
      {"steady", {"Trạng thái ổn định", "Steady state"}},
      {"before", {"Trước", "Before"}},
      {"worst", {"Xấu nhất", "Worst"}},
      {"after", {"Sau", "After"}},
      {"held", {"giữ được", "held"}},
      {"broken", {"không giữ được", "not held"}},
      {"summary", {"Tổng kết", "Summary"}},
      {"strengths", {"Điểm mạnh", "Strengths"}},
      {"improve", {"Nội dung cần cải thiện", "Areas for improvement"}},
      {"hints-used", {"Gợi ý đã dùng", "Hints used"}},
      {"penalties", {"Điểm trừ", "Penalties"}},
      {"declarations", {"Các kết luận nguyên nhân", "Declared causes"}},
      {"declaration-costs", {"Kết luận sai", "Wrong declarations"}},
      {"evidence", {"Căn cứ chẩn đoán", "Evidence"}},
      {"no-evidence", {"Kết luận nguyên nhân không có căn cứ chẩn đoán (nửa điểm)", "Cause declared without evidence (half points)"}},
      {"blind-changes", {"Thao tác không có đối tượng khắc phục", "Blind changes (nothing to restore)"}},
      {"collateral", {"Thao tác làm gián đoạn dịch vụ", "Collateral damage (service an action cut)"}},
      {"unresolved", {"Chưa khắc phục khi kết thúc", "Left unresolved at the end"}},
      {"left", {"Còn lại khi kết thúc", "Left at the end"}},
      {"repairs-outlast", {"Kịch bản nêu rõ việc sửa chữa không thể xong trong thời gian diễn tập.", "The drill states that repairs cannot finish in its time."}},
      {"assist", {"Mức hỗ trợ", "Assist level"}},
      {"took", {"Thời gian xử lý", "Time taken"}},
      {"outcome", {"Kết quả đạt được", "Outcome"}},
      {"relapsed", {"Tái diễn lúc", "Relapsed at"}},
      {"no-name", {"Phiếu không nêu đối tượng bị ảnh hưởng (nửa điểm)", "Ticket names nothing affected (half points)"}},
      {"no-impact", {"Phiếu không nêu mức ảnh hưởng (nửa điểm)", "Ticket gives no impact (half points)"}},
      {"escalation", {"Mức nghiêm trọng của phiếu lệch", "Ticket severity off"}},
      {"correct", {"đúng", "right"}},
      {"wrong", {"sai", "wrong"}},
      {"picks", {"Biến thể: các lựa chọn", "Variant picks"}},
      {"fingerprint", {"Dấu vân tay lượt chạy", "Run fingerprint"}},
      {"classification", {"MẬT – chỉ dùng cho huấn luyện", "CONFIDENTIAL – training use only"}},
      {"procedure", {"Quy trình xử lý", "Procedure"}},
      {"who:scenario", {"kịch bản", "scenario"}},
      {"who:caller", {"người gọi báo", "caller"}},
      {"who:trainee", {"học viên", "trainee"}},
      {"who:instructor", {"giảng viên", "instructor"}},
      {"who:hint", {"gợi ý", "hint"}},
      {"who:objective", {"mục tiêu", "objective"}},
      {"who:penalty", {"điểm trừ", "penalty"}},
      {"followed", {"đã thực hiện", "followed"}},
      {"missed", {"chưa thực hiện", "not followed"}},
      {"unscored", {"không chấm", "not scored"}},
  };
  static const std::string missing = "?";
  auto it = kLabels.find(key);
  if (it == kLabels.end()) return missing;
  return lang == "en" ? it->second.second : it->second.first;
}

// A line chart as inline SVG: x the drill's time, y the values.
std::string Chart(const std::vector<KpiSample>& series, double duration, bool percent, const std::string& title) {
  const double w = 680, h = 160, left = 40, bottom = 24;
  double ymax = percent ? 100.0 : 1.0;
  for (const KpiSample& s : series) ymax = std::max(ymax, percent ? 100.0 : static_cast<double>(s.sitesUnreachable));
  std::ostringstream svg;
  svg << "<figure><figcaption>" << Escape(title) << "</figcaption><svg viewBox=\"0 0 " << w << ' ' << h
      << "\" width=\"100%\" role=\"img\"><rect x=\"" << left << "\" y=\"0\" width=\"" << w - left << "\" height=\""
      << h - bottom << "\" fill=\"#f7f7f7\"/>";
  svg << "<text x=\"2\" y=\"12\" font-size=\"10\">" << Fixed(ymax, 0) << "</text><text x=\"2\" y=\"" << h - bottom
      << "\" font-size=\"10\">0</text>";
  for (int m = 0; m <= 4; ++m) {
    const double x = left + (w - left) * m / 4.0;
    svg << "<text x=\"" << x << "\" y=\"" << h - 8 << "\" font-size=\"10\" text-anchor=\""
        << (m == 0 ? "start" : m == 4 ? "end" : "middle") << "\">" << session::FormatClock(duration * m / 4.0).substr(3) << "</text>";
  }
  svg << "<polyline fill=\"none\" stroke=\"" << (percent ? "#1a7f37" : "#b42318") << "\" stroke-width=\"1.5\" points=\"";
  for (const KpiSample& s : series) {
    const double v = percent ? s.conferenceGoodPct : s.sitesUnreachable;
    svg << Fixed(left + (w - left) * s.at / std::max(duration, 1.0), 1) << ','
        << Fixed((h - bottom) * (1.0 - v / ymax), 1) << ' ';
  }
  svg << "\"/></svg></figure>";
  return svg.str();
}

}  // namespace

std::string ReportHtml(const Drill& drill, const DrillResult& r, const std::string& trainee, const twin::Twin* twin) {
  const std::string& lang = r.lang;
  const twin::NameLang nameLang = lang == "en" ? twin::NameLang::En : twin::NameLang::Vi;
  auto Named = [&](const std::string& text) {
    return twin != nullptr ? twin::NameIdsInText(*twin, text, nameLang, twin::IdsInText::Annotate) : text;
  };
  auto L = [&](const std::string& key) { return Escape(Label(key, lang)); };
  std::ostringstream h;
  h << "<!DOCTYPE html><html lang=\"" << (lang == "en" ? "en" : "vi") << "\"><head><meta charset=\"utf-8\"><title>"
    << L("report") << " – " << Escape(drill.title.In(lang)) << "</title><style>"
    << "body{font-family:'Noto Sans','DejaVu Sans',sans-serif;max-width:190mm;margin:10mm auto;color:#111;font-size:11pt}"
    << "h1{font-size:16pt;margin:0}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:18pt}"
    << "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:3pt 5pt;text-align:left;vertical-align:top}"
    << ".banner{background:#b42318;color:#fff;text-align:center;font-weight:bold;padding:3pt}"
    << ".score{font-size:28pt;font-weight:bold}.met{color:#1a7f37}.missed{color:#b42318}"
    << "figure{margin:6pt 0}figcaption{font-size:10pt;color:#444}"
    << "@page{size:A4;margin:12mm}@media print{h2{break-after:avoid}tr{break-inside:avoid}}"
    << "</style></head><body>\n";
  h << "<div class=\"banner\" id=\"classification\">" << L("classification") << "</div>\n";
  h << "<h1>" << L("report") << ": " << Escape(drill.title.In(lang)) << "</h1>\n";
  h << "<p>" << L("trainee") << ": <b id=\"trainee\">" << Escape(trainee.empty() ? "—" : trainee) << "</b> · " << L("seed")
    << ": <span id=\"seed\">" << r.seed << "</span> · " << Escape(drill.network) << " · "
    << session::FormatClock(drill.durationS) << " · " << L("assist") << ": <span id=\"assist\">" << AssistName(r.assist)
    << "</span></p>\n";
  h << "<h2>" << L("summary") << "</h2><p>" << L("score") << ": <span class=\"score\" id=\"score\">" << Fixed(r.score, 0)
    << "</span> / 100 &nbsp; (" << L("objectives") << " " << Fixed(r.objectivePoints, 1) << ", " << L("hints-used") << " "
    << (r.hintCosts > 0 ? "−" : "") << Fixed(r.hintCosts, 1) << ", " << L("penalties") << " "
    << (r.penaltyPoints > 0 ? "−" : "") << Fixed(r.penaltyPoints, 1) << ", " << L("declaration-costs") << " "
    << (r.declarationCosts > 0 ? "−" : "") << Fixed(r.declarationCosts, 1) << ", " << L("blind-changes") << " "
    << (r.blindCosts > 0 ? "−" : "") << Fixed(r.blindCosts, 1) << ", " << L("collateral") << " "
    << (r.collateralCosts > 0 ? "−" : "") << Fixed(r.collateralCosts, 1) << ", " << L("unresolved") << " "
    << (r.unresolvedCosts > 0 ? "−" : "") << Fixed(r.unresolvedCosts, 1) << ")</p>\n";
  // What was still wrong at the end, and whether the drill said it would be.
  if (!r.leftAtEnd.empty()) {
    h << "<p id=\"left-at-end\"><b>" << L("left") << ":</b> ";
    for (std::size_t i = 0; i < r.leftAtEnd.size(); ++i) h << (i ? "; " : "") << Escape(r.leftAtEnd[i]);
    h << (drill.repairsFinish ? "" : " — " + L("repairs-outlast")) << "</p>\n";
  }
  // Strengths and improvements: the objectives met in time, and the rest.
  h << "<table><tr><th>" << L("strengths") << "</th><th>" << L("improve") << "</th></tr><tr><td><ul>";
  for (const ObjectiveResult& o : r.objectives) {
    if (o.metAt && *o.metAt <= o.byS + 1e-9) h << "<li>" << Escape(o.title.In(lang).empty() ? o.id : o.title.In(lang)) << "</li>";
  }
  h << "</ul></td><td><ul>";
  for (const ObjectiveResult& o : r.objectives) {
    if (!o.metAt || *o.metAt > o.byS + 1e-9) h << "<li>" << Escape(o.title.In(lang).empty() ? o.id : o.title.In(lang)) << "</li>";
  }
  if (r.worsenings > 0) h << "<li>" << L("penalties") << ": " << r.worsenings << "</li>";
  const auto wrong = std::count_if(r.declarations.begin(), r.declarations.end(), [](const DeclarationResult& d) { return !d.correct; });
  if (wrong > 0) h << "<li>" << L("declaration-costs") << ": " << wrong << "</li>";
  for (const ObjectiveResult& o : r.objectives) {
    if (o.evidence && o.evidence->empty()) h << "<li>" << L("no-evidence") << ": " << Escape(o.id) << "</li>";
  }
  for (const BlindChange& b : r.blindChanges) {
    h << "<li>" << L("blind-changes") << ": " << session::FormatClock(b.at) << " <code>" << Escape(b.command) << "</code> −"
      << Fixed(b.cost, 1) << "</li>";
  }
  for (const CollateralCharge& c : r.collateral) {
    h << "<li>" << L("collateral") << ": " << session::FormatClock(c.at) << " <code>" << Escape(c.command) << "</code> "
      << c.sites << " sites, " << c.endpoints << " endpoints; " << Fixed(c.siteMinutes, 1) << " site-min, "
      << Fixed(c.endpointMinutes, 1) << " endpoint-min −" << Fixed(c.cost, 1) << "</li>";
  }
  for (const ObjectiveResult& o : r.objectives) {
    if (o.named && !*o.named) h << "<li>" << L("no-name") << ": " << Escape(o.id) << "</li>";
    if (o.impactGiven && !*o.impactGiven) h << "<li>" << L("no-impact") << ": " << Escape(o.id) << "</li>";
    if (o.escalationCost > 0) h << "<li>" << L("escalation") << ": " << Escape(o.id) << " −" << Fixed(o.escalationCost, 1) << "</li>";
    if (o.relapsedAt) h << "<li>" << L("relapsed") << " " << session::FormatClock(*o.relapsedAt) << ": " << Escape(o.id) << "</li>";
  }
  h << "</ul></td></tr></table>\n";
  h << "<h2>" << L("objectives") << "</h2><table id=\"objectives\"><tr><th>" << L("objective") << "</th><th>" << L("weight")
    << "</th><th>" << L("deadline") << "</th><th>" << L("met") << "</th><th>" << L("points") << "</th><th>" << L("hint")
    << "</th><th>" << L("took") << "</th><th>" << L("step") << "</th></tr>\n";
  for (const ObjectiveResult& o : r.objectives) {
    h << "<tr data-id=\"" << Escape(o.id) << "\" data-points=\"" << Fixed(o.points, 1) << "\"><td>"
      << Escape(o.title.In(lang).empty() ? o.id : o.title.In(lang))
      << (o.evidence && !o.evidence->empty() ? "<br><small>" + L("evidence") + ": <code>" + Escape(*o.evidence) + "</code></small>" : "")
      << (!o.outcome.empty() ? "<br><small>" + L("outcome") + ": <code>" + Escape(o.outcome) + "</code></small>" : "")
      << "</td><td>" << Fixed(o.weight, 0) << "</td><td>"
      << session::FormatClock(o.byS) << "</td><td class=\"" << (o.metAt ? "met" : "missed") << "\">"
      << (o.metAt ? session::FormatClock(*o.metAt) : Label("not-met", lang)) << "</td><td>" << Fixed(o.points, 1)
      << "</td><td>" << (o.hintShown ? "−" + Fixed(o.hintCost, 0) : "") << "</td><td>"
      << (o.TimeTaken() ? session::FormatClock(*o.TimeTaken()) : "") << "</td><td>" << Escape(o.step) << "</td></tr>\n";
  }
  h << "</table>\n";
  // Every declaration with its time: the wrong ones cost (guessing must not pay).
  if (!r.declarations.empty()) {
    h << "<h2>" << L("declarations") << "</h2><table id=\"declarations\"><tr><th>" << L("time") << "</th><th>"
      << L("what") << "</th><th></th><th>" << L("points") << "</th></tr>\n";
    for (const DeclarationResult& d : r.declarations) {
      h << "<tr data-correct=\"" << (d.correct ? "true" : "false") << "\"><td>" << session::FormatClock(d.at)
        << "</td><td>" << Escape(Named(d.element)) << "</td><td class=\"" << (d.correct ? "met" : "missed") << "\">"
        << L(d.correct ? "correct" : "wrong") << "</td><td>" << (d.cost > 0 ? "−" + Fixed(d.cost, 1) : "") << "</td></tr>\n";
    }
    h << "</table>\n";
  }
  h << "<h2>" << L("kpi") << "</h2>";
  if (!drill.conference.empty()) h << Chart(r.series, r.durationS, true, Label("good", lang));
  h << Chart(r.series, r.durationS, false, Label("unreachable", lang)) << '\n';
  if (!r.steadyState.empty()) {
    h << "<h2>" << L("steady") << "</h2><table><tr><th></th><th>" << L("before") << "</th><th>" << L("worst") << "</th><th>"
      << L("after") << "</th></tr>";
    for (const SteadyResult& s : r.steadyState) {
      h << "<tr><td>" << Escape(s.kpi) << (s.min ? " ≥ " + twin::FormatNumber(*s.min) : "")
        << (s.max ? " ≤ " + twin::FormatNumber(*s.max) : "") << "</td><td>" << Fixed(s.before, 1) << " ("
        << (s.heldBefore ? L("held") : L("broken")) << ")</td><td>" << Fixed(s.worst, 1) << "</td><td>" << Fixed(s.after, 1)
        << " (" << (s.heldAfter ? L("held") : L("broken")) << ")</td></tr>";
    }
    h << "</table>\n";
  }
  // The procedures' steps: followed when an objective standing for the step was met.
  std::vector<std::string> procedureIds;
  if (!drill.procedure.empty()) procedureIds.push_back(drill.procedure);
  for (const Objective& o : drill.objectives) {
    const std::string id = o.step.substr(0, o.step.find('/'));
    if (!o.step.empty() && std::find(procedureIds.begin(), procedureIds.end(), id) == procedureIds.end()) procedureIds.push_back(id);
  }
  for (const std::string& id : procedureIds) {
    twin::Diagnostics ignored;
    const auto procedure = LoadProcedure(ProcedurePath(drill.file, id), ignored);
    if (!procedure) continue;
    h << "<h2>" << L("procedure") << ": " << Escape(procedure->title.In(lang)) << "</h2><ol class=\"procedure\">";
    for (std::size_t n = 0; n < procedure->steps.size(); ++n) {
      const std::string step = id + "/" + std::to_string(n + 1);
      int scored = 0, met = 0;
      for (const ObjectiveResult& o : r.objectives) {
        if (o.step != step) continue;
        ++scored;
        met += o.metAt.has_value();
      }
      const char* cls = scored == 0 ? "" : met > 0 ? "met" : "missed";
      h << "<li class=\"" << cls << "\">" << Escape(procedure->steps[n].In(lang)) << " <i>("
        << (scored == 0 ? L("unscored") : met > 0 ? L("followed") : L("missed")) << ")</i></li>";
    }
    h << "</ol>\n";
  }
  h << "<h2>" << L("timeline") << "</h2><table id=\"timeline\"><tr><th>" << L("time") << "</th><th>" << L("who") << "</th><th>"
    << L("what") << "</th></tr>\n";
  for (const TimelineItem& t : r.timeline) {
    const std::string& who = Label("who:" + t.who, lang);
    h << "<tr><td>" << session::FormatClock(t.at) << "</td><td>" << Escape(who == "?" ? t.who : who) << "</td><td>"
      << Escape(Named(t.text)) << "</td></tr>\n";
  }
  h << "</table>\n<h2>" << L("picks") << "</h2><ul>";
  for (const auto& [id, chosen] : r.picks) {
    h << "<li>" << Escape(id) << ":";
    for (const auto& c : chosen) h << ' ' << Escape(c);
    h << "</li>";
  }
  const std::string hex = session::FingerprintHex(r.fingerprint);
  h << "</ul><p>" << L("fingerprint") << ": <code id=\"fingerprint\">" << hex << "</code></p>\n</body></html>\n";
  return h.str();
}

}  // namespace netdrill::drill
