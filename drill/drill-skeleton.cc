#include "drill/drill-skeleton.h"

#include <map>

namespace netdrill::drill {

namespace {

// The part every skeleton shares: the header, with ID, NETWORK, TITLE, PROCEDURE to fill.
const char* const kHead = R"(# Written by `netdrill drill new`: edit the texts, times and weights, then
# `netdrill drill check --play FILE`. Every key: docs/scenario-reference.md.
drill: 1
id: ID
title: TITLE
briefing:
  vi: "Mô tả tình huống cho học viên (không nêu đáp án)."
  en: "What the trainee is told at the start (never the answer)."
difficulty: medium
duration: 12m
network: NETWORK
procedure: PROCEDURE
# assist: standard          # guided (default), standard or exam: how much the console helps

)";

// Per class: the picks, the injects and the objectives (weights add up to 100).
const std::map<std::string, std::pair<std::string, std::string>>& Bodies() {
  static const std::map<std::string, std::pair<std::string, std::string>> bodies{
      {"fibre-cut",
       {"fibre-cut", R"(pick:
  fibre:
    link: {from: commune, single_homed: true}   # a commune's only uplink, chosen by the seed

events:
  - at: 1m
    do: "fault cut:{fibre}"

objectives:
  - id: detect
    title: {vi: Xác nhận cảnh báo gốc, en: Acknowledge the root alarm}
    task: ack
    target: "{fibre}"
    after: 1m
    by: 4m
    weight: 20
    step: fibre-cut/1
  - id: diagnose
    title: {vi: Xác định tuyến cáp bị đứt, en: Name the cut fibre}
    task: declare
    target: "{fibre}"
    evidence: true            # a traceroute or ping toward the commune first, or half points
    after: 1m
    by: 6m
    weight: 30
    step: fibre-cut/2
  - id: repair
    title: {vi: Điều động đội ứng cứu, en: Send a field team}
    task: action
    outcome: {team_sent: "{fibre}"}
    after: 1m
    by: 8m
    weight: 30
    step: fibre-cut/4
  - id: communicate
    title: {vi: Mở phiếu sự cố, en: Open a trouble ticket}
    task: ticket              # its severity: what the incident warrants (session/severity.h)
    names: "{fibre}"
    after: 1m
    by: 10m
    weight: 20
    step: fibre-cut/5

penalties:
  - {task: worsen, points: 10}
)"}},
      {"power",
       {"power", R"(pick:
  site:
    site: {level: commune}

events:
  - at: 1m
    do: "fault power-loss:{site}"

objectives:
  - id: detect
    title: {vi: Xác nhận cảnh báo mất điện, en: Acknowledge the power alarm}
    task: ack
    target: "{site}"
    after: 1m
    by: 5m
    weight: 25
    step: power/1
  - id: diagnose
    title: {vi: Xác định điểm mất điện, en: Name the site on battery}
    task: declare
    target: "{site}"
    after: 1m
    by: 8m
    weight: 25
    step: power/2
  - id: call
    title: {vi: Liên hệ điểm để chuẩn bị máy phát, en: Call the site to bring a generator}
    task: message
    target: "{site}"
    after: 1m
    by: 10m
    weight: 25
    step: power/3
  - id: communicate
    title: {vi: Phiếu sự cố, en: A ticket}
    task: ticket
    names: "{site}"
    after: 1m
    by: 11m
    weight: 25
    step: power/5
)"}},
      {"misconfiguration",
       {"misconfiguration", R"(pick:
  uplink:
    link: {from: commune, single_homed: true}

events:
  - at: 1m
    do: "fault disable:{uplink}"     # an interface shut by mistake

objectives:
  - id: detect
    title: {vi: Xác nhận cảnh báo, en: Acknowledge the alarm}
    task: ack
    target: "{uplink}"
    after: 1m
    by: 4m
    weight: 20
    step: misconfiguration/1
  - id: diagnose
    title: {vi: Xác định giao diện bị tắt, en: Name the shut interface}
    task: declare
    target: "{uplink}"
    evidence: true
    after: 1m
    by: 6m
    weight: 30
    step: misconfiguration/2
  - id: restore
    title: {vi: Xã liên lạc lại được, en: The commune reachable again}
    task: restore
    sites: ["{uplink.lower}"]
    stay: true
    after: 1m
    by: 8m
    weight: 30
    step: misconfiguration/4
  - id: communicate
    title: {vi: Phiếu sự cố, en: A ticket}
    task: ticket
    names: "{uplink}"
    after: 1m
    by: 10m
    weight: 20
    step: misconfiguration/5

penalties:
  - {task: worsen, points: 10}
)"}},
      {"ddos",
       {"ddos", R"(pick:
  target:
    site: {level: province}

events:
  - at: 1m
    do: "fault ddos:{target}[mbps=3000]"

objectives:
  - id: detect
    title: {vi: Xác nhận cảnh báo lưu lượng bất thường, en: Acknowledge the traffic anomaly}
    task: ack
    target: "{target}"
    after: 1m
    by: 4m
    weight: 15
    step: ddos/1
  - id: diagnose
    title: {vi: Xác định đích của luồng tấn công, en: Name the target of the flood}
    task: declare
    target: "{target}"
    evidence: true
    after: 1m
    by: 5m
    weight: 25
    step: ddos/2
  - id: mitigate
    title: {vi: Chặn hoặc giới hạn lưu lượng tấn công, en: Filter or rate-limit the attack}
    task: action
    outcome: {attack_toward: "{target}", below_mbps: 100}   # filter or rate-limit: both count
    evidence: true
    after: 1m
    by: 6m
    weight: 40
    step: ddos/3
  - id: communicate
    title: {vi: Phiếu sự cố an toàn thông tin, en: A security ticket}
    task: ticket
    names: "{target}"
    after: 1m
    by: 10m
    weight: 20
    step: ddos/5
)"}},
  };
  return bodies;
}

std::string Fill(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

const std::vector<std::string>& SkeletonClasses() {
  static const std::vector<std::string> classes = [] {
    std::vector<std::string> out;
    for (const auto& [name, body] : Bodies()) out.push_back(name);
    return out;
  }();
  return classes;
}

std::optional<std::string> DrillSkeleton(const std::string& incident, const std::string& network, const std::string& id) {
  const auto it = Bodies().find(incident);
  if (it == Bodies().end()) return std::nullopt;
  std::string head = Fill(Fill(Fill(kHead, "ID", id), "NETWORK", network), "PROCEDURE", it->second.first);
  head = Fill(head, "TITLE", "{vi: \"" + id + "\", en: \"" + id + "\"}");
  return head + it->second.second;
}

}  // namespace netdrill::drill
