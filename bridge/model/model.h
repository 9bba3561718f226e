// The OCF object model: one product-neutral description of a cluster.
//
// Adapters import a product's native configuration into a Cluster and export
// a Cluster back out. Value types only; no I/O. Every element keeps the
// SourceLocation it came from so that a loss or error can name the line.
//
// Conventions:
//  - Names and order matter: vectors keep the order of the source, and
//    writers keep it too, so that round trips are byte-stable.
//  - Times are milliseconds.
//  - Anything product-specific that the model has no field for is kept as an
//    Extension tagged with its product; writing to the same product restores
//    it, writing to another product reports it as a loss.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bridge/model/diagnostics.h"

namespace ocf::model {

// An ordered name=value pair (resource parameter, meta attribute, node
// attribute, cluster property).
struct Attribute {
  std::string name;
  std::string value;
  SourceLocation origin;
  friend bool operator==(const Attribute& a, const Attribute& b) {
    return a.name == b.name && a.value == b.value;
  }
};

using Attributes = std::vector<Attribute>;

// First attribute named `name`, or nullptr.
const Attribute* find(const Attributes& attributes, std::string_view name);
// Sets (replacing the first of that name) or appends.
void set(Attributes& attributes, std::string name, std::string value,
         SourceLocation origin = {});

// A product-specific item with no model field, carried through so that a
// same-product round trip loses nothing. `product` is an adapter name
// ("heartbeat"), `key` a product term (a directive, a field path), `value`
// its raw text. `scope` names what the item belongs to: empty for the
// cluster, otherwise "node:NAME", "resource:ID", "group:ID".
struct Extension {
  std::string product;
  std::string scope;
  std::string key;
  std::string value;
  SourceLocation origin;
  friend bool operator==(const Extension& a, const Extension& b) {
    return a.product == b.product && a.scope == b.scope && a.key == b.key &&
           a.value == b.value;
  }
};

struct Node {
  std::string name;
  std::optional<std::uint32_t> id;
  std::vector<std::string> addresses;  // host names or IPs, preferred first
  Attributes attributes;               // e.g. weight, hostname
  SourceLocation origin;
  friend bool operator==(const Node& a, const Node& b) {
    return a.name == b.name && a.id == b.id && a.addresses == b.addresses &&
           a.attributes == b.attributes;
  }
};

enum class ChannelKind { kBroadcast, kMulticast, kUnicast, kSerial, kDisk };

std::string_view to_string(ChannelKind kind);
std::optional<ChannelKind> channel_kind_from(std::string_view text);

// A communication (heartbeat) channel.
//  - broadcast: interface
//  - multicast: interface, address = group, port, ttl, loop
//  - unicast:   interface, address = peer IP
//  - serial:    device (e.g. /dev/ttyS0), baud
//  - disk:      device (quorum partition / shared disk)
// `node` is the node the channel belongs to when it is per node (FailSafe
// nics, Kimberlite chans); empty when it applies to every node (heartbeat).
struct Channel {
  ChannelKind kind = ChannelKind::kBroadcast;
  std::string node;
  std::string interface;
  std::string address;
  std::string device;
  std::optional<std::uint32_t> port;
  std::optional<std::uint32_t> ttl;
  std::optional<bool> loop;
  std::optional<std::uint32_t> baud;
  std::optional<std::uint32_t> priority;  // 1 = first choice
  bool heartbeat = true;                  // carries heartbeats
  bool control = true;                    // carries control messages
  Attributes attributes;
  SourceLocation origin;
  friend bool operator==(const Channel& a, const Channel& b) {
    return a.kind == b.kind && a.node == b.node && a.interface == b.interface &&
           a.address == b.address && a.device == b.device && a.port == b.port &&
           a.ttl == b.ttl && a.loop == b.loop && a.baud == b.baud &&
           a.priority == b.priority && a.heartbeat == b.heartbeat &&
           a.control == b.control && a.attributes == b.attributes;
  }
};

// Membership timing, milliseconds.
struct Timing {
  std::optional<std::uint64_t> keepalive_ms;
  std::optional<std::uint64_t> warn_ms;
  std::optional<std::uint64_t> dead_ms;
  std::optional<std::uint64_t> initial_dead_ms;
  // Where each value was read, for losses and diff; not part of equality.
  SourceLocation keepalive_origin;
  SourceLocation warn_origin;
  SourceLocation dead_origin;
  SourceLocation initial_dead_origin;
  friend bool operator==(const Timing& a, const Timing& b) {
    return a.keepalive_ms == b.keepalive_ms && a.warn_ms == b.warn_ms &&
           a.dead_ms == b.dead_ms && a.initial_dead_ms == b.initial_dead_ms;
  }
};

struct AuthKey {
  std::uint32_t number = 0;
  std::string method;  // "crc", "md5", "sha1"
  std::string secret;  // never logged
  SourceLocation origin;
  friend bool operator==(const AuthKey& a, const AuthKey& b) {
    return a.number == b.number && a.method == b.method && a.secret == b.secret;
  }
};

struct Authentication {
  std::optional<std::uint32_t> active;  // the key that signs messages
  std::vector<AuthKey> keys;
  SourceLocation origin;
  bool empty() const { return !active && keys.empty(); }
  const AuthKey* active_key() const;
  friend bool operator==(const Authentication& a, const Authentication& b) {
    return a.active == b.active && a.keys == b.keys;
  }
};

// class:provider:type; provider is empty for classes without one
// ("lsb:nfs-kernel-server", "heartbeat:IPaddr").
struct AgentRef {
  std::string cls;
  std::string provider;
  std::string type;
  std::string to_string() const;
  static std::optional<AgentRef> parse(std::string_view text);
  friend bool operator==(const AgentRef&, const AgentRef&) = default;
};

struct Operation {
  std::string name;  // start, stop, monitor, ...
  std::optional<std::uint64_t> interval_ms;
  std::optional<std::uint64_t> timeout_ms;
  Attributes attributes;  // start-delay, depth, ...
  SourceLocation origin;
  friend bool operator==(const Operation& a, const Operation& b) {
    return a.name == b.name && a.interval_ms == b.interval_ms &&
           a.timeout_ms == b.timeout_ms && a.attributes == b.attributes;
  }
};

struct Resource {
  std::string id;  // unique in the cluster
  AgentRef agent;
  Attributes params;  // in order
  std::vector<Operation> operations;
  Attributes meta;
  SourceLocation origin;
  friend bool operator==(const Resource& a, const Resource& b) {
    return a.id == b.id && a.agent == b.agent && a.params == b.params &&
           a.operations == b.operations && a.meta == b.meta;
  }
};

enum class PlacementMode { kOrdered, kRoundRobin };
enum class Failback { kAutomatic, kManual };

std::string_view to_string(PlacementMode mode);
std::string_view to_string(Failback failback);

struct FailoverPolicy {
  std::string name;                 // empty when the product has no name
  std::vector<std::string> domain;  // ordered node names, preferred first
  PlacementMode mode = PlacementMode::kOrdered;
  Failback failback = Failback::kAutomatic;
  std::optional<std::uint32_t> local_restarts;  // restarts before failover
  bool in_place_recovery = false;   // after a full restart, last owner
  bool auto_recovery = false;       // after a full restart, any domain node
  bool initially_disabled = false;
  Attributes attributes;            // further policy flags, passed through
  SourceLocation origin;
  friend bool operator==(const FailoverPolicy& a, const FailoverPolicy& b) {
    return a.name == b.name && a.domain == b.domain && a.mode == b.mode &&
           a.failback == b.failback && a.local_restarts == b.local_restarts &&
           a.in_place_recovery == b.in_place_recovery &&
           a.auto_recovery == b.auto_recovery &&
           a.initially_disabled == b.initially_disabled &&
           a.attributes == b.attributes;
  }
};

struct ResourceGroup {
  std::string id;
  std::vector<std::string> members;  // resource ids, start order
  FailoverPolicy policy;
  Attributes meta;
  SourceLocation origin;
  friend bool operator==(const ResourceGroup& a, const ResourceGroup& b) {
    return a.id == b.id && a.members == b.members && a.policy == b.policy &&
           a.meta == b.meta;
  }
};

enum class ConstraintKind { kLocation, kOrder, kColocation };

std::string_view to_string(ConstraintKind kind);
std::optional<ConstraintKind> constraint_kind_from(std::string_view text);

// location: resource on node with score; order: resource (first) before
// with (then); colocation: resource together with `with`.
struct Constraint {
  ConstraintKind kind = ConstraintKind::kLocation;
  std::string id;
  std::string resource;  // resource or group id
  std::string with;      // order/colocation partner
  std::string node;      // location
  std::string score;     // integer, "INFINITY" or "-INFINITY"
  SourceLocation origin;
  friend bool operator==(const Constraint& a, const Constraint& b) {
    return a.kind == b.kind && a.id == b.id && a.resource == b.resource &&
           a.with == b.with && a.node == b.node && a.score == b.score;
  }
};

struct Cluster {
  std::string name;
  Attributes properties;
  std::vector<Node> nodes;
  std::vector<Channel> channels;
  Timing timing;
  Authentication auth;
  std::vector<Resource> resources;
  std::vector<ResourceGroup> groups;
  std::vector<Constraint> constraints;
  std::vector<Extension> extensions;

  const Node* find_node(std::string_view name) const;
  const Resource* find_resource(std::string_view id) const;
  Resource* find_resource(std::string_view id);
  const ResourceGroup* find_group(std::string_view id) const;
  // Extensions of one product, in order.
  std::vector<const Extension*> extensions_of(std::string_view product) const;

  friend bool operator==(const Cluster& a, const Cluster& b) {
    return a.name == b.name && a.properties == b.properties &&
           a.nodes == b.nodes && a.channels == b.channels &&
           a.timing == b.timing && a.auth == b.auth &&
           a.resources == b.resources && a.groups == b.groups &&
           a.constraints == b.constraints && a.extensions == b.extensions;
  }
};

// Resources of a cluster by id, for code that looks up many:
// Cluster::find_resource is a linear search, and a group-by-group walk over
// 10,000 resources with it is quadratic. Valid while the cluster's resource
// vector is not changed.
class ResourceIndex {
 public:
  explicit ResourceIndex(const Cluster& cluster);
  const Resource* find(std::string_view id) const;

 private:
  std::unordered_map<std::string_view, const Resource*> by_id_;
};

// Structural checks that every adapter relies on: unique node names,
// resource ids and group ids; group members and domains naming existing
// resources and nodes; constraints naming existing things; auth active key
// present. Reports errors (code "model.*") at the elements' origins.
void check(const Cluster& cluster, Diagnostics& diagnostics);

}  // namespace ocf::model
