#include "adapters/heartbeat/export.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "adapters/heartbeat/authkeys_parser.h"
#include "adapters/heartbeat/hacf_parser.h"
#include "adapters/heartbeat/haresources_parser.h"
#include "adapters/heartbeat/layout.h"
#include "adapters/heartbeat/ocf_instance.h"

namespace ocf::adapters::heartbeat {
namespace {

using namespace std::string_view_literals;  // string == "x"sv: no strlen, no call
using model::Channel;
using model::ChannelKind;
using model::Cluster;
using model::SourceLocation;

// One line to write: keyword (or node, or "auth"/key number) and arguments.
struct Rendered {
  std::string keyword;  // what layout markers name: directive, "", "auth", "key"
  std::vector<std::string> words;
  int rank = 0;  // order in a new file
  bool placed = false;
};

// One pass with a table: find_first_of searches the six separators once per
// character, and every resource's written word and arguments come here.
bool writable_word(std::string_view s) {
  static constexpr auto kSeparator = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\r', '\n', '#', '\\'}) t[c] = true;
    return t;
  }();
  if (s.empty()) return false;
  for (char c : s)
    if (kSeparator[static_cast<unsigned char>(c)]) return false;
  return true;
}

// NAME::ARG::ARG..., built in one buffer: every resource's word.
std::string script_text(std::string_view name, const std::vector<std::string>& args) {
  std::size_t size = name.size();
  for (const auto& a : args) size += 2 + a.size();
  std::string out;
  out.reserve(size);
  out.append(name);
  for (const auto& a : args) out.append("::").append(a);
  return out;
}

// The parts one after the other, in one allocation: the words and the
// messages of every resource are built this way.
template <typename... Parts>
std::string concat(const Parts&... parts) {
  const std::string_view views[] = {std::string_view(parts)...};
  std::size_t size = 0;
  for (auto v : views) size += v.size();
  std::string out(size, '\0');
  char* at = out.data();
  for (auto v : views) {
    std::char_traits<char>::copy(at, v.data(), v.size());
    at += v.size();
  }
  return out;
}

// find_first_of("\n\r") without a search of the set per character: every
// parameter of every OCF instance is checked.
bool has_line_break(std::string_view value) {
  for (char c : value)
    if (c == '\n' || c == '\r') return true;
  return false;
}

bool is_layout_key(std::string_view key) {
  return !key.empty() && (key[0] == '#' || key[0] == '@');
}

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : split_words(text, 0, " \t", false)) out.push_back(w.text);
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// Rank of a directive in a new ha.cf: globals first in the documented order.
int rank_of(std::string_view keyword) {
  const auto& globals = global_directive_order();
  auto it = std::find(globals.begin(), globals.end(), keyword);
  if (it != globals.end()) return static_cast<int>(it - globals.begin());
  static const std::vector<std::string_view> rest = {
      "cluster", "node", "keepalive", "deadtime", "warntime", "initdead",
      "bcast", "mcast", "ucast", "serial", "auto_failback", "nice_failback"};
  auto r = std::find(rest.begin(), rest.end(), keyword);
  if (r != rest.end()) return 100 + static_cast<int>(r - rest.begin());
  return 200;
}

class Exporter {
 public:
  Exporter(const Cluster& c, const ScriptTable& scripts, const MediaQuirks& media,
           model::Diagnostics& d)
      : c_(c), scripts_(scripts), media_(media), d_(d) {
    resources_.reserve(c_.resources.size());
    instances_.reserve(c_.resources.size());
    first_.reserve(c_.resources.size());
    for (std::size_t i = 0; i < c_.resources.size(); ++i) {
      auto [at, fresh] = resources_.emplace(c_.resources[i].id, i);
      first_.push_back(fresh ? i : at->second);
    }
    for (const auto& e : c_.extensions) {
      if (e.product != kProduct || e.scope.rfind("resource:", 0) != 0) continue;
      if (e.key == kFormKey) forms_[e.scope.substr(9)] = e.value;
      if (e.key.starts_with(kEnvKeyPrefix)) env_[e.scope.substr(9)].push_back(&e);
    }
  }

  Document run() {
    Document doc;
    doc.haresources = build_haresources();  // first: it decides the failback
    doc.hacf = build_hacf();
    doc.authkeys = build_authkeys();
    doc.hacf.path = std::string(kHaCf);
    doc.haresources.path = std::string(kHaresources);
    doc.authkeys.path = std::string(kAuthkeys);
    if (!instances_.empty())
      d_.warning("export.ocf-agents",
                 "haresources names OCF::TYPE::INSTANCE resources: heartbeat's resource.d/OCF "
                 "looks for TYPE under $OCF_AGENTS/*/, and Debian's heartbeat 3.0.6 sets "
                 "OCF_AGENTS one level too deep (/usr/lib/ocf/resource.d/heartbeat/), so they "
                 "fail to start unless heartbeat runs with "
                 "OCF_AGENTS=/usr/lib/ocf/resource.d in its environment",
                 {});
    doc.ocf_instances = std::move(instances_);
    report_model_losses();
    return doc;
  }

 private:
  void loss(std::string code, std::string message, const SourceLocation& where) {
    d_.loss(std::move(code), std::move(message), where);
  }

  // ---- placing rendered lines where the layout says
  ConfigFile place(std::string_view file, std::vector<Rendered> lines) {
    ConfigFile out;
    out.present = true;
    std::string scope = file_scope(file);
    bool have_layout = false;
    // keyword -> indices of its lines, consumed front to back
    std::unordered_map<std::string, std::pair<std::vector<std::size_t>, std::size_t>> pending;
    for (std::size_t i = 0; i < lines.size(); ++i) pending[lines[i].keyword].first.push_back(i);
    for (const auto& e : c_.extensions) {
      if (e.product != kProduct || e.scope != scope) continue;
      have_layout = true;
      if (e.key == kCommentKey) {
        Entry entry;
        entry.kind = e.value.find_first_not_of(" \t\r\f\v") == std::string::npos
                         ? Entry::Kind::kBlank
                         : Entry::Kind::kComment;
        entry.text = e.value;
        out.entries.push_back(std::move(entry));
      } else if (e.key == kMarkerKey) {
        std::string keyword = e.value, comment;
        if (auto hash = e.value.find('#'); hash != std::string::npos) {
          comment = e.value.substr(hash);
          keyword = e.value.substr(0, hash);
          while (!keyword.empty() && keyword.back() == ' ') keyword.pop_back();
        }
        std::vector<std::uint32_t> breaks;
        if (!keyword.empty() && keyword[0] == '\\') {  // haresources line breaks
          for (const auto& b : split_words(keyword.substr(1), 0, ",", false))
            breaks.push_back(static_cast<std::uint32_t>(std::strtoul(b.text.c_str(), nullptr, 10)));
          keyword.clear();
        }
        std::size_t arguments = 1;  // "bcast*2": the line had two interfaces
        if (auto star = keyword.find('*'); star != std::string::npos) {
          arguments = std::strtoul(keyword.c_str() + star + 1, nullptr, 10);
          keyword.erase(star);
        }
        auto it = pending.find(keyword);
        if (it == pending.end() || it->second.second == it->second.first.size()) continue;
        auto& [indices, next] = it->second;
        Rendered& r = lines[indices[next++]];
        r.placed = true;
        // Lines rendered one per model element (a channel, a node) go back
        // on one line as many as the marker says the line held.
        while (r.words.size() - 1 < arguments && next < indices.size()) {
          Rendered& more = lines[indices[next++]];
          r.words.insert(r.words.end(), more.words.begin() + 1, more.words.end());
          more.placed = true;
        }
        out.entries.push_back(item(r, std::move(comment)));
        for (auto b : breaks)
          if (b > 0 && b < r.words.size()) out.entries.back().breaks.push_back(b);
      }
    }
    // (haresources lines all rank alike: already in order, nothing to move)
    auto by_rank = [](const Rendered& a, const Rendered& b) { return a.rank < b.rank; };
    if (!have_layout && !std::is_sorted(lines.begin(), lines.end(), by_rank))
      std::stable_sort(lines.begin(), lines.end(), by_rank);
    for (auto& r : lines)
      if (!r.placed) out.entries.push_back(item(r, ""));
    return out;
  }

  // Takes the words: a line is written once.
  static Entry item(Rendered& r, std::string comment) {
    Entry entry;
    entry.kind = Entry::Kind::kItem;
    entry.words.reserve(r.words.size());
    for (auto& w : r.words) entry.words.push_back({std::move(w), 0, 0});
    entry.comment = std::move(comment);
    return entry;
  }

  // ---- ha.cf
  ConfigFile build_hacf() {
    std::vector<Rendered> lines;
    auto add = [&](std::string keyword, std::vector<std::string> args) {
      Rendered r;
      r.rank = rank_of(keyword);
      r.words.push_back(keyword);
      for (auto& a : args) r.words.push_back(std::move(a));
      r.keyword = std::move(keyword);
      lines.push_back(std::move(r));
    };
    if (!c_.name.empty()) {
      if (writable_word(c_.name))
        add("cluster", {c_.name});
      else
        loss("loss.cluster-name", "cluster name '" + c_.name + "' cannot be written in ha.cf", {});
    }
    render_ports(add);
    render_extensions(add);
    render_nodes(add);
    const auto& t = c_.timing;
    if (t.keepalive_ms) add("keepalive", {format_time_ms(*t.keepalive_ms)});
    if (t.dead_ms) add("deadtime", {format_time_ms(*t.dead_ms)});
    if (t.warn_ms) add("warntime", {format_time_ms(*t.warn_ms)});
    if (t.initial_dead_ms) add("initdead", {format_time_ms(*t.initial_dead_ms)});
    render_channels(add);
    render_failback(add);
    return place(kHaCf, std::move(lines));
  }

  template <typename Add>
  void render_ports(Add& add) {
    std::optional<std::uint32_t> port, baud;
    for (const auto& ch : c_.channels) {
      bool ip = ch.kind == ChannelKind::kBroadcast || ch.kind == ChannelKind::kUnicast;
      bool serial = ch.kind == ChannelKind::kSerial;
      auto& slot = ip ? port : baud;
      const auto& value = ip ? ch.port : ch.baud;
      if ((!ip && !serial) || !value) continue;
      if (!slot) {
        slot = value;
      } else if (*slot != *value) {
        loss("loss.channel-" + std::string(ip ? "port" : "baud"),
             std::string(ip ? "port " : "baud ") + std::to_string(*value) +
                 " differs from the first " + (ip ? "bcast/ucast channel's " : "serial channel's ") +
                 std::to_string(*slot) + "; heartbeat has one " + (ip ? "udpport" : "baud"),
             ch.origin);
      }
    }
    if (port) add("udpport", {std::to_string(*port)});
    if (baud) add("baud", {std::to_string(*baud)});
  }

  template <typename Add>
  void render_extensions(Add& add) {
    for (const auto& e : c_.extensions) {
      if (e.product != kProduct || !e.scope.empty() || is_layout_key(e.key)) continue;
      // A group policy carries failback; the directive is written from it.
      if ((e.key == "auto_failback" || e.key == "nice_failback") && !c_.groups.empty()) continue;
      if (!find_directive(e.key)) {
        loss("loss.extension", "heartbeat directive '" + e.key + "' is not one heartbeat 3.0.6 knows",
             e.origin);
        continue;
      }
      add(e.key, split_spaces(e.value));
    }
  }

  template <typename Add>
  void render_nodes(Add& add) {
    std::vector<std::string> names;
    SourceLocation line_of;
    auto flush = [&] {
      if (!names.empty()) add("node", std::move(names));
      names.clear();
    };
    for (const auto& n : c_.nodes) {
      if (!writable_word(n.name) || n.name.find(',') != std::string::npos) {
        loss("loss.node", "node name '" + n.name + "' cannot be written in ha.cf", n.origin);
        continue;
      }
      bool same_line = !names.empty() && n.origin.known() && n.origin.file == line_of.file &&
                       n.origin.line == line_of.line && n.origin.line != 0;
      if (!same_line) flush();
      names.push_back(n.name);
      line_of = n.origin;
    }
    flush();
  }

  template <typename Add>
  void render_channels(Add& add) {
    std::vector<std::string> words;
    std::string words_kind;
    SourceLocation line_of;
    auto flush = [&] {
      if (!words.empty()) add(words_kind, std::move(words));
      words.clear();
    };
    // Media already written -> whether a per-node channel wrote it. Per-node
    // channels of several nodes often name the same medium (each node's
    // eth1); heartbeat's media apply to every node, so it is written once.
    std::map<std::vector<std::string>, bool> written;
    for (const auto& ch : c_.channels) {
      std::string interface = ch.interface;
      if (!channel_writable(ch, interface)) continue;
      std::string kind;
      std::vector<std::string> args;
      switch (ch.kind) {
        case ChannelKind::kBroadcast:
          kind = "bcast";
          args = {interface};
          break;
        case ChannelKind::kSerial:
          kind = "serial";
          args = {ch.device};
          break;
        case ChannelKind::kMulticast:
          kind = "mcast";
          args = {interface, ch.address, std::to_string(ch.port.value_or(694)),
                  std::to_string(ch.ttl.value_or(1)), ch.loop.value_or(false) ? "1" : "0"};
          if (!ch.port || !ch.ttl || !ch.loop)
            d_.warning("export.mcast-defaults",
                       "multicast channel on " + interface +
                           " lacks a port, ttl or loop flag; wrote heartbeat's usual 694 1 0",
                       ch.origin);
          break;
        case ChannelKind::kUnicast:
          kind = "ucast";
          args = {interface, ch.address};
          break;
        case ChannelKind::kDisk:
          break;
      }
      std::vector<std::string> medium{kind};
      medium.insert(medium.end(), args.begin(), args.end());
      auto [seen, fresh] = written.emplace(medium, !ch.node.empty());
      if (!fresh && (seen->second || !ch.node.empty())) continue;
      bool joinable = (kind == "bcast" || kind == "serial") && kind == words_kind &&
                      ch.origin.known() && ch.origin.file == line_of.file &&
                      ch.origin.line == line_of.line && ch.origin.line != 0;
      if (!joinable) flush();
      if (kind == "bcast" || kind == "serial") {
        words_kind = kind;
        words.push_back(args[0]);
        line_of = ch.origin;
      } else {
        add(kind, std::move(args));
      }
    }
    flush();
    // heartbeat will not start without a medium. When the model has none
    // it can use (the source product's media did not carry over), the
    // site's interface from the media quirk gives one broadcast medium.
    if (written.empty() && !media_.default_interface.empty()) {
      add("bcast", {media_.default_interface});
      d_.warning("export.default-medium",
                 "the model has no channel heartbeat can use; wrote 'bcast " +
                     media_.default_interface + "' with the interface of the heartbeat quirk " +
                     media_.default_interface_source + ": check it is the cluster network",
                 {});
    }
  }

  // Reports what heartbeat cannot keep of a channel; false when it cannot be
  // written at all. `interface` may be replaced by the quirk's default.
  bool channel_writable(const Channel& ch, std::string& interface) {
    const std::string what = "channel " + std::string(model::to_string(ch.kind));
    if (ch.kind == ChannelKind::kDisk) {
      loss("loss.channel", "heartbeat v1 has no disk/quorum channel", ch.origin);
      return false;
    }
    if (!ch.node.empty())
      loss("loss.channel-node",
           what + " belongs to node " + ch.node + "; heartbeat media apply to every node",
           ch.origin);
    if (ch.priority)
      loss("loss.channel-priority", what + ": heartbeat has no channel priorities", ch.origin);
    if (!ch.heartbeat || !ch.control)
      loss("loss.channel-use",
           what + ": heartbeat sends heartbeats and control messages on every medium", ch.origin);
    for (const auto& a : ch.attributes)
      loss("loss.channel-attribute", what + " attribute " + a.name + " has no heartbeat form",
           a.origin.known() ? a.origin : ch.origin);
    if (ch.kind == ChannelKind::kMulticast && ch.ttl && *ch.ttl > 4) {
      loss("loss.channel", "multicast ttl " + std::to_string(*ch.ttl) +
                               " is above the 4 heartbeat's mcast accepts; channel not written",
           ch.origin);
      return false;
    }
    bool addressed = ch.kind == ChannelKind::kUnicast || ch.kind == ChannelKind::kMulticast;
    if (addressed && interface.empty() && writable_word(ch.address) &&
        !media_.default_interface.empty()) {
      interface = media_.default_interface;
      std::string line = std::string(ch.kind == ChannelKind::kUnicast ? "ucast " : "mcast ") +
                         interface + " " + ch.address;
      d_.warning("export.default-interface",
                 what + " " + ch.address + (ch.node.empty() ? "" : " of node " + ch.node) +
                     " names no interface; written as '" + line + (ch.kind == ChannelKind::kUnicast ? "" : " ...") +
                     "' with the interface of the heartbeat quirk " +
                     media_.default_interface_source +
                     (ch.kind == ChannelKind::kUnicast
                          ? " (heartbeat ignores a ucast to its own address, so every node "
                            "can have every node's line)"
                          : ""),
                 ch.origin);
    }
    bool ok = true;
    switch (ch.kind) {
      case ChannelKind::kBroadcast: ok = writable_word(interface); break;
      case ChannelKind::kSerial: ok = writable_word(ch.device); break;
      case ChannelKind::kMulticast:
      case ChannelKind::kUnicast:
        ok = writable_word(interface) && writable_word(ch.address);
        break;
      case ChannelKind::kDisk: break;
    }
    if (!ok)
      loss("loss.channel", what + " lacks an interface, address or device heartbeat needs",
           ch.origin);
    return ok;
  }

  template <typename Add>
  void render_failback(Add& add) {
    // The keyword of the last failback line read is the one heartbeat obeyed.
    bool nice = false;
    for (const auto& e : c_.extensions)
      if (e.product == kProduct && e.scope == file_scope(kHaCf) && e.key == kMarkerKey) {
        if (e.value.rfind("nice_failback", 0) == 0) nice = true;
        if (e.value.rfind("auto_failback", 0) == 0) nice = false;
      }
    if (!failback_) return;  // no groups: an extension (if any) says it
    bool manual = *failback_ == model::Failback::kManual;
    if (nice) {
      add("nice_failback", {manual ? "on" : "off"});
      return;
    }
    bool legacy = false;
    for (const auto& e : c_.extensions)
      if (e.product == kProduct && e.scope.empty() && e.key == "auto_failback" &&
          ascii_iequals(e.value, "legacy"))
        legacy = true;
    add("auto_failback", {manual ? "off" : legacy ? "legacy" : "on"});
  }

  // ---- haresources
  ConfigFile build_haresources() {
    std::vector<Rendered> lines;
    // Each member's resource, looked up once (every group, in order), and
    // which resources some group names: a resource is grouped when the
    // first resource with its id is.
    std::vector<const model::Resource*> members;
    std::size_t count = 0;
    for (const auto& g : c_.groups) count += g.members.size();
    members.reserve(count);
    std::vector<bool> grouped(c_.resources.size());
    for (const auto& g : c_.groups)
      for (const auto& m : g.members) {
        auto found = resources_.find(m);
        if (found == resources_.end()) {
          members.push_back(nullptr);
          continue;
        }
        members.push_back(&c_.resources[found->second]);
        grouped[found->second] = true;
      }
    std::size_t member = 0;
    for (const auto& g : c_.groups) {
      std::size_t first_member = member;
      member += g.members.size();
      auto node = group_node(g);
      if (!node) continue;
      policy_losses(g, *node);
      Rendered r;
      r.words.reserve(1 + g.members.size());
      r.words.push_back(*node);
      for (std::size_t k = first_member; k < member; ++k)
        if (const model::Resource* res = members[k])
          if (auto word = render_resource(*res)) r.words.push_back(std::move(*word));
      if (r.words.size() == 1) {
        loss("loss.group", "group " + g.id + " has no resource heartbeat can run; not written",
             g.origin);
        continue;
      }
      lines.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < c_.resources.size(); ++i) {
      const model::Resource& res = c_.resources[i];
      if (grouped[first_[i]]) continue;
      if (c_.nodes.empty()) break;
      auto word = render_resource(res);
      if (!word) continue;
      d_.warning("export.ungrouped",
                 "resource " + res.id + " is in no group; written as its own haresources line "
                 "preferring node " + c_.nodes[0].name,
                 res.origin);
      Rendered r;
      r.words = {c_.nodes[0].name, *word};
      lines.push_back(std::move(r));
    }
    return place(kHaresources, std::move(lines));
  }

  std::optional<std::string> group_node(const model::ResourceGroup& g) {
    const auto& domain = g.policy.domain;
    if (!domain.empty())
      for (const auto& n : c_.nodes)
        if (ascii_iequals(n.name, domain[0])) return n.name;
    if (c_.nodes.empty()) {
      loss("loss.group", "group " + g.id + " cannot be written: the cluster has no nodes",
           g.origin);
      return std::nullopt;
    }
    loss("loss.domain",
         "group " + g.id + " prefers no node of the cluster; written preferring " +
             c_.nodes[0].name,
         g.policy.origin.known() ? g.policy.origin : g.origin);
    return c_.nodes[0].name;
  }

  void policy_losses(const model::ResourceGroup& g, const std::string& node) {
    const auto& p = g.policy;
    SourceLocation where = p.origin.known() ? p.origin : g.origin;
    // What heartbeat does: `node`, then the other nodes in ha.cf order.
    bool usual = !p.domain.empty() && p.domain[0] == node;
    std::size_t k = 1;
    for (const auto& n : c_.nodes) {
      if (!usual) break;
      if (n.name == node) continue;
      usual = k < p.domain.size() && p.domain[k] == n.name;
      ++k;
    }
    if (!p.domain.empty() && !(usual && k == p.domain.size())) {
      std::string message = concat("group ", g.id, " has failover domain [", join(p.domain, " "),
                                   "]; heartbeat always fails over to the other nodes in ha.cf "
                                   "order [",
                                   node);
      for (const auto& n : c_.nodes)
        if (n.name != node) message.append(1, ' ').append(n.name);
      message += ']';
      loss("loss.domain-order", std::move(message), where);
    }
    if (p.mode == model::PlacementMode::kRoundRobin)
      loss("loss.round-robin", "group " + g.id + ": heartbeat has no round-robin placement",
           where);
    if (p.local_restarts)
      loss("loss.local-restarts",
           "group " + g.id + ": heartbeat v1 does not restart resources locally before failover",
           where);
    if (p.in_place_recovery)
      loss("loss.in-place-recovery", "group " + g.id + ": heartbeat has no in-place recovery",
           where);
    if (p.auto_recovery)
      loss("loss.auto-recovery", "group " + g.id + ": heartbeat has no auto recovery", where);
    if (p.initially_disabled)
      loss("loss.initially-disabled",
           "group " + g.id + ": heartbeat starts every haresources group", where);
    for (const auto& a : p.attributes)
      loss("loss.policy-attribute",
           "group " + g.id + " policy attribute " + a.name + " has no heartbeat form",
           a.origin.known() ? a.origin : where);
    for (const auto& a : g.meta)
      loss("loss.meta", "group " + g.id + " meta attribute " + a.name + " has no heartbeat form",
           a.origin.known() ? a.origin : g.origin);
    if (!failback_) {
      failback_ = p.failback;
    } else if (*failback_ != p.failback) {
      loss("loss.failback",
           concat("group ", g.id, " fails back ", model::to_string(p.failback),
                  " but heartbeat's auto_failback is one setting for all groups (",
                  model::to_string(*failback_), ")"),
           where);
    }
  }

  std::optional<std::string> render_resource(const model::Resource& r) {
    for (const auto& op : r.operations)
      loss("loss.operation",
           concat("resource ", r.id, " operation ", op.name, ": heartbeat v1 has no operations"),
           op.origin.known() ? op.origin : r.origin);
    for (const auto& m : r.meta)
      loss("loss.meta",
           concat("resource ", r.id, " meta attribute ", m.name, " has no heartbeat form"),
           m.origin.known() ? m.origin : r.origin);
    std::optional<std::string> word;
    const auto& a = r.agent;
    // A resource.d table entry (shipped or a site's --quirks file) for the
    // agent wins whatever its class; OCF::TYPE needs provider heartbeat.
    const ScriptEntry* script = scripts_.find_agent(a);
    if ((a.cls == "ocf"sv && a.provider == "heartbeat"sv) || script)
      word = render_ocf(r, script);
    else if (a.cls == "heartbeat"sv && a.provider.empty())
      word = render_script(r);
    else if (a.cls == "lsb"sv && a.provider.empty())
      word = render_plain(r);
    else
      loss("loss.agent",
           concat("resource ", r.id, ": agent ", a.to_string(),
                  " has no heartbeat v1 form (resource.d, OCF heartbeat or init script)"),
           r.origin);
    if (word && (!writable_word(*word))) {
      loss("loss.resource", "resource " + r.id + " cannot be written as one haresources word",
           r.origin);
      return std::nullopt;
    }
    return word;
  }

  std::string_view form_of(const std::string& id) const {
    auto it = forms_.find(id);
    return it == forms_.end() ? std::string_view() : std::string_view(it->second);
  }

  // ocf:heartbeat:X, or an agent a resource.d script drives. The script form
  // (IPaddr::..., Filesystem::...) when it carries every parameter; else
  // OCF::X::INSTANCE with the parameters in conf/OCF/X/INSTANCE, which
  // heartbeat reads as ocf:heartbeat:X (so only for that provider).
  std::optional<std::string> render_ocf(const model::Resource& r, const ScriptEntry* script) {
    bool ocf_form = r.agent.cls == "ocf"sv && r.agent.provider == "heartbeat"sv &&
                    ocf_instance_word(r.agent.type);
    if (script && !(ocf_form && form_of(r.id) == "OCF")) {
      std::string why;
      if (auto word = script_word(r, *script, r.params, why)) return word;
      if (!ocf_form) return lossy_script_word(r, *script);
      d_.warning("export.ocf-form",
                 concat("resource ", r.id, ": ", why, "; written as OCF::", r.agent.type,
                        " with its parameters in conf/OCF/", r.agent.type, "/"),
                 r.origin);
    }
    if (!ocf_form) {
      loss("loss.agent",
           "resource " + r.id + ": agent type '" + r.agent.type +
               "' cannot be written as OCF::TYPE (a file name of letters, digits, '_', '.', '-')",
           r.origin);
      return std::nullopt;
    }
    return ocf_word(r);
  }

  // The script form carrying all of `params`, or nullopt with `why`.
  std::optional<std::string> script_word(const model::Resource& r, const ScriptEntry& script,
                                         const model::Attributes& params, std::string& why) {
    for (const auto& p : params)
      if (std::find(script.names.begin(), script.names.end(), p.name) == script.names.end()) {
        why = "resource.d/" + script.name + " has no argument for parameter " + p.name;
        return std::nullopt;
      }
    auto args = scripts_.to_args(script, params, why, d_);
    if (!args) return std::nullopt;
    for (const auto& arg : *args)
      if (!writable_word(arg) || arg.find("::") != std::string::npos) {
        why = "argument '" + arg + "' cannot be written in haresources";
        return std::nullopt;
      }
    std::string expected;
    if (!scripts_.accepts(script, args->size(), expected)) {
      why = "resource.d/" + script.name + " takes " + expected + " argument(s), the parameters give " +
            std::to_string(args->size());
      return std::nullopt;
    }
    if (script.name == "IPaddr"sv && form_of(r.id) != "script" && args->size() == 1 &&
        looks_like_ip((*args)[0]))
      return (*args)[0];
    if (args->empty()) return script.name;
    return script_text(script.name, *args);
  }

  // A script whose agent has no OCF:: form (a site's table entry for another
  // provider): the parameters the script can take, the others lost.
  std::optional<std::string> lossy_script_word(const model::Resource& r,
                                               const ScriptEntry& script) {
    model::Attributes carried;
    for (const auto& p : r.params) {
      if (std::find(script.names.begin(), script.names.end(), p.name) != script.names.end())
        carried.push_back(p);
      else
        loss("loss.parameter",
             "resource " + r.id + " parameter " + p.name + ": resource.d/" + script.name +
                 " has no argument for it",
             p.origin.known() ? p.origin : r.origin);
    }
    std::string why;
    if (auto word = script_word(r, script, carried, why)) return word;
    loss("loss.resource", "resource " + r.id + ": " + why + "; not written", r.origin);
    return std::nullopt;
  }

  // OCF::TYPE::INSTANCE and its conf/OCF/TYPE/INSTANCE. INSTANCE is the
  // resource id (made a file name and unique per type when it is not one).
  std::string ocf_word(const model::Resource& r) {
    const std::string& type = r.agent.type;
    std::string made;  // INSTANCE when it is not the id itself
    if (!ocf_instance_word(r.id)) {
      for (char c : r.id)
        made += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
      if (made.empty() || made[0] == '.') made.insert(0, 1, 'r');
    }
    bool renamed = !made.empty();
    auto instance = [&] { return renamed ? std::string_view(made) : std::string_view(r.id); };
    // One search per candidate; the first free one is where the file goes.
    auto [at, fresh] = instances_.try_emplace(concat(type, "/", instance()));
    if (!fresh) {
      const std::string base(instance());
      for (int n = 2; !fresh; ++n) {
        made = concat(base, "_", std::to_string(n));
        renamed = true;
        std::tie(at, fresh) = instances_.try_emplace(concat(type, "/", made));
      }
    }
    if (renamed)
      d_.warning("export.instance-name",
                 concat("resource ", r.id, " is written as OCF::", type, "::", made,
                        " (an instance name is a file name); it reads back with id ", made),
                 r.origin);
    OcfInstance& file = at->second;
    file.path = ocf_instance_name(type, instance());
    auto env = env_.find(r.id);
    file.assignments.reserve(r.params.size() + (env == env_.end() ? 0 : env->second.size()));
    for (const auto& p : r.params) {
      std::string name = concat(kReskeyPrefix, p.name);
      if (!shell_name(name) || has_line_break(p.value) ||
          p.value.find('\0') != std::string::npos) {
        loss("loss.parameter",
             "resource " + r.id + " parameter " + p.name + ": " +
                 (shell_name(name) ? "a value with a line break" : "a name that is no shell variable") +
                 " cannot be written in " + file.path,
             p.origin.known() ? p.origin : r.origin);
        continue;
      }
      file.assignments.push_back({std::move(name), p.value});
    }
    if (env != env_.end()) {
      for (const auto* e : env->second) {
        std::string name = e->key.substr(kEnvKeyPrefix.size());
        if (!shell_name(name) || has_line_break(e->value)) {
          loss("loss.extension",
               "resource " + r.id + " variable " + name + " cannot be written in " + file.path,
               e->origin);
          continue;
        }
        file.assignments.push_back({std::move(name), e->value});
      }
      env_written_.insert(r.id);  // only ids with env: extensions are looked up
    }
    return concat("OCF::", type, "::", instance());
  }

  // heartbeat:NAME: resource.d/NAME with positional arguments arg1..argN
  // (or 1..N, as Pacemaker names a heartbeat-class resource's arguments).
  std::optional<std::string> render_script(const model::Resource& r) {
    const std::string& name = r.agent.type;
    if (name == "OCF" || !writable_word(name) || name.find("::") != std::string::npos ||
        name.find('/') != std::string::npos || looks_like_ip(name)) {
      loss("loss.agent",
           "resource " + r.id + ": '" + name + "' cannot be written as a resource.d script name",
           r.origin);
      return std::nullopt;
    }
    std::vector<std::string> args;
    for (std::size_t i = 0; i < r.params.size(); ++i) {
      const auto& p = r.params[i];
      std::string n = std::to_string(i + 1);
      if ((p.name != "arg" + n && p.name != n) || !writable_word(p.value) ||
          p.value.find("::") != std::string::npos) {
        loss("loss.parameter",
             "resource " + r.id + " parameter " + p.name +
                 ": a resource.d script takes only positional arguments arg1..argN",
             p.origin.known() ? p.origin : r.origin);
        continue;
      }
      args.push_back(p.value);
    }
    if (const ScriptEntry* script = scripts_.find(name)) {
      // heartbeat reads resource.d/NAME through its table entry: the same
      // script, described as the agent it drives.
      std::vector<WordView> words;
      for (const auto& a : args) words.push_back({a, 0, 0});
      model::Diagnostics scratch;
      auto params = scripts_.to_params(*script, words, "", scratch);
      if (!params) {
        std::string why = scratch.entries().empty() ? "" : ": " + scratch.entries().back().message;
        loss("loss.resource",
             "resource " + r.id + ": resource.d/" + name + " would not accept these arguments" +
                 why + "; not written",
             r.origin);
        return std::nullopt;
      }
      loss("loss.agent",
           "resource " + r.id + ": heartbeat reads resource.d/" + name + " as the agent " +
               script->agent.to_string() + "; the agent " + r.agent.to_string() +
               " and its positional parameter names are not kept",
           r.origin);
    } else if (args.empty()) {
      d_.warning("export.plain-script",
                 "resource " + r.id + ": " + r.agent.to_string() +
                     " without arguments is written as a plain '" + name +
                     "', which heartbeat runs from resource.d/ when it is there and from "
                     "/etc/init.d/ otherwise (and reads back as lsb:" + name + " unless "
                     "resource.d/" + name + " is in the directory read)",
                 r.origin);
    }
    if (args.empty()) return name;
    return script_text(name, args);
  }

  // lsb:NAME: the plain NAME, which ResourceManager finds in /etc/init.d
  // unless resource.d has a script of that name.
  std::optional<std::string> render_plain(const model::Resource& r) {
    const std::string& name = r.agent.type;
    std::string why;
    if (scripts_.find(name))
      why = "heartbeat would run its own resource.d/" + name + " instead of /etc/init.d/" + name;
    else if (name == "OCF" || !writable_word(name) || name.find("::") != std::string::npos ||
             name.find('/') != std::string::npos || looks_like_ip(name) || name == "." ||
             name == "..")
      why = "'" + name + "' is not an init script name heartbeat can look up in /etc/init.d";
    if (!why.empty()) {
      loss("loss.agent", "resource " + r.id + ": " + why + "; not written", r.origin);
      return std::nullopt;
    }
    for (const auto& p : r.params)
      loss("loss.parameter",
           "resource " + r.id + " parameter " + p.name + ": an init script takes no parameters",
           p.origin.known() ? p.origin : r.origin);
    return name;
  }

  // ---- authkeys
  ConfigFile build_authkeys() {
    std::vector<Rendered> lines;
    const auto& auth = c_.auth;
    if (auth.empty()) {
      d_.warning("export.no-auth",
                 "the model has no authentication; wrote 'auth 1' with a crc key, which gives "
                 "no security: replace it with a sha1 key",
                 {});
      lines.push_back({"auth", {"auth", "1"}});
      lines.push_back({"key", {"1", "crc"}});
      return place(kAuthkeys, std::move(lines));
    }
    if (auth.active) lines.push_back({"auth", {"auth", std::to_string(*auth.active)}});
    for (const auto& k : auth.keys) {
      bool needs_secret = false;
      if (!known_auth_method(k.method, needs_secret) || k.number >= kMaxAuthKeys) {
        loss("loss.auth-key",
             "key " + std::to_string(k.number) + " (" + k.method +
                 ") is not a heartbeat key (number 0-15, method crc, md5 or sha1)",
             k.origin);
        continue;
      }
      if (needs_secret && !writable_word(k.secret)) {
        loss("loss.auth-key",
             "key " + std::to_string(k.number) + ": its secret cannot be written in authkeys",
             k.origin);
        continue;
      }
      Rendered r{"key", {std::to_string(k.number), k.method}};
      if (needs_secret) r.words.push_back(k.secret);
      lines.push_back(std::move(r));
    }
    return place(kAuthkeys, std::move(lines));
  }

  // ---- what the model holds and heartbeat has no place for at all
  void report_model_losses() {
    for (const auto& [id, extensions] : env_)
      if (!env_written_.count(id))
        for (const auto* e : extensions)
          loss("loss.extension",
               "resource " + id + " variable " + e->key.substr(kEnvKeyPrefix.size()) +
                   ": only an OCF::TYPE::INSTANCE resource has an instance file to set it in",
               e->origin);
    for (const auto& n : c_.nodes) {
      if (n.id)
        loss("loss.node-id", "node " + n.name + " id " + std::to_string(*n.id) +
                                 ": heartbeat derives node ids itself",
             n.origin);
      for (const auto& a : n.addresses)
        loss("loss.node-address",
             "node " + n.name + " address " + a + ": heartbeat names nodes by uname -n only",
             n.origin);
      for (const auto& a : n.attributes)
        loss("loss.node-attribute",
             "node " + n.name + " attribute " + a.name + " has no place in ha.cf",
             a.origin.known() ? a.origin : n.origin);
    }
    for (const auto& p : c_.properties)
      loss("loss.property", "cluster property " + p.name + " has no heartbeat directive",
           p.origin);
    for (const auto& con : c_.constraints)
      loss("loss.constraint",
           std::string(model::to_string(con.kind)) + " constraint " + con.id +
               ": heartbeat v1 has no constraints",
           con.origin);
  }

  const Cluster& c_;
  const ScriptTable& scripts_;
  const MediaQuirks& media_;
  model::Diagnostics& d_;
  std::map<std::string, std::string> forms_;
  // env:NAME extensions of OCF instances, by resource id; which were written.
  std::map<std::string, std::vector<const model::Extension*>> env_;
  std::set<std::string> env_written_;
  std::unordered_map<std::string, OcfInstance> instances_;  // "TYPE/INSTANCE"
  // id -> index in c_.resources of the first resource with it (views of
  // c_'s ids); first_: that index for each resource.
  std::unordered_map<std::string_view, std::size_t> resources_;
  std::vector<std::size_t> first_;
  std::optional<model::Failback> failback_;
};

}  // namespace

Document export_cluster(const model::Cluster& cluster, const ScriptTable& scripts,
                        const MediaQuirks& media, model::Diagnostics& diagnostics) {
  return Exporter(cluster, scripts, media, diagnostics).run();
}

}  // namespace ocf::adapters::heartbeat
