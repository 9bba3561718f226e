#include "adapters/kimberlite/export.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "adapters/kimberlite/import.h"
#include "adapters/kimberlite/mapping.h"
#include "adapters/kimberlite/values.h"

namespace ocf::adapters::kimberlite {
namespace {

using model::SourceLocation;
using Path = std::vector<std::string>;

Path child(Path prefix, std::string name) {
  prefix.push_back(std::move(name));
  return prefix;
}

std::string stem_of(const std::string& name) {
  auto n = split_numbered(name);
  return n ? n->stem : name;
}

// Kimberlite's start order inside a service.
enum class Part { kDevice = 0, kNfs = 1, kSamba = 2, kNetwork = 3, kScript = 4, kNone = 5 };

class Exporter {
 public:
  Exporter(const model::Cluster& cluster, quirks::QuirkSet& quirks, const Mapping& mapping,
           model::Diagnostics& diagnostics)
      : c_(cluster),
        m_(mapping),
        diagnostics_(diagnostics),
        convert_(quirks, diagnostics),
        errors_before_(diagnostics.error_count()),
        nfs_container_(split_path(mapping.nfs.container)) {
    for (const auto& r : cluster.resources) resources_.emplace(r.id, &r);
    for (const auto* e : cluster.extensions_of(kProduct))
      if (!e->scope.empty()) scoped_extensions_[e->scope].push_back(e);
  }

  std::optional<Document> run() {
    export_cluster();
    export_timing();
    export_members();
    export_channels();
    export_services();
    report_unexpressible();
    restore_extensions();
    // Other products' extensions are the bridge's to report (once), as for
    // every adapter that does not keep them: see report_foreign_extensions.
    if (diagnostics_.error_count() > errors_before_) return std::nullopt;
    return std::move(document_);
  }

 private:
  void loss(const std::string& code, std::string message, const SourceLocation& where) {
    diagnostics_.loss("loss." + code, std::move(message) + " (Kimberlite cannot express it)",
                      where);
  }

  void put(const Path& base, std::string_view relative, std::string value) {
    if (relative.find(kPathSeparator) == std::string_view::npos)
      return set_field(ensure_container(document_, base, {}), relative, std::move(value));
    put(base, split_path(relative), std::move(value));
  }

  void put(const Path& base, const Path& relative, std::string value) {
    std::span<const std::string> blocks(relative.data(), relative.size() - 1);
    set_field(ensure_container(document_, base, blocks), relative.back(), std::move(value));
  }

  // True when the field or block at `path` exists (searched from the
  // end, where the entries being built are).
  bool has(const Path& path) const {
    const std::vector<Entry>* children = &document_.entries;
    for (std::size_t i = 0; i < path.size(); ++i) {
      const Entry* found = nullptr;
      for (auto it = children->rbegin(); it != children->rend() && !found; ++it)
        if (it->kind != Entry::Kind::kComment && it->name == path[i]) found = &*it;
      if (!found) return false;
      children = &found->children;
    }
    return true;
  }

  static Path absolute(std::string_view path) { return split_path(path); }

  // Writes a model value through a field rule; false (and a loss) when the
  // value has no Kimberlite form. `what()` names the value in that loss: it
  // is built only then, not for each of the thousands of values written.
  template <typename Describe>
  bool put_rule(const Path& base, const FieldRule& rule, const std::string& value,
                const Describe& what, const SourceLocation& where) {
    auto native = convert_.to_native(rule, value, where);
    if (!native) {
      loss("value", what() + " " + (rule.secret ? "(value withheld)" : "'" + value + "'") +
                        " has no Kimberlite value for '" + rule.field + "'",
           where);
      return false;
    }
    put(base, rule.parts, *native);
    return true;
  }

  // --- cluster ------------------------------------------------------------

  void export_cluster() {
    if (c_.name.empty()) {
      diagnostics_.warning("kimberlite.no-cluster-name",
                           "the cluster has no name; Kimberlite needs one, 'cluster' is written");
    }
    put({}, m_.cluster_name_path, c_.name.empty() ? "cluster" : c_.name);
    for (const auto& p : c_.properties) {
      auto rule = std::find_if(m_.properties.begin(), m_.properties.end(),
                               [&](const FieldRule& r) { return r.target == p.name; });
      if (rule == m_.properties.end()) {
        loss("property", "cluster property " + p.name + " '" + p.value + "'", p.origin);
        continue;
      }
      if (auto failure = check_value(rule->check, p.value)) {
        loss("value", "cluster property " + p.name + " '" + p.value + "' is not " +
                          failure->expected,
             p.origin);
        continue;
      }
      put_rule({}, *rule, p.value, [&] { return "cluster property " + p.name; }, p.origin);
    }
    for (const auto& [path, value] : m_.defaults)
      if (!has(absolute(path))) put({}, path, value);
  }

  void export_timing() {
    const auto& t = c_.timing;
    if (t.keepalive_ms) {
      put({}, m_.interval_path, ms_to_seconds(*t.keepalive_ms, m_.interval_unit_ms));
      if (*t.keepalive_ms % m_.interval_unit_ms != 0 && m_.interval_unit_ms % 10 != 0)
        loss("timing", "keepalive " + std::to_string(*t.keepalive_ms) + " ms", t.keepalive_origin);
    }
    if (t.dead_ms) {
      if (!t.keepalive_ms || *t.keepalive_ms == 0) {
        loss("timing", "dead time " + std::to_string(*t.dead_ms) +
                           " ms without a keepalive interval",
             t.dead_origin);
      } else {
        std::uint64_t count = (*t.dead_ms + *t.keepalive_ms - 1) / *t.keepalive_ms;
        put({}, m_.tko_count_path, std::to_string(count));
        if (count * *t.keepalive_ms != *t.dead_ms)
          loss("timing", "dead time " + std::to_string(*t.dead_ms) +
                             " ms is not a whole number of intervals; written as " +
                             std::to_string(count) + " missed heartbeats",
               t.dead_origin);
      }
    }
    if (t.warn_ms)
      loss("timing", "warn time " + std::to_string(*t.warn_ms) + " ms", t.warn_origin);
    if (t.initial_dead_ms)
      loss("timing", "initial dead time " + std::to_string(*t.initial_dead_ms) + " ms",
           t.initial_dead_origin);
  }

  // --- members ------------------------------------------------------------

  void export_members() {
    std::size_t count = std::min(c_.nodes.size(), m_.max_members);
    for (std::size_t i = count; i < c_.nodes.size(); ++i)
      loss("too-many-nodes",
           "node " + c_.nodes[i].name + ": Kimberlite clusters have at most " +
               std::to_string(m_.max_members) + " members",
           c_.nodes[i].origin);
    // Keep the model's ids when they are Kimberlite ids already.
    std::set<std::uint32_t> ids;
    bool keep_ids = true;
    for (std::size_t i = 0; i < count; ++i) {
      const auto& id = c_.nodes[i].id;
      keep_ids = keep_ids && id && *id < m_.max_members && ids.insert(*id).second;
    }
    for (std::size_t i = 0; i < count; ++i) {
      const model::Node& node = c_.nodes[i];
      std::uint32_t id = keep_ids ? *node.id : static_cast<std::uint32_t>(i);
      if (node.id && *node.id != id)
        loss("node-id", "node " + node.name + " id " + std::to_string(*node.id) +
                            " (Kimberlite member ids are 0 and 1; written as " +
                            std::to_string(id) + ")",
             node.origin);
      Path prefix = {"members", "member" + std::to_string(i)};
      prefixes_["node:" + node.name] = prefix;
      members_.push_back(node.name);
      put(prefix, m_.member_id, std::to_string(id));
      put(prefix, m_.member_name, node.name);
      for (const auto& address : node.addresses)
        loss("node-address", "node " + node.name + " address " + address, node.origin);
      export_node_attributes(node, prefix);
    }
  }

  void export_node_attributes(const model::Node& node, const Path& prefix) {
    for (const auto& a : node.attributes) {
      auto rule = std::find_if(m_.power_switch.begin(), m_.power_switch.end(),
                               [&](const FieldRule& r) { return r.target == a.name; });
      bool secret = (rule != m_.power_switch.end() && rule->secret) || is_secret_name(a.name);
      if (rule == m_.power_switch.end()) {
        loss("node-attribute",
             "node " + node.name + " attribute " + a.name +
                 (secret ? std::string(" (value withheld)") : " '" + a.value + "'"),
             a.origin);
        continue;
      }
      put_rule(prefix, *rule, a.value,
               [&] { return "node " + node.name + " attribute " + a.name; }, a.origin);
    }
  }

  // --- channels -----------------------------------------------------------

  void export_channels() {
    std::map<std::string, std::vector<const model::Channel*>> chans;  // per member, model order
    std::map<std::string, std::set<std::string>> disks;  // per member: partitions used
    for (const auto& ch : c_.channels) {
      std::vector<std::string> targets;
      if (ch.node.empty()) {
        targets = members_;
      } else if (std::find(members_.begin(), members_.end(), ch.node) != members_.end()) {
        targets = {ch.node};
      } else {
        loss("channel", std::string(model::to_string(ch.kind)) + " channel of node " + ch.node +
                            ", which is not written",
             ch.origin);
        continue;
      }
      if (!channel_expressible(ch)) continue;
      for (const auto& node : targets) {
        Path member = prefixes_.at("node:" + node);
        if (ch.kind == model::ChannelKind::kDisk) {
          export_disk(ch, node, member, disks[node]);
          continue;
        }
        chans[node].push_back(&ch);
      }
    }
    std::set<const model::Channel*> reordered;
    for (const auto& node : members_) {
      auto& list = chans[node];
      if (list.empty())
        diagnostics_.warning("kimberlite.no-channel",
                             "member " + node + " has no heartbeat channel Kimberlite can hold; "
                             "its members would not see each other until one is added");
      // Kimberlite's channel preference is the chan number: chan0 first.
      std::stable_sort(list.begin(), list.end(), [](const model::Channel* a, const model::Channel* b) {
        constexpr auto kUnranked = std::numeric_limits<std::uint32_t>::max();
        return a->priority.value_or(kUnranked) < b->priority.value_or(kUnranked);
      });
      for (std::size_t i = 0; i < list.size(); ++i) {
        export_chan(*list[i], node, child(prefixes_.at("node:" + node),
                                          m_.chan_block + std::to_string(i)));
        // A priority comes back as the chan number + 1.
        if (list[i]->priority && *list[i]->priority != i + 1 && reordered.insert(list[i]).second)
          loss("channel-priority",
               channel_name(*list[i]) + " priority " + std::to_string(*list[i]->priority) +
                   " (written as chan" + std::to_string(i) + ": Kimberlite ranks a member's "
                   "channels by number)",
               list[i]->origin);
      }
    }
  }

  void export_chan(const model::Channel& ch, const std::string& node, const Path& chan) {
    bool serial = ch.kind == model::ChannelKind::kSerial;
    std::string name = serial ? ch.device
                       : !ch.address.empty() ? ch.address
                       : ch.kind == model::ChannelKind::kBroadcast && ch.node.empty() &&
                                 ch.interface.empty()
                           ? node
                           : ch.interface;
    put(chan, m_.chan_name, name.empty() ? node : name);
    put(chan, m_.chan_type, serial ? "serial" : "net");
  }

  static std::string channel_name(const model::Channel& ch) {
    std::string where = !ch.address.empty() ? ch.address
                        : !ch.interface.empty() ? ch.interface
                                                : ch.device;
    return std::string(model::to_string(ch.kind)) + " channel" +
           (where.empty() ? "" : " " + where) + (ch.node.empty() ? "" : " of node " + ch.node);
  }

  // Reports what of a channel Kimberlite cannot hold; false when nothing
  // of it can be written.
  bool channel_expressible(const model::Channel& ch) {
    std::string what = std::string(model::to_string(ch.kind)) + " channel" +
                       (ch.node.empty() ? "" : " of node " + ch.node);
    bool disk = ch.kind == model::ChannelKind::kDisk;
    if (ch.kind == model::ChannelKind::kMulticast) {
      loss("multicast-channel", what + " " + ch.address + " on " + ch.interface, ch.origin);
      return false;
    }
    if (ch.kind == model::ChannelKind::kUnicast && ch.node.empty()) {
      // heartbeat's `ucast IF PEER`: the peer address belongs to one node,
      // and the model does not say which.
      loss("channel", what + " to " + ch.address + " on " + ch.interface +
                          " is not bound to a member",
           ch.origin);
      return false;
    }
    if (ch.kind == model::ChannelKind::kUnicast && !ch.interface.empty() && !ch.address.empty())
      loss("channel", what + " interface " + ch.interface, ch.origin);
    if (ch.port) loss("channel", what + " port " + std::to_string(*ch.port), ch.origin);
    if (ch.ttl) loss("channel", what + " ttl " + std::to_string(*ch.ttl), ch.origin);
    if (ch.loop) loss("channel", what + " loop", ch.origin);
    if (ch.baud) loss("channel", what + " baud rate " + std::to_string(*ch.baud), ch.origin);
    // A Kimberlite channel carries heartbeats and the members' messages; a
    // quorum partition carries heartbeat timestamps and no messages.
    if (!ch.heartbeat) loss("channel", what + " that carries no heartbeats", ch.origin);
    if (!disk && !ch.control)
      loss("channel", channel_name(ch) + " that carries no control messages", ch.origin);
    if (disk && ch.control)
      loss("channel", channel_name(ch) + " that carries control messages", ch.origin);
    if (disk && ch.priority)
      loss("channel-priority",
           channel_name(ch) + " priority " + std::to_string(*ch.priority) +
               " (quorum partitions are not ranked)",
           ch.origin);
    for (const auto& a : ch.attributes)
      if (ch.kind != model::ChannelKind::kDisk || a.name != m_.quorum_attribute)
        loss("channel", what + " attribute " + a.name + " '" + a.value + "'", a.origin);
    return true;
  }

  void export_disk(const model::Channel& ch, const std::string& node, const Path& member,
                   std::set<std::string>& used) {
    const model::Attribute* role = model::find(ch.attributes, m_.quorum_attribute);
    std::string field;
    for (const auto& [f, r] : m_.quorum_partitions)
      if (role ? r == role->value : !used.count(f)) {
        field = f;
        break;
      }
    if (field.empty() || used.count(field)) {
      loss("channel", "disk channel " + ch.device + " of node " + node +
                          ": Kimberlite has only a primary and a shadow quorum partition",
           ch.origin);
      return;
    }
    used.insert(field);
    put(member, field, ch.device);
  }

  // --- services -----------------------------------------------------------

  void export_services() {
    // Blocks under services% before the services are written (a quirk
    // default can put one there): those are extended, as any container.
    // Every other service block is new and is appended at once, where
    // ensure_container would first read every service before it to find
    // it missing, which for thousands of services is quadratic. Its later
    // fields find it at once: it is the section's last block.
    std::unordered_set<std::string> existing;
    if (const Entry* section = document_.section("services"))
      for (const auto& c : section->children)
        if (c.kind == Entry::Kind::kBlock) existing.insert(c.name);
    for (std::size_t k = 0; k < c_.groups.size(); ++k) {
      const auto& g = c_.groups[k];
      Path service = {"services", "service" + std::to_string(k)};
      if (!existing.count(service[1])) {
        Entry& block = append_child(ensure_container(document_, {"services"}));
        block.kind = Entry::Kind::kBlock;
        block.name = service[1];
      }
      remember("group:", g.id, service);
      put(service, m_.service_name, g.id);
      export_policy(g, service);
      export_members_of(g, service);
    }
  }

  void export_policy(const model::ResourceGroup& g, const Path& service) {
    const auto& p = g.policy;
    std::string what = "group " + g.id;
    put(service, m_.service_disabled, p.initially_disabled ? "yes" : "no");
    put(service, m_.service_relocate, p.failback == model::Failback::kAutomatic ? "yes" : "no");
    const model::Attribute* no_pref = model::find(p.attributes, m_.no_preference_attribute);
    bool none = p.domain.empty() || (no_pref && no_pref->value == m_.no_preference_value);
    std::string preferred = none ? m_.none_word : p.domain.front();
    if (!none && std::find(members_.begin(), members_.end(), preferred) == members_.end()) {
      loss("domain", what + " prefers node " + preferred + ", which is not a member",
           p.origin);
      preferred = m_.none_word;
    }
    put(service, m_.service_preferred, preferred);
    if (p.domain.size() > 2)
      loss("domain", what + " failover domain of " + std::to_string(p.domain.size()) +
                         " nodes: only the first preferred node (" + p.domain.front() +
                         ") is kept",
           p.origin);
    else if (!p.domain.empty() && p.domain.size() < members_.size())
      loss("domain", what + " may run only on " + p.domain.front() +
                         "; a Kimberlite service runs on either member",
           p.origin);
    if (p.mode == model::PlacementMode::kRoundRobin)
      loss("round-robin", what + " round-robin placement", p.origin);
    if (p.local_restarts)
      loss("local-restarts",
           what + " " + std::to_string(*p.local_restarts) + " local restarts before failover",
           p.origin);
    if (p.in_place_recovery) loss("in-place-recovery", what + " in-place recovery", p.origin);
    if (p.auto_recovery) loss("auto-recovery", what + " automatic recovery", p.origin);
    if (!p.name.empty()) loss("policy-name", what + " failover policy name " + p.name, p.origin);
    for (const auto& a : p.attributes)
      if (a.name != m_.no_preference_attribute)
        loss("policy-attribute", what + " policy attribute " + a.name + " '" + a.value + "'",
             a.origin);
    for (const auto& a : g.meta)
      if (a.name != m_.check_interval_meta)
        loss("group-meta", what + " meta attribute " + a.name + " '" + a.value + "'", a.origin);
  }

  Part part_of(const model::Resource& r) const {
    if (m_.filesystem.accepts_agent(r.agent) || m_.raw_device.accepts_agent(r.agent))
      return Part::kDevice;
    if (r.agent == m_.nfs.agent) return Part::kNfs;
    if (r.agent == m_.samba.agent) return Part::kSamba;
    if (m_.network.accepts_agent(r.agent)) return Part::kNetwork;
    if (r.agent.cls == m_.script.cls) return Part::kScript;
    // lsb:NAME, when NAME can be a file of an init directory.
    if (r.agent.cls == "lsb" && !m_.script.init_directories.empty() &&
        init_script_name(m_.script, m_.script.init_directories.front() + r.agent.type))
      return Part::kScript;
    return Part::kNone;
  }

  struct Device {
    Path path;
    std::string directory;  // mount point ("" for a raw device)
    bool shared = false;
    std::map<std::string, std::size_t> exports;  // directory -> number
  };

  void export_members_of(const model::ResourceGroup& g, const Path& service) {
    // Each resource with its part, worked out once.
    std::vector<std::pair<Part, const model::Resource*>> resources;
    resources.reserve(g.members.size());
    Part last = Part::kDevice;
    bool reordered = false;
    for (const auto& id : g.members) {
      auto found = resources_.find(id);
      const model::Resource* r = found == resources_.end() ? nullptr : found->second;
      if (!r) continue;  // model::check reports dangling members
      exported_.insert(r->id);
      Part part = part_of(*r);
      if (part == Part::kNone) {
        loss("resource-agent",
             "resource " + r->id + " (" + r->agent.to_string() + ") of group " + g.id +
                 " has no Kimberlite form; it could run as the service's userScript through "
                 "the agent bridge",
             r->origin);
        continue;
      }
      if (part < last) reordered = true;
      last = std::max(last, part);
      resources.emplace_back(part, r);
    }
    if (reordered)
      loss("start-order", "group " + g.id +
                              " start order: Kimberlite starts file systems, NFS exports, "
                              "Samba shares, addresses, then the user script",
           g.origin);
    std::vector<Device> devices;
    std::size_t networks = 0;
    bool script = false;
    for (Part part : {Part::kDevice, Part::kNfs, Part::kSamba, Part::kNetwork, Part::kScript}) {
      for (const auto& [part_of_r, r] : resources) {
        if (part_of_r != part) continue;
        switch (part) {
          case Part::kDevice: export_device(*r, service, devices); break;
          case Part::kNfs: export_nfs(*r, devices); break;
          case Part::kSamba: export_samba(*r, devices); break;
          case Part::kNetwork:
            if (has_required(*r, m_.network))
              export_agent(*r, child(service, m_.network.block + std::to_string(networks++)),
                           m_.network);
            break;
          case Part::kScript: script = export_script(*r, g, service, script); break;
          case Part::kNone: break;
        }
      }
    }
    for (const auto& d : devices)
      if (!d.shared) put(d.path, m_.samba.field, m_.none_word);
    if (!script) put(service, m_.service_script, m_.none_word);
    if (const auto* ci = model::find(g.meta, m_.check_interval_meta); ci && !has(child(service, m_.service_check_interval)))
      put(service, m_.service_check_interval, ci->value);
  }

  // True when `r` has every parameter `names` lists; otherwise reports the
  // resource, which is not written, as lost at its origin.
  bool has_params(const model::Resource& r, const std::vector<std::string>& names) {
    std::string missing;
    for (const auto& n : names)
      if (!model::find(r.params, n)) missing += (missing.empty() ? "" : ", ") + n;
    if (missing.empty()) return true;
    loss("required-param", "resource " + r.id + " (" + r.agent.to_string() +
                               ") has no " + missing + ", without which Kimberlite cannot "
                               "write it; it is not written",
         r.origin);
    return false;
  }

  bool has_required(const model::Resource& r, const AgentRule& rule) {
    std::vector<std::string> names;
    for (const auto& f : rule.fields)
      if (f.required && !f.meta) names.push_back(f.target);
    return has_params(r, names);
  }

  void export_agent(const model::Resource& r, const Path& block, const AgentRule& rule) {
    remember("resource:", r.id, block);
    auto write = [&](const model::Attributes& attributes, bool meta) {
      for (const auto& a : attributes) {
        auto f = std::find_if(rule.fields.begin(), rule.fields.end(), [&](const FieldRule& x) {
          return x.meta == meta && x.target == a.name;
        });
        auto what = [&] {
          return "resource " + r.id + (meta ? " meta attribute " : " parameter ") + a.name;
        };
        if (f == rule.fields.end()) {
          loss("param", what() + " '" + a.value + "'", a.origin);
          continue;
        }
        put_rule(block, *f, a.value, what, a.origin);
      }
    };
    write(r.params, false);
    write(r.meta, true);
    report_operations(r);
  }

  void report_operations(const model::Resource& r) {
    for (const auto& op : r.operations)
      loss("operation", "resource " + r.id + " operation " + op.name +
                            (op.interval_ms ? " interval " + std::to_string(*op.interval_ms) + " ms" : "") +
                            (op.timeout_ms ? " timeout " + std::to_string(*op.timeout_ms) + " ms" : ""),
           op.origin);
  }

  void export_device(const model::Resource& r, const Path& service, std::vector<Device>& devices) {
    bool fs = m_.filesystem.accepts_agent(r.agent);
    const AgentRule& rule = fs ? m_.filesystem : m_.raw_device;
    if (!has_required(r, rule)) return;
    Device d;
    d.path = child(service, m_.filesystem.block + std::to_string(devices.size()));
    export_agent(r, d.path, rule);
    if (const auto* dir = model::find(r.params, "directory"); fs && dir) d.directory = dir->value;
    devices.push_back(std::move(d));
  }

  // The device whose mount point holds `path` (the longest such).
  Device* device_for(std::vector<Device>& devices, const std::string& path, bool exact) {
    Device* best = nullptr;
    for (auto& d : devices) {
      if (d.directory.empty()) continue;
      bool match = exact ? d.directory == path
                         : path == d.directory ||
                               (path.starts_with(d.directory) &&
                                (d.directory.back() == '/' || path[d.directory.size()] == '/'));
      if (match && (!best || d.directory.size() > best->directory.size())) best = &d;
    }
    return best;
  }

  void export_nfs(const model::Resource& r, std::vector<Device>& devices) {
    if (!has_params(r, {m_.nfs.directory_param, m_.nfs.client_param})) return;
    const auto* dir = model::find(r.params, m_.nfs.directory_param);
    const auto* client = model::find(r.params, m_.nfs.client_param);
    Device* device = device_for(devices, dir->value, false);
    if (!device) {
      loss("nfs-export", "resource " + r.id + " NFS export " + dir->value +
                             " is not on a file system of its group; Kimberlite exports only "
                             "from a service's devices",
           r.origin);
      return;
    }
    auto [it, added] = device->exports.emplace(dir->value, device->exports.size());
    Path container = device->path;
    container.insert(container.end(), nfs_container_.begin(), nfs_container_.end());
    Path directory = child(container, m_.nfs.directory_block + std::to_string(it->second));
    put(directory, "name", dir->value);
    const Entry& existing = ensure_container(document_, directory);
    std::size_t clients = std::count_if(existing.children.begin(), existing.children.end(),
                                        [](const Entry& e) { return e.kind == Entry::Kind::kBlock; });
    Path block = child(directory, m_.nfs.client_block + std::to_string(clients));
    remember("resource:", r.id, block);
    put(block, "name", client->value);
    std::string options;
    if (const auto* o = model::find(r.params, m_.nfs.options_param)) options = o->value;
    if (const auto* fsid = model::find(r.params, m_.nfs.fsid_param);
        fsid && options.find("fsid=") == std::string::npos)
      options += (options.empty() ? "" : ",") + std::string("fsid=") + fsid->value;
    if (!options.empty()) put(block, "options", options);
    for (const auto& p : r.params)
      if (p.name != m_.nfs.directory_param && p.name != m_.nfs.client_param &&
          p.name != m_.nfs.options_param && p.name != m_.nfs.fsid_param)
        loss("param", "resource " + r.id + " parameter " + p.name + " '" + p.value + "'",
             p.origin);
    report_meta_and_operations(r);
  }

  void report_meta_and_operations(const model::Resource& r) {
    for (const auto& a : r.meta)
      loss("param", "resource " + r.id + " meta attribute " + a.name + " '" + a.value + "'",
           a.origin);
    report_operations(r);
  }

  void export_samba(const model::Resource& r, std::vector<Device>& devices) {
    if (!has_params(r, {m_.samba.share_param, m_.samba.path_param})) return;
    const auto* share = model::find(r.params, m_.samba.share_param);
    const auto* path = model::find(r.params, m_.samba.path_param);
    Device* device = device_for(devices, path->value, true);
    if (!device || device->shared) {
      loss("samba-share", "resource " + r.id + " Samba share " + share->value + " of " +
                              path->value +
                              ": Kimberlite shares only a service device's mount point, once",
           r.origin);
      return;
    }
    device->shared = true;
    remember("resource:", r.id, device->path);
    put(device->path, m_.samba.field, share->value);
    for (const auto& p : r.params)
      if (p.name != m_.samba.share_param && p.name != m_.samba.path_param)
        loss("param", "resource " + r.id + " parameter " + p.name + " '" + p.value + "'",
             p.origin);
    report_meta_and_operations(r);
  }

  // Returns true (a script is written) unless this is a second script.
  bool export_script(const model::Resource& r, const model::ResourceGroup& g, const Path& service,
                     bool already) {
    if (already) {
      loss("user-script", "resource " + r.id + " (" + r.agent.to_string() + "): group " + g.id +
                              " already has its one userScript",
           r.origin);
      return true;
    }
    std::string path = r.agent.cls == "lsb" ? init_script_path(r) : r.agent.type;
    if (!r.agent.provider.empty())
      loss("user-script", "resource " + r.id + " agent provider " + r.agent.provider, r.origin);
    remember("resource:", r.id, service);
    put(service, m_.service_script, path);
    for (const auto& p : r.params)
      loss("param", "resource " + r.id + " parameter " + p.name + " '" + p.value +
                        "' (a userScript gets no parameters)",
           p.origin);
    for (const auto& a : r.meta)
      loss("param", "resource " + r.id + " meta attribute " + a.name + " '" + a.value + "'",
           a.origin);
    for (const auto& op : r.operations) {
      if (op.name == m_.script.monitor && op.interval_ms && !op.timeout_ms &&
          op.attributes.empty() && !has(child(service, m_.service_check_interval))) {
        put(service, m_.service_check_interval, std::to_string((*op.interval_ms + 999) / 1000));
        if (*op.interval_ms % 1000 != 0)
          loss("operation", "resource " + r.id + " monitor interval " +
                                std::to_string(*op.interval_ms) + " ms (whole seconds only)",
               op.origin);
        continue;
      }
      loss("operation", "resource " + r.id + " operation " + op.name, op.origin);
    }
    return true;
  }

  // lsb:NAME as a userScript: the first init directory + NAME, or the init
  // directory the script was read from (kept as a Kimberlite extension).
  std::string init_script_path(const model::Resource& r) const {
    auto scoped = scoped_extensions_.find("resource:" + r.id);
    if (scoped == scoped_extensions_.end()) return m_.script.init_directories.front() + r.agent.type;
    for (const auto* e : scoped->second) {
      auto key = split_path(e->key);
      if (key.empty() || key.back() != m_.service_script) continue;
      if (init_script_name(m_.script, e->value) == r.agent.type) return e->value;
    }
    return m_.script.init_directories.front() + r.agent.type;
  }

  // --- the rest -------------------------------------------------------------

  void report_unexpressible() {
    report_auth();
    for (const auto& r : c_.resources)
      if (!exported_.count(r.id))
        loss("ungrouped-resource",
             "resource " + r.id + " (" + r.agent.to_string() +
                 ") is in no group; Kimberlite runs resources only in services",
             r.origin);
    for (const auto& k : c_.constraints)
      loss("constraint", std::string(model::to_string(k.kind)) + " constraint " + k.id,
           k.origin);
  }

  // Kimberlite members do not sign their messages: the active key and each
  // key are lost, each where it was set. The secret is never shown.
  void report_auth() {
    const auto& a = c_.auth;
    if (a.active)
      loss("auth", "authentication: active key " + std::to_string(*a.active) +
                       " (Kimberlite members do not sign heartbeats)",
           a.origin);
    for (const auto& k : a.keys)
      loss("auth", "authentication key " + std::to_string(k.number) + " " + k.method +
                       (k.secret.empty() ? "" : " (secret)") +
                       ": Kimberlite members do not sign heartbeats",
           k.origin.known() ? k.origin : a.origin);
  }

  void restore_extensions() {
    for (const auto* e : c_.extensions_of(kProduct)) restore(*e);
  }

  void restore(const model::Extension& e) {
    bool comment = e.key.starts_with('#');
    std::string key = comment ? e.key.substr(1) : e.key;
    if (comment && key.empty()) return add_preamble(e.value);
    Path components = split_path(key);
    if (!e.scope.empty()) {
      auto it = prefixes_.find(e.scope);
      if (it == prefixes_.end()) {
        loss("extension", (comment ? "comment '#" + e.value + "'" : "key " + e.key) + " of " +
                              e.scope + ", which is not written",
             e.origin);
        return;
      }
      rewrite(components, it->second, comment);
    }
    if (components.size() < 2) {
      // A key the importer never makes (it records SECTION%...%NAME), such as a
      // hand-written one: it names no block of cluster.conf to hold it.
      loss("extension",
           (comment ? "comment '#" + e.value + "' before " : "key ") + e.key +
               (e.scope.empty() ? "" : " of " + e.scope) +
               " names no section (SECTION%...%NAME), so it has no place in cluster.conf",
           e.origin);
      return;
    }
    std::string last = components.back();
    components.pop_back();
    Entry& container = ensure_container(document_, components);
    if (comment) return insert_comment(container, last, e.value);
    if (last.empty()) return;  // an empty unknown block: the container is enough
    if (!container.field(last)) set_field(container, last, e.value);
  }

  // The extension's path was recorded with its owner's old numbers; give
  // the numbered components the owner's new ones.
  static void rewrite(Path& key, const Path& prefix, bool comment) {
    std::size_t limit = std::min(comment ? key.size() : key.size() - 1, prefix.size());
    for (std::size_t i = 0; i < limit; ++i) {
      if (stem_of(key[i]) != stem_of(prefix[i])) break;
      key[i] = prefix[i];
    }
  }

  static void insert_comment(Entry& container, const std::string& before, const std::string& text) {
    Entry comment{Entry::Kind::kComment, text, {}, {}, {}, {}};
    auto it = std::find_if(container.children.begin(), container.children.end(),
                           [&](const Entry& c) {
                             return c.kind != Entry::Kind::kComment && c.name == before;
                           });
    if (before.empty()) it = container.children.end();
    container.children.insert(it, std::move(comment));
  }

  void add_preamble(const std::string& text) {
    auto it = std::find_if(document_.entries.begin(), document_.entries.end(),
                           [](const Entry& e) { return e.kind != Entry::Kind::kComment; });
    document_.entries.insert(it, Entry{Entry::Kind::kComment, text, {}, {}, {}, {}});
  }

  // Records the path an owner ("group:" or "resource:" + its id) was
  // written at, for the Kimberlite extensions scoped to it (restore). An
  // owner that no extension names is not recorded: a file of thousands of
  // resources has extensions for a few, if any.
  void remember(std::string_view kind, const std::string& id, const Path& path) {
    scope_.assign(kind).append(id);
    if (scoped_extensions_.count(scope_)) prefixes_[scope_] = path;
  }

  static bool is_secret_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("passw") != std::string::npos;
  }

  const model::Cluster& c_;
  const Mapping& m_;
  model::Diagnostics& diagnostics_;
  Converter convert_;
  std::size_t errors_before_;
  const Path nfs_container_;  // m_.nfs.container split once
  Document document_;
  std::vector<std::string> members_;         // written node names, in order
  // Extension scope -> new block path: every member, and the groups and
  // resources some extension is scoped to (see remember).
  std::unordered_map<std::string, Path> prefixes_;
  // Kimberlite extensions with a scope, by scope, in model order.
  std::unordered_map<std::string_view, std::vector<const model::Extension*>> scoped_extensions_;
  std::string scope_;  // remember's key, its room reused
  std::unordered_set<std::string_view> exported_;   // resource ids placed in a service
  std::unordered_map<std::string, const model::Resource*> resources_;  // by id
};

// Whether `name` contains "passw" in any case, without a lowered copy.
// `c | 0x20` folds exactly the ASCII letters' case, and only the letters
// of "passw" are compared.
// Nearly every name has no 'p' at all: only a position holding one starts
// the comparison of the rest.
bool names_password(std::string_view name) {
  constexpr std::string_view kPassw = "passw";
  if (name.size() < kPassw.size()) return false;
  const std::size_t last = name.size() - kPassw.size();
  for (std::size_t i = 0; i <= last; ++i) {
    if ((static_cast<unsigned char>(name[i]) | 0x20) != 'p') continue;
    std::size_t k = 1;
    while (k < kPassw.size() && (static_cast<unsigned char>(name[i + k]) | 0x20) == kPassw[k]) ++k;
    if (k == kPassw.size()) return true;
  }
  return false;
}

// Most entries are fields without children: no call for those.
bool secret_field(const std::vector<Entry>& entries) {
  for (const auto& e : entries) {
    if (e.kind == Entry::Kind::kField && !e.value.empty() && names_password(e.name)) return true;
    if (!e.children.empty() && secret_field(e.children)) return true;
  }
  return false;
}

}  // namespace

std::optional<Document> export_cluster(const model::Cluster& cluster, quirks::QuirkSet& quirks,
                                       model::Diagnostics& diagnostics) {
  auto mapping = load_mapping(quirks, diagnostics);
  if (!mapping) return std::nullopt;
  return Exporter(cluster, quirks, *mapping, diagnostics).run();
}

bool holds_secret(const Document& document) {
  return secret_field(document.entries);
}

std::optional<io::Output> write_cluster_conf(const model::Cluster& cluster,
                                             adapter::Context& context,
                                             model::Diagnostics& diagnostics,
                                             const WriteOptions& options) {
  auto& quirks = context.quirks(kProduct, diagnostics);
  auto document = export_cluster(cluster, quirks, diagnostics);
  if (!document) return std::nullopt;
  io::Output output;
  unsigned mode = holds_secret(*document) ? 0600u : 0644u;
  output.files.push_back(io::OutputFile{"", write_conf(std::move(*document), options), mode});
  return output;
}

}  // namespace ocf::adapters::kimberlite
