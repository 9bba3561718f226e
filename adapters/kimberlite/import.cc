#include "adapters/kimberlite/import.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "adapters/kimberlite/conf_parser.h"
#include "adapters/kimberlite/mapping.h"
#include "adapters/kimberlite/values.h"

namespace ocf::adapters::kimberlite {
namespace {

using model::SourceLocation;

// A set of entries by address. Import marks nearly every entry of a file as
// understood, tens of thousands in a large one, and a node-based set spent
// more on allocating and freeing its nodes than the marking itself: this
// is an open-addressing table of pointers, sized once from the entry count.
class EntrySet {
 public:
  void reserve(std::size_t count) {
    std::size_t capacity = kMinCapacity;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  void insert(const Entry* e) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(std::max(kMinCapacity, slots_.size() * 2));
    std::size_t i = slot_of(e);
    if (slots_[i] == e) return;
    slots_[i] = e;
    ++size_;
  }

  bool contains(const Entry* e) const { return !slots_.empty() && slots_[slot_of(e)] == e; }

 private:
  static constexpr std::size_t kMinCapacity = 64;
  static_assert(sizeof(std::size_t) == 8, "the hash below is 64-bit");

  // The slot holding `e`, or the empty one where it would go (the table is
  // never more than half full, so there is one).
  std::size_t slot_of(const Entry* e) const {
    const std::size_t mask = slots_.size() - 1;
    // Fibonacci hashing: the addresses are neighbours, sizeof(Entry) apart.
    std::size_t i = (reinterpret_cast<std::uintptr_t>(e) * 0x9E3779B97F4A7C15ull) >> shift_;
    while (slots_[i] != nullptr && slots_[i] != e) i = (i + 1) & mask;
    return i;
  }

  void rehash(std::size_t capacity) {
    std::vector<const Entry*> old = std::move(slots_);
    slots_.assign(capacity, nullptr);
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    for (const Entry* e : old)
      if (e) slots_[slot_of(e)] = e;
  }

  std::vector<const Entry*> slots_;  // nullptr: empty
  std::size_t size_ = 0;
  unsigned shift_ = 64;
};

class Importer {
 public:
  Importer(const Document& document, quirks::QuirkSet& quirks, const Mapping& mapping,
           model::Diagnostics& diagnostics)
      : document_(document),
        quirks_(quirks),
        m_(mapping),
        diagnostics_(diagnostics),
        convert_(quirks, diagnostics),
        errors_before_(diagnostics.error_count()),
        nfs_container_(split_path(mapping.nfs.container)),
        mount_name_(split_path("mount%name")) {}

  std::optional<model::Cluster> run() {
    // Nearly every entry is marked used; the table is sized once.
    std::size_t entries = 0;
    count_entries(document_.entries, entries);
    used_.reserve(entries);
    import_cluster();
    import_members();
    import_services();
    collect_extensions();
    if (diagnostics_.error_count() > errors_before_) return std::nullopt;
    return std::move(cluster_);
  }

 private:
  // The owner of a member, service or resource block, by its index in
  // cluster_ (the owner is added to cluster_ right after its block is
  // recorded here); the scope text is built only for kept entries.
  struct Scope {
    enum class Of { kNode, kGroup, kResource } of;
    std::size_t index;
  };

  // --- lookup -------------------------------------------------------------

  // The entry at `path` below `base` ("mount%fstype"): blocks, then a
  // field or block as the last component.
  const Entry* at(const Entry& base, std::string_view path) const {
    if (path.find(kPathSeparator) == std::string_view::npos) {
      return field_or_block(base, path);
    }
    return at(base, split_path(path));
  }

  const Entry* at(const Entry& base, const std::vector<std::string>& parts) const {
    const Entry* e = &base;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      e = e->block(parts[i]);
      if (!e) return nullptr;
    }
    return field_or_block(*e, parts.back());
  }

  // The first child field named `name`, else the first such block: what
  // field() then block() give, in one pass over the children.
  static const Entry* field_or_block(const Entry& container, std::string_view name) {
    const Entry* block = nullptr;
    for (const auto& c : container.children) {
      if (c.name != name) continue;
      if (c.kind == Entry::Kind::kField) return &c;
      if (c.kind == Entry::Kind::kBlock && !block) block = &c;
    }
    return block;
  }

  // An absolute path: "SECTION%..." .
  const Entry* at_root(std::string_view path) const {
    auto sep = path.find(kPathSeparator);
    const Entry* section = document_.section(path.substr(0, sep));
    if (!section || sep == std::string_view::npos) return section;
    return at(*section, path.substr(sep + 1));
  }

  static void count_entries(const std::vector<Entry>& children, std::size_t& count) {
    count += children.size();
    for (const auto& c : children) count_entries(c.children, count);
  }

  void use(const Entry* e) {
    if (e) used_.insert(e);
  }

  void use_all(const Entry& e) {
    used_.insert(&e);
    for (const auto& c : e.children) use_all(c);
  }

  SourceLocation file_location() const { return SourceLocation{document_.file, 0, 0}; }

  void error(const std::string& code, std::string message, SourceLocation where) {
    diagnostics_.error("kimberlite." + code, std::move(message), std::move(where));
  }

  // A field's value after its check; nullopt (reported) when it fails.
  std::optional<std::string> checked(const Entry& field, std::string_view check,
                                     std::string_view what) {
    if (!passes(field, check, what)) return std::nullopt;
    return field.value;
  }

  // The same without the copy of the value: whether it passes (a failure
  // is reported).
  bool passes(const Entry& field, std::string_view check, std::string_view what) {
    use(&field);
    if (auto failure = check_value(check, field.value)) {
      error(failure->code,
            std::string(what) + " '" + field.name + "' must be " + failure->expected +
                ", not '" + field.value + "'",
            field.value_where);
      return false;
    }
    return true;
  }

  // A required field of a block; reports when missing or empty, at the
  // field or at the innermost block on its path that exists.
  // `parts` is `key` split at '%', when the caller has it.
  const Entry* required(const Entry& block, std::string_view key,
                        const std::vector<std::string>* parts = nullptr) {
    const Entry* f = parts ? at(block, *parts) : at(block, key);
    if (!f || f->kind != Entry::Kind::kField || f->value.empty()) {
      const Entry* container = &block;
      auto parts = split_path(key);
      for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        const Entry* next = container->block(parts[i]);
        if (!next) break;
        container = next;
      }
      error("missing-field",
            "'" + container->name + "' has no '" + parts.back() + "' (it is required)",
            f ? f->where : container->where);
      use(f);
      return nullptr;
    }
    use(f);
    return f;
  }

  // A field rule's converted value and the field it was read from.
  struct Applied {
    std::string value;
    const Entry* field = nullptr;
  };

  // Applies one field rule below `base`; the converted value, or nullopt
  // when the field is absent or bad (bad is reported).
  std::optional<Applied> apply(const Entry& base, const FieldRule& rule) {
    const Entry* f = rule.required ? required(base, rule.field, &rule.parts) : at(base, rule.parts);
    if (!f || f->kind != Entry::Kind::kField) return std::nullopt;
    use(f);
    // Mark the blocks on the way ("mount" of "mount%fstype") as understood.
    const auto& parts = rule.parts;
    const Entry* b = &base;
    for (std::size_t i = 0; i + 1 < parts.size() && b; ++i) use(b = b->block(parts[i]));
    if (!passes(*f, rule.check, "field")) return std::nullopt;
    const std::string& value = f->value;
    if (!convert_.known_value(rule, value)) {
      diagnostics_.warning("kimberlite.unknown-value",
                           "'" + f->name + " = " + value + "' is not in the quirk table " +
                               rule.values + "; kept as it is",
                           f->value_where);
    }
    auto converted = convert_.to_model(rule, value, f->value_where);
    if (!converted) {
      error("bad-value",
            "'" + f->name + "' value " + (rule.secret ? std::string("(withheld)") : "'" + value + "'") +
                " cannot be converted (" + rule.convert + ")",
            f->value_where);
      return std::nullopt;
    }
    return Applied{std::move(*converted), f};
  }

  std::optional<bool> yes_no(const Entry& block, std::string_view key) {
    const Entry* f = block.field(key);
    if (!f) return std::nullopt;
    auto v = checked(*f, "yesno", "field");
    if (!v) return std::nullopt;
    return *v == "yes";
  }

  // --- cluster ------------------------------------------------------------

  void import_cluster() {
    for (const auto& path : m_.ignored_paths) use(at_root(path));
    if (const Entry* name = at_root(m_.cluster_name_path); name && !name->value.empty()) {
      use(name);
      cluster_.name = name->value;
    } else {
      error("missing-field", "no cluster name ('" + m_.cluster_name_path + "')",
            name ? name->where : file_location());
    }
    for (const auto& rule : m_.properties) {
      const Entry* f = at_root(rule.field);
      if (!f || f->kind != Entry::Kind::kField) continue;
      auto v = checked(*f, rule.check, "field");
      if (v) model::set(cluster_.properties, rule.target, *v, f->where);
    }
    mark_known_sections();
    import_timing();
  }

  // Sections the tables name are understood even when empty.
  void mark_known_sections() {
    std::set<std::string> known = {"members", "services"};
    auto add = [&](const std::string& path) { known.insert(split_path(path).front()); };
    add(m_.cluster_name_path);
    add(m_.interval_path);
    add(m_.tko_count_path);
    for (const auto& p : m_.ignored_paths) add(p);
    for (const auto& r : m_.properties) add(r.field);
    for (const auto& e : document_.entries)
      if (e.kind == Entry::Kind::kSection && known.count(e.name)) use(&e);
  }

  void import_timing() {
    const Entry* interval = at_root(m_.interval_path);
    if (!interval || interval->kind != Entry::Kind::kField) return;
    use(interval);
    auto ms = seconds_to_ms(interval->value, m_.interval_unit_ms);
    if (!ms || *ms == 0) {
      return error("bad-number",
                   "'" + interval->name + "' must be a positive number of seconds, not '" +
                       interval->value + "'",
                   interval->value_where);
    }
    cluster_.timing.keepalive_ms = *ms;
    cluster_.timing.keepalive_origin = interval->where;
    const Entry* tko = at_root(m_.tko_count_path);
    if (!tko || tko->kind != Entry::Kind::kField) return;
    auto count = checked(*tko, "uint", "field");
    if (!count) return;
    cluster_.timing.dead_ms = *ms * std::stoull(*count);
    cluster_.timing.dead_origin = tko->where;
  }

  // --- members ------------------------------------------------------------

  void import_members() {
    const Entry* section = document_.section("members");
    if (!section) return;
    auto members = numbered_blocks(*section, "member");
    std::set<std::uint32_t> ids;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i >= m_.max_members) {
        error("too-many-members",
              "'" + members[i]->name + "': Kimberlite clusters have at most " +
                  std::to_string(m_.max_members) + " members",
              members[i]->where);
        use_all(*members[i]);  // refused as a whole: no warnings about its keys
        continue;
      }
      import_member(*members[i], ids);
    }
  }

  void import_member(const Entry& block, std::set<std::uint32_t>& ids) {
    use(&block);
    model::Node node;
    node.origin = block.where;
    if (const Entry* name = required(block, m_.member_name)) {
      node.name = name->value;
      if (cluster_.find_node(node.name)) {
        error("duplicate-member-name", "two members are named '" + node.name + "'",
              name->value_where);
      }
    }
    if (const Entry* id = required(block, m_.member_id)) {
      if (!is_unsigned(id->value) || id->value.size() > 3 ||
          std::stoul(id->value) >= m_.max_members) {
        error("bad-member-id",
              "member id must be 0 or 1 (one of " + std::to_string(m_.max_members) +
                  " members), not '" + id->value + "'",
              id->value_where);
      } else {
        node.id = static_cast<std::uint32_t>(std::stoul(id->value));
        if (!ids.insert(*node.id).second)
          error("duplicate-member-id", "member id " + id->value + " is used twice",
                id->value_where);
      }
    }
    for (const auto& rule : m_.power_switch) {
      auto v = apply(block, rule);
      if (v) model::set(node.attributes, rule.target, std::move(v->value), v->field->where);
    }
    scopes_[&block] = Scope{Scope::Of::kNode, cluster_.nodes.size()};
    import_channels(block, node.name);
    cluster_.nodes.push_back(std::move(node));
  }

  void import_channels(const Entry& member, const std::string& node) {
    auto chans = numbered_blocks(member, m_.chan_block);
    for (std::size_t i = 0; i < chans.size(); ++i) {
      const Entry& chan = *chans[i];
      use(&chan);
      const Entry* name = required(chan, m_.chan_name);
      const Entry* type = required(chan, m_.chan_type);
      if (!name || !type) continue;
      quirks::Value kinds = quirks_.entry("channel_types", type->value);
      if (!kinds.is_table()) {
        error("bad-channel-type",
              "channel type must be one of " + known_channel_types() + ", not '" + type->value +
                  "'",
              type->value_where);
        continue;
      }
      model::Channel channel;
      channel.node = node;
      channel.priority = static_cast<std::uint32_t>(i + 1);
      channel.origin = chan.where;
      bool interface = !kinds["interface_kind"].is_nil() && convert_.is_interface(name->value, name->value_where);
      auto kind = model::channel_kind_from(
          (interface ? kinds["interface_kind"] : kinds["kind"]).to_text());
      if (!kind) {
        error("quirk-missing", "channel_types." + type->value + " names no channel kind",
              type->value_where);
        continue;
      }
      channel.kind = *kind;
      if (channel.kind == model::ChannelKind::kSerial || channel.kind == model::ChannelKind::kDisk)
        channel.device = name->value;
      else if (interface || channel.kind == model::ChannelKind::kBroadcast)
        channel.interface = name->value;
      else
        channel.address = name->value;
      cluster_.channels.push_back(std::move(channel));
    }
    for (const auto& [field, role] : m_.quorum_partitions) {
      const Entry* f = member.field(field);
      if (!f) continue;
      auto device = checked(*f, "path", "quorum partition");
      if (!device) continue;
      model::Channel disk;
      disk.kind = model::ChannelKind::kDisk;
      disk.node = node;
      disk.device = *device;
      disk.control = false;
      disk.origin = f->where;
      model::set(disk.attributes, m_.quorum_attribute, role, f->where);
      cluster_.channels.push_back(std::move(disk));
    }
  }

  std::string known_channel_types() const {
    std::string out;
    for (const auto& k : quirks_.keys("channel_types")) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  // --- services -----------------------------------------------------------

  void import_services() {
    const Entry* section = document_.section("services");
    if (!section) return;
    for (const Entry* block : numbered_blocks(*section, "service")) import_service(*block);
  }

  void import_service(const Entry& block) {
    use(&block);
    model::ResourceGroup group;
    group.origin = block.where;
    const Entry* name = required(block, m_.service_name);
    if (!name) return;
    group.id = name->value;
    if (!group_ids_.insert(group.id).second) {
      return error("duplicate-service", "two services are named '" + group.id + "'",
                   name->value_where);
    }
    scopes_[&block] = Scope{Scope::Of::kGroup, cluster_.groups.size()};
    import_policy(block, group.policy);
    group.policy.origin = block.where;

    std::vector<std::string> members;
    auto devices = numbered_blocks(block, m_.filesystem.block);
    for (std::size_t i = 0; i < devices.size(); ++i) import_device(group.id, *devices[i], i, members);
    std::size_t export_number = 0;
    for (const Entry* device : devices) import_nfs(group.id, *device, export_number, members);
    for (std::size_t i = 0; i < devices.size(); ++i) import_samba(group.id, *devices[i], i, members);
    auto networks = numbered_blocks(block, m_.network.block);
    for (std::size_t i = 0; i < networks.size(); ++i)
      members.push_back(import_agent(group.id, *networks[i], i, m_.network));
    import_script(block, group, members);
    group.members = std::move(members);
    cluster_.groups.push_back(std::move(group));
  }

  void import_policy(const Entry& block, model::FailoverPolicy& policy) {
    if (auto disabled = yes_no(block, m_.service_disabled)) policy.initially_disabled = *disabled;
    // Relocation only when asked for: an absent field means no.
    auto relocate = yes_no(block, m_.service_relocate);
    policy.failback = relocate.value_or(false) ? model::Failback::kAutomatic
                                               : model::Failback::kManual;
    const Entry* preferred = block.field(m_.service_preferred);
    use(preferred);
    bool none = !preferred || preferred->value == m_.none_word;
    if (!none && !cluster_.find_node(preferred->value)) {
      error("unknown-preferred-node",
            "preferredNode '" + preferred->value + "' is not a member (members: " +
                member_names() + ")",
            preferred->value_where);
      return;
    }
    if (!none) policy.domain.push_back(preferred->value);
    for (const auto& n : cluster_.nodes)
      if (none || n.name != preferred->value) policy.domain.push_back(n.name);
    if (none)
      model::set(policy.attributes, m_.no_preference_attribute, m_.no_preference_value,
                 preferred ? preferred->where : block.where);
  }

  std::string member_names() const {
    std::string out;
    for (const auto& n : cluster_.nodes) out += (out.empty() ? "" : ", ") + n.name;
    return out.empty() ? "none" : out;
  }

  // A resource from a block through an agent rule; returns its id.
  std::string import_agent(const std::string& service, const Entry& block, std::size_t number,
                           const AgentRule& rule) {
    use(&block);
    model::Resource r;
    r.id = service + "-" + rule.id + std::to_string(number);
    r.agent = rule.agent;
    r.origin = block.where;
    // Room for every rule's parameter, so that the list is allocated once.
    r.params.reserve(rule.fields.size());
    for (const auto& field : rule.fields) {
      auto v = apply(block, field);
      if (!v) continue;
      model::set(field.meta ? r.meta : r.params, field.target, std::move(v->value), v->field->where);
    }
    scopes_[&block] = Scope{Scope::Of::kResource, cluster_.resources.size()};
    std::string id = r.id;
    cluster_.resources.push_back(std::move(r));
    return id;
  }

  void import_device(const std::string& service, const Entry& device, std::size_t number,
                     std::vector<std::string>& members) {
    const Entry* mount = device.block("mount");
    members.push_back(
        import_agent(service, device, number, mount ? m_.filesystem : m_.raw_device));
  }

  void import_nfs(const std::string& service, const Entry& device, std::size_t& number,
                  std::vector<std::string>& members) {
    const Entry* container = at(device, nfs_container_);
    if (!container || container->kind != Entry::Kind::kBlock) return;
    use(container);
    const Entry* fs = device.block("mount");
    for (const Entry* dir : numbered_blocks(*container, m_.nfs.directory_block)) {
      use(dir);
      const Entry* path = required(*dir, "name");
      if (path && !checked(*path, "path", "NFS directory")) path = nullptr;
      auto clients = numbered_blocks(*dir, m_.nfs.client_block);
      if (clients.empty()) {
        error("missing-field", "NFS directory '" + dir->name + "' has no client blocks",
              dir->where);
      }
      for (std::size_t c = 0; c < clients.size(); ++c) {
        const Entry& client = *clients[c];
        use(&client);
        const Entry* spec = required(client, "name");
        if (!path || !spec) continue;
        model::Resource r;
        r.id = service + "-" + m_.nfs.id + std::to_string(number++);
        r.agent = m_.nfs.agent;
        r.origin = client.where;
        model::set(r.params, m_.nfs.directory_param, path->value, path->where);
        model::set(r.params, m_.nfs.client_param, spec->value, spec->where);
        if (const Entry* options = client.field("options")) {
          use(options);
          model::set(r.params, m_.nfs.options_param, options->value, options->where);
          if (auto fsid = fsid_option(options->value); fsid && !m_.nfs.fsid_param.empty())
            model::set(r.params, m_.nfs.fsid_param, *fsid, options->where);
        }
        scopes_[&client] = Scope{Scope::Of::kResource, cluster_.resources.size()};
        if (c == 0) scopes_[dir] = Scope{Scope::Of::kResource, cluster_.resources.size()};
        members.push_back(r.id);
        cluster_.resources.push_back(std::move(r));
      }
    }
    (void)fs;
  }

  static std::optional<std::string> fsid_option(std::string_view options) {
    std::size_t start = 0;
    while (start <= options.size()) {
      auto comma = options.find(',', start);
      std::string_view opt = options.substr(start, comma - start);
      if (opt.starts_with("fsid=")) return std::string(opt.substr(5));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return std::nullopt;
  }

  void import_samba(const std::string& service, const Entry& device, std::size_t number,
                    std::vector<std::string>& members) {
    const Entry* share = device.field(m_.samba.field);
    use(share);
    if (!share || share->value == m_.none_word || share->value.empty()) return;
    model::Resource r;
    r.id = service + "-" + m_.samba.id + std::to_string(number);
    r.agent = m_.samba.agent;
    r.origin = share->where;
    model::set(r.params, m_.samba.share_param, share->value, share->where);
    if (const Entry* dir = at(device, mount_name_); dir && dir->kind == Entry::Kind::kField)
      model::set(r.params, m_.samba.path_param, dir->value, dir->where);
    members.push_back(r.id);
    cluster_.resources.push_back(std::move(r));
  }

  void import_script(const Entry& block, model::ResourceGroup& group,
                     std::vector<std::string>& members) {
    const Entry* script = block.field(m_.service_script);
    const Entry* interval = block.field(m_.service_check_interval);
    std::optional<std::string> seconds;
    if (interval) seconds = checked(*interval, "uint", "field");
    use(script);
    bool has_script = script && !script->value.empty() && script->value != m_.none_word;
    if (has_script && !checked(*script, "path", "userScript")) return;
    if (!has_script) {
      if (seconds && !m_.check_interval_meta.empty())
        model::set(group.meta, m_.check_interval_meta, *seconds, interval->where);
      return;
    }
    model::Resource r;
    r.id = group.id + "-" + m_.script.id;
    r.origin = script->where;
    std::size_t directory = 0;
    if (auto name = init_script_name(m_.script, script->value, &directory)) {
      // An init script: lsb:NAME. Another directory than the one lsb:NAME
      // is written with is kept, keyed by the field's path, so a
      // Kimberlite round trip gives the same path back.
      r.agent = model::AgentRef{"lsb", "", *name};
      if (directory != 0)
        cluster_.extensions.push_back(model::Extension{
            std::string(kProduct), "resource:" + r.id,
            join_path({"services", block.name, m_.service_script}), script->value, script->where});
    } else {
      r.agent = model::AgentRef{m_.script.cls, "", script->value};
    }
    if (seconds) {
      // checkInterval 0 means "never": kept as a monitor of interval 0.
      model::Operation monitor;
      monitor.name = m_.script.monitor;
      monitor.interval_ms = std::stoull(*seconds) * 1000;
      monitor.origin = interval->where;
      r.operations.push_back(std::move(monitor));
    }
    members.push_back(r.id);
    cluster_.resources.push_back(std::move(r));
  }

  // --- what the tables do not know -----------------------------------------

  void collect_extensions() {
    std::vector<std::string_view> path;
    collect(document_.entries, path, nullptr, true);
  }

  // join_path of views of the names on the way: the path is joined only
  // for the few entries that are kept.
  static std::string joined(const std::vector<std::string_view>& components) {
    std::string out;
    for (std::size_t i = 0; i < components.size(); ++i) {
      if (i) out += kPathSeparator;
      out += components[i];
    }
    return out;
  }

  void collect(const std::vector<Entry>& children, std::vector<std::string_view>& path,
               const Scope* scope, bool top) {
    for (std::size_t i = 0; i < children.size(); ++i) {
      const Entry& e = children[i];
      if (e.kind == Entry::Kind::kComment) {
        keep_comment(children, i, path, scope, top);
        continue;
      }
      // Nearly every field was understood: the path and scope of one are
      // worked out only when it is kept.
      if (e.kind == Entry::Kind::kField && used_.contains(&e)) continue;
      path.push_back(e.name);
      const Scope* inner = scope_of(e, scope);
      if (e.kind == Entry::Kind::kField) {
        keep_unknown(e, joined(path), inner);
      } else {
        if (e.children.empty() && !used_.contains(&e)) keep_unknown(e, joined(path) + "%", inner);
        collect(e.children, path, inner, false);
      }
      path.pop_back();
    }
  }

  // The owner scope of `e`: its own (a member, service or resource block),
  // else the one it is inside.
  const Scope* scope_of(const Entry& e, const Scope* outer) const {
    auto own = scopes_.find(&e);
    return own != scopes_.end() ? &own->second : outer;
  }

  // The extension scope ("node:NAME", "group:ID", "resource:ID"; "" for
  // none), built only for the few entries that are kept.
  std::string scope_text(const Scope* scope) const {
    if (!scope) return {};
    switch (scope->of) {
      case Scope::Of::kNode: return "node:" + cluster_.nodes[scope->index].name;
      case Scope::Of::kGroup: return "group:" + cluster_.groups[scope->index].id;
      case Scope::Of::kResource: return "resource:" + cluster_.resources[scope->index].id;
    }
    return {};
  }

  void keep_unknown(const Entry& e, const std::string& key, const Scope* scope) {
    const auto& kept = m_.kept_sections;
    if (std::find(kept.begin(), kept.end(), split_path(key).front()) == kept.end())
      diagnostics_.warning("kimberlite.unknown-key",
                         "unknown " + std::string(e.kind == Entry::Kind::kField ? "key" : "block") +
                             " '" + key + "' kept as it is",
                         e.where);
    cluster_.extensions.push_back(
        model::Extension{std::string(kProduct), scope_text(scope), key, e.value, e.where});
  }

  // A comment is keyed by the path of the entry it precedes ("#services%
  // service0"), or its container's path and an empty name at the end of a
  // container; comments before the first section have the key "#".
  void keep_comment(const std::vector<Entry>& children, std::size_t i,
                    const std::vector<std::string_view>& path, const Scope* scope, bool top) {
    std::size_t next = i;
    while (next < children.size() && children[next].kind == Entry::Kind::kComment) ++next;
    std::string key = "#";
    const Scope* comment_scope = scope;
    if (top && path.empty() && !has_section_before(children, i)) {
      // preamble
    } else {
      auto components = path;
      components.push_back(next < children.size() ? std::string_view(children[next].name) : "");
      key += joined(components);
      if (next < children.size()) {
        auto own = scopes_.find(&children[next]);
        if (own != scopes_.end()) comment_scope = &own->second;
      }
    }
    cluster_.extensions.push_back(model::Extension{std::string(kProduct), scope_text(comment_scope), key,
                                                   children[i].name, children[i].where});
  }

  static bool has_section_before(const std::vector<Entry>& children, std::size_t i) {
    for (std::size_t j = 0; j < i; ++j)
      if (children[j].kind == Entry::Kind::kSection) return true;
    return false;
  }

  const Document& document_;
  quirks::QuirkSet& quirks_;
  const Mapping& m_;
  model::Diagnostics& diagnostics_;
  Converter convert_;
  std::size_t errors_before_;
  model::Cluster cluster_;
  // Paths below a device, split once rather than for each device.
  const std::vector<std::string> nfs_container_;  // m_.nfs.container
  const std::vector<std::string> mount_name_;     // mount%name
  EntrySet used_;
  std::set<std::string> group_ids_;
  std::unordered_map<const Entry*, Scope> scopes_;
};

}  // namespace

std::optional<model::Cluster> import_document(const Document& document,
                                              quirks::QuirkSet& quirks,
                                              model::Diagnostics& diagnostics) {
  auto mapping = load_mapping(quirks, diagnostics);
  if (!mapping) return std::nullopt;
  return Importer(document, quirks, *mapping, diagnostics).run();
}

std::optional<model::Cluster> read_cluster_conf(const std::filesystem::path& input,
                                                adapter::Context& context,
                                                model::Diagnostics& diagnostics) {
  std::string text;
  io::IoError io_error;
  if (!context.env().read_file(input, text, io_error)) {
    diagnostics.error("kimberlite.read", io_error.message, SourceLocation{input.string(), 0, 0});
    return std::nullopt;
  }
  auto document = parse_conf(text, input.string(), diagnostics);
  if (!document) return std::nullopt;
  auto& quirks = context.quirks(kProduct, diagnostics);
  return import_document(*document, quirks, diagnostics);
}

}  // namespace ocf::adapters::kimberlite
