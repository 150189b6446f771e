#include "session/alarms.h"

#include <algorithm>
#include <set>

namespace netdrill::session {

const char* SeverityName(AlarmSeverity s) {
  switch (s) {
    case AlarmSeverity::Cleared:
      return "cleared";
    case AlarmSeverity::Indeterminate:
      return "indeterminate";
    case AlarmSeverity::Warning:
      return "warning";
    case AlarmSeverity::Minor:
      return "minor";
    case AlarmSeverity::Major:
      return "major";
    case AlarmSeverity::Critical:
      return "critical";
  }
  return "indeterminate";
}

std::optional<AlarmSeverity> ParseSeverity(std::string_view text) {
  for (AlarmSeverity s : {AlarmSeverity::Warning, AlarmSeverity::Minor, AlarmSeverity::Major, AlarmSeverity::Critical}) {
    if (text == SeverityName(s)) return s;
  }
  return std::nullopt;
}

const char* OperatorStateName(OperatorState s) {
  switch (s) {
    case OperatorState::None:
      return "none";
    case OperatorState::Ack:
      return "ack";
    case OperatorState::Shelved:
      return "shelved";
    case OperatorState::Closed:
      return "closed";
  }
  return "none";
}

void AlarmList::Update(double now, const std::vector<AlarmCondition>& conditions) {
  // The version moves only when an alarm does: a snapshot shares the previous one's list while it
  // stands still, so a long run's history holds one copy per change, not one per second.
  bool changed = false;
  std::set<Key> present;
  for (const AlarmCondition& c : conditions) {
    const Key key{c.resource, c.type, c.qualifier};
    present.insert(key);
    m_goneSince.erase(key);
    if (auto it = m_active.find(key); it != m_active.end()) {
      Alarm& a = m_alarms[it->second];
      if (a.rootCauses != c.rootCauses) {
        a.rootCauses = c.rootCauses;
        changed = true;
      }
      if (a.severity != c.severity || a.text != c.text) {
        changed = true;
        a.severity = c.severity;
        a.text = c.text;
        a.args = c.args;
        a.changedAt = now;
        a.history.push_back({now, c.severity, c.text});
      }
      continue;
    }
    auto seen = m_seenSince.emplace(key, now).first;
    if (now - seen->second + 1e-9 < c.raiseAfterS) continue;
    m_seenSince.erase(seen);
    Alarm a;
    a.id = "A-" + std::to_string(m_next++);
    a.resource = c.resource;
    a.type = c.type;
    a.qualifier = c.qualifier;
    a.severity = c.severity;
    a.text = c.text;
    a.args = c.args;
    a.raisedAt = a.changedAt = now;
    a.history.push_back({now, c.severity, c.text});
    a.rootCauses = c.rootCauses;
    m_active.emplace(key, m_alarms.size());
    m_alarms.push_back(std::move(a));
    changed = true;
  }
  // Conditions seen but gone before their raise delay: forgotten.
  for (auto it = m_seenSince.begin(); it != m_seenSince.end();) {
    it = present.count(it->first) ? std::next(it) : m_seenSince.erase(it);
  }
  // Active alarms whose condition is gone clear after the delay the condition last gave.
  for (auto it = m_active.begin(); it != m_active.end();) {
    if (present.count(it->first)) {
      ++it;
      continue;
    }
    const double since = m_goneSince.emplace(it->first, now).first->second;
    Alarm& a = m_alarms[it->second];
    if (now - since + 1e-9 < m_clearDelay[it->first]) {
      ++it;
      continue;
    }
    a.clearedAt = now;
    a.changedAt = now;
    a.severity = AlarmSeverity::Cleared;
    a.history.push_back({now, AlarmSeverity::Cleared, a.text});
    a.impacted.clear();
    m_goneSince.erase(it->first);
    it = m_active.erase(it);
    changed = true;
  }
  for (const AlarmCondition& c : conditions) m_clearDelay[{c.resource, c.type, c.qualifier}] = c.clearAfterS;
  // Roots and impacted: an alarm is impacted while a resource it names as a
  // cause has an active alarm of its own (any type).
  // A cause "resource#type" names one alarm of a resource (one of the alarm's own resource too).
  std::map<std::string, std::vector<std::size_t>> activeByResource;
  for (const auto& [key, index] : m_active) {
    activeByResource[std::get<0>(key)].push_back(index);
    activeByResource[std::get<0>(key) + "#" + std::get<1>(key)].push_back(index);
  }
  std::vector<std::pair<bool, std::vector<std::string>>> before;  // each active alarm's root flag and impacted list
  before.reserve(m_active.size());
  for (const auto& [key, index] : m_active) {
    before.emplace_back(m_alarms[index].isRoot, std::move(m_alarms[index].impacted));
    m_alarms[index].impacted.clear();
  }
  for (const auto& [key, index] : m_active) {
    Alarm& a = m_alarms[index];
    a.isRoot = true;
    for (const std::string& cause : a.rootCauses) {
      auto it = activeByResource.find(cause);
      if (it == activeByResource.end() || cause == a.resource || cause == a.resource + "#" + a.type) continue;
      a.isRoot = false;
      for (std::size_t root : it->second) {
        auto& list = m_alarms[root].impacted;
        if (std::find(list.begin(), list.end(), a.id) == list.end()) list.push_back(a.id);
      }
    }
  }
  std::size_t i = 0;
  for (const auto& [key, index] : m_active) {
    const Alarm& a = m_alarms[index];
    changed = changed || a.isRoot != before[i].first || a.impacted != before[i].second;
    ++i;
  }
  if (changed) ++m_version;
}

std::string AlarmList::SetOperatorState(const std::string& id, OperatorState state, Role by, double now) {
  ++m_version;
  auto it = std::find_if(m_alarms.begin(), m_alarms.end(), [&](const Alarm& a) { return a.id == id; });
  if (it == m_alarms.end()) return "no alarm " + id + " (show alarms lists them)";
  Alarm& a = *it;
  if (state == OperatorState::None && a.operatorState != OperatorState::Shelved) {
    return id + " is not shelved";
  }
  if (a.operatorState == state) return id + " is already " + OperatorStateName(state);
  if (a.operatorState == OperatorState::Closed) return id + " is closed";
  a.operatorState = state;
  a.operatorHistory.push_back({now, state, by});
  return {};
}

const Alarm* AlarmList::Find(const std::string& id) const {
  auto it = std::find_if(m_alarms.begin(), m_alarms.end(), [&](const Alarm& a) { return a.id == id; });
  return it == m_alarms.end() ? nullptr : &*it;
}

std::vector<const Alarm*> AlarmList::ActiveRoots() const {
  std::vector<const Alarm*> out;
  for (const auto& [key, index] : m_active) {
    if (m_alarms[index].isRoot) out.push_back(&m_alarms[index]);
  }
  std::sort(out.begin(), out.end(), [](const Alarm* a, const Alarm* b) {
    if (a->severity != b->severity) return a->severity > b->severity;
    if (a->raisedAt != b->raisedAt) return a->raisedAt < b->raisedAt;
    return std::stoi(a->id.substr(2)) < std::stoi(b->id.substr(2));
  });
  return out;
}

std::size_t AlarmList::ActiveCount() const { return m_active.size(); }

bool AlarmList::IsActive(const std::string& resource, const std::string& type, const std::string& qualifier) const {
  return m_active.count({resource, type, qualifier}) > 0;
}

}  // namespace netdrill::session
