// A hand-built model with every field of every model type populated, for
// the OCF XML tests, and a file reader they share.
#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "bridge/model/model.h"

namespace ocf::model {
// Readable SourceLocations in test failures.
inline void PrintTo(const SourceLocation& where, std::ostream* os) {
  *os << (where.known() ? where.to_string() : "(unknown)") << " [line " << where.line
      << ", column " << where.column << "]";
}
}  // namespace ocf::model

namespace ocf::xml::testing {

// The bytes of a file ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline model::Cluster full_model() {
  using namespace model;
  Cluster c;
  c.name = "web & db";
  c.properties = {{"no-quorum-policy", "stop", {}}, {"note", "quotes \" and <tags>", {}}};

  Node alpha{"alpha", 1, {"10.0.0.1", "alpha.example.com"}, {{"weight", "100", {}}}, {}};
  Node beta{"beta", std::nullopt, {"10.0.0.2"}, {}, {}};
  Node gamma{"gamma", 4294967295u, {}, {{"hostname", "gamma.example.com", {}}}, {}};
  c.nodes = {alpha, beta, gamma};

  Channel bcast;
  bcast.kind = ChannelKind::kBroadcast;
  bcast.interface = "eth0";
  Channel mcast;
  mcast.kind = ChannelKind::kMulticast;
  mcast.interface = "eth1";
  mcast.address = "225.0.0.1";
  mcast.port = 694;
  mcast.ttl = 1;
  mcast.loop = false;
  mcast.priority = 2;
  Channel ucast;
  ucast.kind = ChannelKind::kUnicast;
  ucast.node = "alpha";
  ucast.interface = "eth2";
  ucast.address = "10.0.1.2";
  ucast.control = false;
  ucast.attributes = {{"netmask", "255.255.255.0", {}}};
  Channel serial;
  serial.kind = ChannelKind::kSerial;
  serial.device = "/dev/ttyS0";
  serial.baud = 19200;
  serial.loop = true;
  Channel disk;
  disk.kind = ChannelKind::kDisk;
  disk.node = "beta";
  disk.device = "/dev/sdb1";
  disk.heartbeat = false;
  c.channels = {bcast, mcast, ucast, serial, disk};

  c.timing.keepalive_ms = 2000;
  c.timing.warn_ms = 10000;
  c.timing.dead_ms = 30000;
  c.timing.initial_dead_ms = 120000;

  c.auth.active = 2;
  c.auth.keys = {{1, "crc", "", {}}, {2, "sha1", "hunter2-secret-key", {}}, {3, "md5", "m&d<5>", {}}};

  Resource ip;
  ip.id = "ip";
  ip.agent = {"ocf", "heartbeat", "IPaddr2"};
  ip.params = {{"ip", "10.0.0.10", {}}, {"cidr_netmask", "24", {}}, {"nic", "eth0", {}}};
  ip.operations = {{"monitor", 10000, 20000, {{"depth", "0", {}}}, {}},
                   {"start", std::nullopt, 60000, {}, {}},
                   {"stop", std::nullopt, std::nullopt, {}, {}}};
  ip.meta = {{"target-role", "Started", {}}};
  Resource fs;
  fs.id = "fs";
  fs.agent = {"ocf", "heartbeat", "Filesystem"};
  fs.params = {{"device", "/dev/sdc1", {}}, {"directory", "/srv/data", {}}, {"options", "", {}}};
  Resource app;
  app.id = "app";
  app.agent = {"lsb", "", "apache2"};
  Resource mail;
  mail.id = "mail";
  mail.agent = {"heartbeat", "", "MailTo"};
  mail.params = {{"1", "ops@example.com", {}}, {"2", "line one\nline\ttwo", {}}};
  c.resources = {ip, fs, app, mail};

  ResourceGroup web;
  web.id = "web";
  web.members = {"ip", "fs", "app"};
  web.policy.name = "web-policy";
  web.policy.domain = {"alpha", "beta", "gamma"};
  web.policy.mode = PlacementMode::kOrdered;
  web.policy.failback = Failback::kManual;
  web.policy.local_restarts = 2;
  web.policy.in_place_recovery = true;
  web.policy.attributes = {{"Controlled_Failback", "true", {}}};
  web.meta = {{"resource-stickiness", "100", {}}};
  ResourceGroup notify;
  notify.id = "notify";
  notify.members = {"mail"};
  notify.policy.domain = {"beta", "alpha"};
  notify.policy.mode = PlacementMode::kRoundRobin;
  notify.policy.auto_recovery = true;
  notify.policy.initially_disabled = true;
  ResourceGroup empty;
  empty.id = "spare";
  c.groups = {web, notify, empty};

  Constraint prefer{ConstraintKind::kLocation, "web-on-alpha", "web", "", "alpha", "INFINITY", {}};
  Constraint avoid{ConstraintKind::kLocation, "", "notify", "", "gamma", "-INFINITY", {}};
  Constraint order{ConstraintKind::kOrder, "web-then-notify", "web", "notify", "", "", {}};
  Constraint together{ConstraintKind::kColocation, "mail-with-ip", "mail", "ip", "", "-200", {}};
  c.constraints = {prefer, avoid, order, together};

  c.extensions = {{"heartbeat", "", "respawn", "hacluster /usr/lib/heartbeat/ipfail", {}},
                  {"failsafe", "resource:fs", "Mount_Options", "rw,noatime", {}},
                  {"kimberlite", "group:web", "relocateOnPreferredNodeBoot", "", {}}};
  return c;
}

}  // namespace ocf::xml::testing
