// Converts a generated heartbeat configuration (10,000 resources in 2,500
// haresources lines) to OCF XML and back in-process, through the adapter
// registry ("heartbeat" and "ocf-xml"), and prints the wall time of each
// step, the total and the peak resident memory. Target: under 100 ms and
// 64 MiB for the whole round trip on one core.
//
//   heartbeat_roundtrip_bench [LINES] [REPEAT]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"
#include "bridge/model/model.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;


// Four resources per line: the IP shorthand, Filesystem, apache, MailTo.
void generate(ocf::io::MemoryEnv& env, const fs::path& dir, int lines) {
  std::string hacf =
      "logfacility local0\nkeepalive 1\ndeadtime 10\ninitdead 30\nudpport 694\n"
      "bcast eth0\nnode node1 node2 node3 node4\nauto_failback on\n";
  std::string haresources = "# generated\n";
  for (int i = 0; i < lines; ++i) {
    std::string n = std::to_string(i);
    haresources += "node" + std::to_string(i % 4 + 1) + " 10." + std::to_string(i / 250 % 256) +
                   "." + std::to_string(i % 250) + ".1/24/eth0 Filesystem::/dev/vg0/lv" + n +
                   "::/srv/s" + n + "::ext4 apache::/etc/apache2/s" + n +
                   ".conf MailTo::ops@example.com::s" + n + "\n";
  }
  env.add(dir / "ha.cf", hacf);
  env.add(dir / "haresources", haresources);
  env.add(dir / "authkeys", "auth 1\n1 sha1 bench-secret\n");
}

double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 + usage.ru_stime.tv_sec * 1e3 +
         usage.ru_stime.tv_usec / 1e3;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

void fail(const char* step, const ocf::model::Diagnostics& d) {
  std::fprintf(stderr, "%s failed\n", step);
  for (const auto& e : d.entries())
    if (e.severity == ocf::model::Severity::kError) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  int lines = argc > 1 ? std::atoi(argv[1]) : 2500;
  int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  const auto& registry = ocf::adapter::Registry::instance();
  const auto* heartbeat = registry.find("heartbeat");
  const auto* xml = registry.find("ocf-xml");
  if (!heartbeat || !xml) {
    std::fprintf(stderr, "adapters heartbeat and ocf-xml must be linked\n");
    return 1;
  }
  ocf::io::MemoryEnv env;
  fs::path lua = OCFBRIDGE_LUA_DIR;
  env.add_tree(lua);
  const fs::path dir = "/bench/ha.d";
  generate(env, dir, lines);

  std::printf("heartbeat -> ocf-xml -> heartbeat, %d haresources lines\n", lines);
  for (int run = 0; run < repeat; ++run) {
    ocf::adapter::Context context(env, {lua});  // fresh: Lua loads every run
    ocf::model::Diagnostics d;
    auto t0 = Clock::now();
    double cpu0 = cpu_ms();
    auto model = heartbeat->read(dir, context, d);
    if (!model) fail("heartbeat read", d);
    double t_read = ms_since(t0);
    double c_read = cpu_ms() - cpu0;
    auto t1 = Clock::now();
    auto xml_out = xml->write(*model, context, d);
    if (!xml_out) fail("ocf-xml write", d);
    double t_xml_write = ms_since(t1);
    double c_xml = cpu_ms() - cpu0 - c_read;
    ocf::io::MemoryEnv xml_env;
    xml_env.add("/bench/cluster.xml", xml_out->files.at(0).contents);
    ocf::adapter::Context xml_context(xml_env, {});
    auto t2 = Clock::now();
    auto back = xml->read("/bench/cluster.xml", xml_context, d);
    if (!back) fail("ocf-xml read", d);
    double t_xml_read = ms_since(t2);
    double c_xml_read = cpu_ms() - cpu0 - c_read - c_xml;
    auto t3 = Clock::now();
    double cpu3 = cpu_ms();
    auto hb_out = heartbeat->write(*back, context, d);
    if (!hb_out) fail("heartbeat write", d);
    double t_write = ms_since(t3);
    double c_write = cpu_ms() - cpu3;
    double total = ms_since(t0);
    double cpu = cpu_ms() - cpu0;
    bool same = hb_out->find("haresources")->contents == [&] {
      std::string s;
      ocf::io::IoError e;
      env.read_file(dir / "haresources", s, e);
      return s;
    }();
    std::printf(
        "run %d: %zu resources, %zu groups, %zu bytes of XML, %zu losses, haresources %s\n"
        "  wall ms: heartbeat read %.1f, ocf-xml write %.1f, ocf-xml read %.1f, heartbeat write "
        "%.1f; total %.1f\n"
        "  CPU ms:  heartbeat read %.1f, ocf-xml write %.1f, ocf-xml read %.1f, heartbeat write "
        "%.1f; total %.1f\n",
        run + 1, model->resources.size(), model->groups.size(),
        xml_out->files.at(0).contents.size(), d.count(ocf::model::Severity::kLoss),
        same ? "identical" : "DIFFERENT", t_read, t_xml_write, t_xml_read, t_write, total, c_read,
        c_xml, c_xml_read, c_write, cpu);
  }
  std::printf("peak RSS %.1f MiB\n", peak_rss_kib() / 1024.0);
  return 0;
}
