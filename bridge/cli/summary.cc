#include "bridge/cli/summary.h"

#include <set>
#include <string>

#include "bridge/model/secret.h"

namespace ocf::cli {

namespace {

// "name=value", the value masked when the name looks secret.
std::string pair(const model::Attribute& a) {
  return a.name + "=" + model::shown_value(a.name, a.value);
}

std::string ms(const std::optional<std::uint64_t>& v) {
  if (!v) return "-";
  if (*v % 1000 == 0) return std::to_string(*v / 1000) + "s";
  return std::to_string(*v) + "ms";
}

void print_resource(const model::Resource& r, std::ostream& out, const char* indent) {
  out << indent << r.id << "  " << r.agent.to_string();
  for (const auto& p : r.params) out << "  " << pair(p);
  out << '\n';
  for (const auto& o : r.operations) {
    out << indent << "  op " << o.name;
    if (o.interval_ms) out << " interval=" << ms(o.interval_ms);
    if (o.timeout_ms) out << " timeout=" << ms(o.timeout_ms);
    out << '\n';
  }
}

}  // namespace

void print_summary(const model::Cluster& c, std::ostream& out) {
  out << "cluster " << (c.name.empty() ? "(unnamed)" : c.name) << '\n';
  for (const auto& p : c.properties)
    out << "  property " << p.name << " = " << model::shown_value(p.name, p.value) << '\n';

  out << "nodes (" << c.nodes.size() << ")\n";
  for (const auto& n : c.nodes) {
    out << "  " << n.name;
    if (n.id) out << "  id=" << *n.id;
    for (const auto& a : n.addresses) out << "  " << a;
    for (const auto& a : n.attributes) out << "  " << pair(a);
    out << '\n';
  }
  out << "channels (" << c.channels.size() << ")\n";
  for (const auto& ch : c.channels) {
    out << "  " << model::to_string(ch.kind);
    if (!ch.node.empty()) out << " node=" << ch.node;
    if (!ch.interface.empty()) out << " " << ch.interface;
    if (!ch.address.empty()) out << " " << ch.address;
    if (!ch.device.empty()) out << " " << ch.device;
    if (ch.port) out << " port=" << *ch.port;
    out << '\n';
  }
  out << "timing  keepalive=" << ms(c.timing.keepalive_ms) << " warn=" << ms(c.timing.warn_ms)
      << " dead=" << ms(c.timing.dead_ms) << " initdead=" << ms(c.timing.initial_dead_ms) << '\n';
  if (!c.auth.empty()) {
    out << "authentication";
    if (const auto* k = c.auth.active_key()) out << "  active key " << k->number << " (" << k->method << ")";
    out << "  " << c.auth.keys.size() << " key(s)\n";
  }

  std::set<std::string> grouped;
  out << "groups (" << c.groups.size() << ")\n";
  const model::ResourceIndex by_id(c);
  for (const auto& g : c.groups) {
    const auto& p = g.policy;
    out << "  " << g.id << "  " << model::to_string(p.mode) << ", failback "
        << model::to_string(p.failback) << ", domain";
    for (const auto& n : p.domain) out << " " << n;
    if (p.local_restarts) out << ", " << *p.local_restarts << " local restart(s)";
    if (p.in_place_recovery) out << ", in-place recovery";
    if (p.auto_recovery) out << ", auto recovery";
    if (p.initially_disabled) out << ", disabled";
    out << '\n';
    for (const auto& m : g.members) {
      grouped.insert(m);
      if (const auto* r = by_id.find(m)) print_resource(*r, out, "    ");
    }
  }
  std::size_t loose = 0;
  for (const auto& r : c.resources) loose += grouped.count(r.id) ? 0 : 1;
  if (loose) {
    out << "resources outside groups (" << loose << ")\n";
    for (const auto& r : c.resources)
      if (!grouped.count(r.id)) print_resource(r, out, "  ");
  }
  if (!c.constraints.empty()) {
    out << "constraints (" << c.constraints.size() << ")\n";
    for (const auto& k : c.constraints) {
      out << "  " << model::to_string(k.kind) << " " << k.resource;
      if (!k.with.empty()) out << " with " << k.with;
      if (!k.node.empty()) out << " on " << k.node;
      if (!k.score.empty()) out << " score " << k.score;
      out << '\n';
    }
  }
  if (!c.extensions.empty()) out << "product-specific items kept: " << c.extensions.size() << '\n';
}

}  // namespace ocf::cli
