#include "bridge/model/model.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "bridge/model/name_hash.h"

namespace ocf::model {

const Attribute* find(const Attributes& attributes, std::string_view name) {
  for (const auto& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

void set(Attributes& attributes, std::string name, std::string value,
         SourceLocation origin) {
  for (auto& a : attributes) {
    if (a.name == name) {
      a.value = std::move(value);
      a.origin = std::move(origin);
      return;
    }
  }
  attributes.push_back({std::move(name), std::move(value), std::move(origin)});
}

namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table,
                         E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return {};
}

constexpr std::array<std::pair<ChannelKind, std::string_view>, 5> kChannelKinds{{
    {ChannelKind::kBroadcast, "broadcast"},
    {ChannelKind::kMulticast, "multicast"},
    {ChannelKind::kUnicast, "unicast"},
    {ChannelKind::kSerial, "serial"},
    {ChannelKind::kDisk, "disk"},
}};

constexpr std::array<std::pair<ConstraintKind, std::string_view>, 3> kConstraintKinds{{
    {ConstraintKind::kLocation, "location"},
    {ConstraintKind::kOrder, "order"},
    {ConstraintKind::kColocation, "colocation"},
}};

// The names check() collects: open addressing with linear probing over one
// array, sized once for at most `capacity` names (check() knows how many
// each set can take) and kept at most half full. Cheaper than a node per
// name: check() runs on every read, over tens of thousands of names.
class NameSet {
 public:
  explicit NameSet(std::size_t capacity) {
    std::size_t size = 16;
    while (size < 2 * capacity) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }
  // False when `name` is in the set already.
  bool insert(std::string_view name) {
    std::uint64_t h = name_hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (!slot.used) {
        slot = {name, h, true};
        return true;
      }
      if (slot.hash == h && slot.name == name) return false;
    }
  }
  bool count(std::string_view name) const {
    std::uint64_t h = name_hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.used) return false;
      if (slot.hash == h && slot.name == name) return true;
    }
  }

 private:
  struct Slot {
    std::string_view name;
    std::uint64_t hash = 0;
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

std::string_view to_string(ChannelKind kind) { return name_of(kChannelKinds, kind); }
std::optional<ChannelKind> channel_kind_from(std::string_view text) {
  return lookup(kChannelKinds, text);
}
std::string_view to_string(ConstraintKind kind) { return name_of(kConstraintKinds, kind); }
std::optional<ConstraintKind> constraint_kind_from(std::string_view text) {
  return lookup(kConstraintKinds, text);
}

std::string_view to_string(PlacementMode mode) {
  return mode == PlacementMode::kOrdered ? "ordered" : "round-robin";
}
std::string_view to_string(Failback failback) {
  return failback == Failback::kAutomatic ? "automatic" : "manual";
}

const AuthKey* Authentication::active_key() const {
  if (!active) return nullptr;
  for (const auto& k : keys)
    if (k.number == *active) return &k;
  return nullptr;
}

std::string AgentRef::to_string() const {
  if (provider.empty()) return cls + ":" + type;
  return cls + ":" + provider + ":" + type;
}

std::optional<AgentRef> AgentRef::parse(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  for (auto p : parts)
    if (p.empty()) return std::nullopt;
  if (parts.size() == 2) return AgentRef{std::string(parts[0]), {}, std::string(parts[1])};
  if (parts.size() == 3)
    return AgentRef{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
  return std::nullopt;
}

const Node* Cluster::find_node(std::string_view n) const {
  for (const auto& node : nodes)
    if (node.name == n) return &node;
  return nullptr;
}

const Resource* Cluster::find_resource(std::string_view id) const {
  for (const auto& r : resources)
    if (r.id == id) return &r;
  return nullptr;
}

Resource* Cluster::find_resource(std::string_view id) {
  for (auto& r : resources)
    if (r.id == id) return &r;
  return nullptr;
}

ResourceIndex::ResourceIndex(const Cluster& cluster) {
  by_id_.reserve(cluster.resources.size());
  for (const auto& r : cluster.resources) by_id_.emplace(r.id, &r);  // first of an id wins
}

const Resource* ResourceIndex::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const ResourceGroup* Cluster::find_group(std::string_view id) const {
  for (const auto& g : groups)
    if (g.id == id) return &g;
  return nullptr;
}

std::vector<const Extension*> Cluster::extensions_of(std::string_view product) const {
  std::vector<const Extension*> out;
  for (const auto& e : extensions)
    if (e.product == product) out.push_back(&e);
  return out;
}

void check(const Cluster& cluster, Diagnostics& diagnostics) {
  using Names = NameSet;
  auto sized = [](std::size_t n) { return Names(n); };
  Names node_names = sized(cluster.nodes.size());
  for (const auto& n : cluster.nodes) {
    if (n.name.empty())
      diagnostics.error("model.node-name", "node without a name", n.origin);
    else if (!node_names.insert(n.name))
      diagnostics.error("model.duplicate-node", "node '" + n.name + "' is declared twice",
                        n.origin);
  }
  Names ids = sized(cluster.resources.size());
  for (const auto& r : cluster.resources) {
    if (r.id.empty())
      diagnostics.error("model.resource-id", "resource without an id", r.origin);
    else if (!ids.insert(r.id))
      diagnostics.error("model.duplicate-resource",
                        "resource id '" + r.id + "' is used twice", r.origin);
    if (r.agent.cls.empty() || r.agent.type.empty())
      diagnostics.error("model.resource-agent",
                        "resource '" + r.id + "' has no agent class and type", r.origin);
  }
  Names group_ids = sized(cluster.groups.size());
  Names grouped = sized(cluster.resources.size());
  for (const auto& g : cluster.groups) {
    if (g.id.empty())
      diagnostics.error("model.group-id", "group without an id", g.origin);
    else if (!group_ids.insert(g.id) || ids.count(g.id))
      diagnostics.error("model.duplicate-group", "group id '" + g.id + "' is used twice",
                        g.origin);
    for (const auto& m : g.members) {
      if (!ids.count(m))
        diagnostics.error("model.group-member",
                          "group '" + g.id + "' names unknown resource '" + m + "'",
                          g.origin);
      else if (!grouped.insert(m))
        diagnostics.error("model.member-twice",
                          "resource '" + m + "' belongs to more than one group", g.origin);
    }
    for (const auto& n : g.policy.domain)
      if (!node_names.count(n))
        diagnostics.error("model.domain-node",
                          "failover domain of group '" + g.id + "' names unknown node '" +
                              n + "'",
                          g.policy.origin.known() ? g.policy.origin : g.origin);
  }
  for (const auto& c : cluster.constraints) {
    auto known = [&](const std::string& id) { return ids.count(id) || group_ids.count(id); };
    if (!known(c.resource))
      diagnostics.error("model.constraint-resource",
                        "constraint '" + c.id + "' names unknown resource '" + c.resource + "'",
                        c.origin);
    if (c.kind == ConstraintKind::kLocation && !node_names.count(c.node))
      diagnostics.error("model.constraint-node",
                        "constraint '" + c.id + "' names unknown node '" + c.node + "'",
                        c.origin);
    if (c.kind != ConstraintKind::kLocation && !known(c.with))
      diagnostics.error("model.constraint-resource",
                        "constraint '" + c.id + "' names unknown resource '" + c.with + "'",
                        c.origin);
  }
  if (cluster.auth.active && !cluster.auth.active_key())
    diagnostics.error("model.auth-key",
                      "authentication selects key " + std::to_string(*cluster.auth.active) +
                          ", which is not defined",
                      cluster.auth.origin);
}

}  // namespace ocf::model
