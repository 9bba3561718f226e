#include "adapters/heartbeat/import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "adapters/heartbeat/hacf_parser.h"
#include "adapters/heartbeat/haresources_parser.h"
#include "adapters/heartbeat/layout.h"
#include "adapters/heartbeat/ocf_instance.h"

namespace ocf::adapters::heartbeat {
namespace {

using model::Channel;
using model::ChannelKind;
using model::Cluster;
using model::Extension;
using model::SourceLocation;

std::optional<std::uint32_t> to_u32(std::string_view text) {
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string join_args(const Entry& e) {
  std::string out;
  for (std::size_t i = 1; i < e.words.size(); ++i) {
    if (i > 1) out += ' ';
    out += e.words[i].text;
  }
  return out;
}

// ASCII letters and digits, _ - . stay; anything else becomes _. (The
// program never sets a locale, so this is what isalnum gave, without a
// library call and an append per character.)
std::string sanitize_id(std::string id) {
  static constexpr auto kKeep = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-' || c == '.';
    return t;
  }();
  for (char& c : id)
    if (!kKeep[static_cast<unsigned char>(c)]) c = '_';
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id.insert(0, "r_");
  return id;
}

class Importer {
 public:
  // `check_only`: the same walk and the same diagnostics, but what only
  // the model needs (ids, parameters, domains, layout) is not built.
  Importer(const Document& doc, const ScriptTable& scripts, const io::Env& env,
           std::filesystem::path dir, model::Diagnostics& d, bool check_only = false)
      : doc_(doc), scripts_(scripts), env_(env), dir_(std::move(dir)), d_(d),
        check_only_(check_only) {}

  Cluster run() {
    import_hacf();
    if (doc_.haresources.present) import_haresources();
    finish_failback();
    import_authkeys();
    return std::move(cluster_);
  }

 private:
  void layout(std::string_view file, std::string_view key, std::string value,
              SourceLocation where) {
    cluster_.extensions.push_back(Extension{std::string(kProduct), file_scope(file),
                                            std::string(key), std::move(value), std::move(where)});
  }
  void extension(std::string key, std::string value, SourceLocation where) {
    cluster_.extensions.push_back(
        Extension{std::string(kProduct), "", std::move(key), std::move(value), std::move(where)});
  }

  void import_layout(const ConfigFile& file, std::string_view name, const Entry& e,
                     std::string marker) {
    if (check_only_) return;
    SourceLocation where{file.path, e.line, 1};
    if (e.kind != Entry::Kind::kItem) {
      layout(name, kCommentKey, e.text, where);
      return;
    }
    if (!e.breaks.empty()) {
      marker += "\\";  // haresources continuation lines: "\\2,3"
      for (std::size_t i = 0; i < e.breaks.size(); ++i)
        marker += (i ? "," : "") + std::to_string(e.breaks[i]);
    }
    if (!e.comment.empty()) marker += (marker.empty() ? "" : " ") + e.comment;
    layout(name, kMarkerKey, std::move(marker), where);
  }

  // ---- ha.cf
  void import_hacf() {
    const ConfigFile& f = doc_.hacf;
    for (const auto& e : f.entries) {
      if (e.kind != Entry::Kind::kItem) {
        import_layout(f, kHaCf, e, "");
        continue;
      }
      const std::string& kw = e.words[0].text;
      if (!find_directive(kw) || e.words.size() < 2) continue;  // reported by the parser
      // A line listing several nodes, interfaces or devices becomes several
      // model elements; the marker keeps how many the line held.
      bool listing = kw == "node" || kw == "bcast" || kw == "serial";
      import_layout(f, kHaCf, e,
                    listing && e.words.size() > 2 ? kw + "*" + std::to_string(e.words.size() - 1)
                                                   : kw);
      import_directive(f, e);
    }
    bool ip_media = false, serial_media = false;
    for (auto& c : cluster_.channels) {
      if (c.kind == ChannelKind::kBroadcast || c.kind == ChannelKind::kUnicast) {
        ip_media = true;
        if (udpport_) c.port = udpport_;
      }
      if (c.kind == ChannelKind::kSerial) {
        serial_media = true;
        if (baud_) c.baud = baud_;
      }
    }
    // Without a medium to carry them, keep them as directives.
    if (udpport_ && !ip_media) extension("udpport", std::to_string(*udpport_), udpport_at_);
    if (baud_ && !serial_media) extension("baud", std::to_string(*baud_), baud_at_);
  }

  void import_directive(const ConfigFile& f, const Entry& e) {
    const std::string& kw = e.words[0].text;
    const auto& w = e.words;
    auto loc = [&](std::size_t i) { return at(f, w[i]); };
    if (kw == "node") {
      for (std::size_t i = 1; i < w.size(); ++i) add_node(w[i], loc(i));
    } else if (kw == "cluster") {
      cluster_.name = w[1].text;
    } else if (kw == "keepalive" || kw == "deadtime" || kw == "warntime" || kw == "initdead") {
      auto ms = parse_time_ms(w[1].text);
      if (!ms) return;
      auto& t = cluster_.timing;
      (kw == "keepalive"  ? t.keepalive_ms
       : kw == "deadtime" ? t.dead_ms
       : kw == "warntime" ? t.warn_ms
                          : t.initial_dead_ms) = *ms;
      (kw == "keepalive"  ? t.keepalive_origin
       : kw == "deadtime" ? t.dead_origin
       : kw == "warntime" ? t.warn_origin
                          : t.initial_dead_origin) = loc(0);
    } else if (kw == "bcast" || kw == "serial") {
      for (std::size_t i = 1; i < w.size(); ++i) {
        Channel c;
        c.kind = kw == "bcast" ? ChannelKind::kBroadcast : ChannelKind::kSerial;
        (kw == "bcast" ? c.interface : c.device) = w[i].text;
        c.origin = loc(i);
        cluster_.channels.push_back(std::move(c));
      }
    } else if (kw == "mcast" && w.size() >= 6) {
      Channel c;
      c.kind = ChannelKind::kMulticast;
      c.interface = w[1].text;
      c.address = w[2].text;
      c.port = to_u32(w[3].text);
      c.ttl = to_u32(w[4].text);
      if (auto loop = to_u32(w[5].text)) c.loop = *loop != 0;
      c.origin = loc(1);
      cluster_.channels.push_back(std::move(c));
    } else if (kw == "ucast" && w.size() >= 3) {
      Channel c;
      c.kind = ChannelKind::kUnicast;
      c.interface = w[1].text;
      c.address = w[2].text;
      c.origin = loc(1);
      cluster_.channels.push_back(std::move(c));
    } else if (kw == "udpport") {
      udpport_ = to_u32(w[1].text);
      udpport_at_ = loc(0);
    } else if (kw == "baud") {
      baud_ = to_u32(w[1].text);
      baud_at_ = loc(0);
    } else if (kw == "auto_failback" || kw == "nice_failback") {
      failback_keyword_ = kw;
      failback_value_ = w[1].text;
      failback_at_ = loc(0);
    } else {
      extension(kw, join_args(e), loc(0));
    }
  }

  void add_node(const Word& word, SourceLocation where) {
    for (const auto& n : cluster_.nodes)
      if (ascii_iequals(n.name, word.text)) {
        d_.warning("hacf.duplicate-node", "node '" + word.text + "' is declared twice", where);
        return;
      }
    model::Node node;
    node.name = word.text;
    node.origin = std::move(where);
    cluster_.nodes.push_back(std::move(node));
  }

  // ---- haresources
  void import_haresources() {
    const ConfigFile& f = doc_.haresources;
    if (uses_pacemaker(doc_.hacf)) {
      bool any = std::any_of(f.entries.begin(), f.entries.end(),
                             [](const Entry& e) { return e.kind == Entry::Kind::kItem; });
      if (any)
        d_.warning("hares.ignored",
                   "haresources is not used because pacemaker is on; its groups are not read",
                   {f.path, 1, 1});
      return;
    }
    // Sized once: 10,000 resources otherwise cost many moves and rehashes.
    std::size_t items = 0, words = 0;
    for (const auto& e : f.entries)
      if (e.kind == Entry::Kind::kItem) {
        ++items;
        words += e.words.size() - 1;
      }
    cluster_.groups.reserve(cluster_.groups.size() + items);
    cluster_.resources.reserve(cluster_.resources.size() + words);
    cluster_.extensions.reserve(cluster_.extensions.size() + f.entries.size() + words);
    ids_.reserve(ids_.size() + words);
    next_suffix_.reserve(next_suffix_.size() + words);
    std::size_t n = 0;
    for (const auto& e : f.entries) {
      import_layout(f, kHaresources, e, "");
      if (e.kind == Entry::Kind::kItem) import_group(f, e, ++n);
    }
  }

  void import_group(const ConfigFile& f, const Entry& e, std::size_t n) {
    model::ResourceGroup group;
    if (check_only_) {  // the resources' diagnostics; an empty group for finish_failback
      for (std::size_t i = 1; i < e.words.size(); ++i) import_resource(f, e.words[i]);
      cluster_.groups.push_back(std::move(group));
      return;
    }
    group.id = "group_" + std::to_string(n);
    group.origin = at(f, e.words[0]);
    const model::Node* preferred = nullptr;
    for (const auto& node : cluster_.nodes)
      if (ascii_iequals(node.name, e.words[0].text)) preferred = &node;
    group.members.reserve(e.words.size() - 1);
    if (preferred) {
      group.policy.domain.reserve(cluster_.nodes.size());
      group.policy.domain.push_back(preferred->name);
      for (const auto& node : cluster_.nodes)
        if (&node != preferred) group.policy.domain.push_back(node.name);
    }
    group.policy.origin = group.origin;
    for (std::size_t i = 1; i < e.words.size(); ++i)
      if (auto id = import_resource(f, e.words[i])) group.members.push_back(std::move(*id));
    cluster_.groups.push_back(std::move(group));
  }

  std::optional<std::string> import_resource(const ConfigFile& f, const Word& word) {
    model::Diagnostics already_reported;  // the parser reported grammar errors
    ResourceView& spec = spec_;  // refilled per word: its storage is kept
    if (!parse_resource(word, f.path, already_reported, spec)) return std::nullopt;
    if (file_of_ != &f) {  // interned once, not per resource and parameter
      file_ = f.path;
      file_of_ = &f;
    }
    model::Resource r;
    if (!check_only_) r.origin = {file_, word.line, word.column};
    std::string form;
    if (spec.form == ResourceSpec::Form::kOcf) {
      if (!import_ocf(spec, {file_, word.line, word.column}, r) || check_only_)
        return std::nullopt;
      form = "OCF";
    } else if (const ScriptEntry* script = scripts_.find(spec.script)) {
      // The check walk wants the verdict only: the same call, nothing built.
      auto params = scripts_.to_params(*script, spec.args, file_, d_, !check_only_);
      if (!params) return std::nullopt;
      if (check_only_) return std::nullopt;
      r.agent = script->agent;
      r.params = std::move(*params);
      if (spec.form == ResourceSpec::Form::kScript && spec.script == "IPaddr") form = "script";
    } else if (check_only_) {  // plain or an unknown script: nothing to report
      return std::nullopt;
    } else if (spec.form == ResourceSpec::Form::kPlain) {
      // ResourceManager looks in resource.d first, then in /etc/init.d.
      bool site_script = env_.exists(dir_ / "resource.d" / spec.script);
      r.agent = {site_script ? "heartbeat" : "lsb", "", std::string(spec.script)};
    } else {
      r.agent = {"heartbeat", "", std::string(spec.script)};
      for (std::size_t i = 0; i < spec.args.size(); ++i)
        r.params.push_back({"arg" + std::to_string(i + 1), std::string(spec.args[i].text),
                            {file_, spec.args[i].line, spec.args[i].column}});
    }
    if (r.id.empty()) {
      std::string base;
      base.reserve(r.agent.type.size() + 1 + (r.params.empty() ? 0 : r.params[0].value.size()));
      base += r.agent.type;
      if (!r.params.empty()) base.append(1, '_').append(r.params[0].value);
      r.id = unique_id(sanitize_id(std::move(base)));
    }
    if (!form.empty())
      cluster_.extensions.push_back(Extension{std::string(kProduct), resource_scope(r.id),
                                              std::string(kFormKey), form, r.origin});
    std::string id = r.id;
    cluster_.resources.push_back(std::move(r));
    return id;
  }

  bool import_ocf(const ResourceView& spec, const SourceLocation& origin, model::Resource& r) {
    std::string_view type = spec.args[0].text;
    std::string_view instance = spec.args[1].text;
    if (!check_only_) {
      r.agent = {"ocf", "heartbeat", std::string(type)};
      r.id = unique_id(sanitize_id(std::string(instance)));
    }
    std::string key;
    key.reserve(type.size() + 1 + instance.size());
    key.append(type).append(1, '/').append(instance);
    auto it = doc_.ocf_instances.find(key);
    if (it == doc_.ocf_instances.end()) {
      d_.warning("hares.ocf-instance-missing",
                 "no " + ocf_instance_name(type, instance) +
                     " in this directory: the instance's parameters are unknown, and "
                     "resource.d/OCF refuses to run without it",
                 origin);
      return true;
    }
    const OcfInstance& file = it->second;
    if (!check_only_) r.params.reserve(file.assignments.size());
    for (const auto& a : file.assignments) {
      std::string_view name = a.name;
      if (name.size() > kReskeyPrefix.size() && name.starts_with(kReskeyPrefix)) {
        if (!check_only_)
          r.params.push_back(
              {std::string(name.substr(kReskeyPrefix.size())), a.value, origin_of(file, a)});
        continue;
      }
      // Exported to the agent, but not one of its parameters: kept as is.
      SourceLocation where = origin_of(file, a);
      d_.warning("hares.ocf-not-parameter",
                 a.name + " is not an OCF_RESKEY_ variable: the agent gets it in its "
                          "environment, not as a parameter",
                 where);
      if (!check_only_)
        cluster_.extensions.push_back(Extension{std::string(kProduct), resource_scope(r.id),
                                                std::string(kEnvKeyPrefix) + a.name, a.value,
                                                std::move(where)});
    }
    return true;
  }

  // base, base_2, base_3, ...; the next suffix per base is remembered so that
  // thousands of resources sharing a base stay linear.
  std::string unique_id(std::string base) {
    if (ids_.insert(base).second) return base;  // the usual case: no suffix map entry
    int& next = next_suffix_[base];
    if (next == 0) next = 2;
    std::string id;
    do id = base + "_" + std::to_string(next++);
    while (!ids_.insert(id).second);
    return id;
  }

  // ---- failback: a property of every group's policy
  void finish_failback() {
    model::Failback failback = model::Failback::kAutomatic;
    bool legacy = true;  // heartbeat's default is legacy
    if (!failback_keyword_.empty()) {
      auto b = parse_boolean(failback_value_);
      if (failback_keyword_ == "nice_failback") {
        failback = b.value_or(false) ? model::Failback::kManual : model::Failback::kAutomatic;
        legacy = !b.value_or(false);
      } else {
        legacy = !b.has_value();
        failback = (b && !*b) ? model::Failback::kManual : model::Failback::kAutomatic;
      }
    } else if (!cluster_.groups.empty()) {
      d_.warning("hacf.default-failback",
                 "no auto_failback: heartbeat defaults to the deprecated 'legacy' mode, read as "
                 "automatic failback",
                 {doc_.hacf.path, 1, 1});
    }
    for (auto& g : cluster_.groups) {
      g.policy.failback = failback;
      if (!failback_keyword_.empty()) g.policy.origin = failback_at_;
    }
    // Keep the directive itself when no group carries it, or when it says
    // more than automatic/manual (legacy).
    bool explicit_legacy = failback_keyword_ == "auto_failback" && legacy;
    if (!failback_keyword_.empty() && (cluster_.groups.empty() || explicit_legacy))
      extension(failback_keyword_, failback_value_, failback_at_);
  }

  // ---- authkeys
  void import_authkeys() {
    const ConfigFile& f = doc_.authkeys;
    auto& auth = cluster_.auth;
    for (const auto& e : f.entries) {
      if (e.kind != Entry::Kind::kItem) {
        import_layout(f, kAuthkeys, e, "");
        continue;
      }
      const auto& w = e.words;
      if (w[0].text == "auth") {
        import_layout(f, kAuthkeys, e, "auth");
        if (w.size() >= 2) auth.active = to_u32(w[1].text);
        auth.origin = at(f, w[0]);
        continue;
      }
      import_layout(f, kAuthkeys, e, "key");
      auto number = to_u32(w[0].text);
      if (!number || w.size() < 2) continue;
      model::AuthKey key;
      key.number = *number;
      key.method = w[1].text;
      if (w.size() >= 3) key.secret = w[2].text;
      key.origin = at(f, w[0]);
      auth.keys.push_back(std::move(key));
    }
  }

  const Document& doc_;
  const ScriptTable& scripts_;
  const io::Env& env_;
  std::filesystem::path dir_;
  model::Diagnostics& d_;
  bool check_only_;
  Cluster cluster_;
  std::unordered_set<std::string> ids_;
  ResourceView spec_;  // import_resource's, reused
  const ConfigFile* file_of_ = nullptr;
  model::FileName file_;  // file_of_'s path
  std::unordered_map<std::string, int> next_suffix_;
  std::optional<std::uint32_t> udpport_, baud_;
  SourceLocation udpport_at_, baud_at_;
  std::string failback_keyword_, failback_value_;
  SourceLocation failback_at_;
};

}  // namespace

model::Cluster import_document(const Document& document, const ScriptTable& scripts,
                               const io::Env& env, const std::filesystem::path& dir,
                               model::Diagnostics& diagnostics) {
  return Importer(document, scripts, env, dir, diagnostics).run();
}

void check_document(const Document& document, const ScriptTable& scripts, const io::Env& env,
                    const std::filesystem::path& dir, model::Diagnostics& diagnostics) {
  Importer(document, scripts, env, dir, diagnostics, /*check_only=*/true).run();
}

}  // namespace ocf::adapters::heartbeat
