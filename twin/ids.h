// Strong ids for the elements of a twin: an index into the twin's tables,
// typed so that a SiteId can never be passed where a LinkId is expected.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

namespace netdrill::twin {

/// @brief An index into one of the twin's tables, tagged with the table's kind.
template <class Tag>
class Id {
public:
  static constexpr std::uint32_t kInvalid = std::numeric_limits<std::uint32_t>::max();

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t index) : m_index(index) {}

  constexpr std::uint32_t Index() const { return m_index; }
  constexpr bool IsValid() const { return m_index != kInvalid; }

  friend constexpr bool operator==(Id a, Id b) { return a.m_index == b.m_index; }
  friend constexpr bool operator!=(Id a, Id b) { return a.m_index != b.m_index; }
  friend constexpr bool operator<(Id a, Id b) { return a.m_index < b.m_index; }

private:
  std::uint32_t m_index = kInvalid;
};

using SiteId = Id<struct SiteTag>;
using NodeId = Id<struct NodeTag>;
using LinkId = Id<struct LinkTag>;
using SrgId = Id<struct SrgTag>;

}  // namespace netdrill::twin

template <class Tag>
struct std::hash<netdrill::twin::Id<Tag>> {
  std::size_t operator()(netdrill::twin::Id<Tag> id) const noexcept { return id.Index(); }
};
