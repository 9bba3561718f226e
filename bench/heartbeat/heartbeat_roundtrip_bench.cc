// Converts a generated heartbeat configuration (10,000 resources in 2,500
// haresources lines) to OCF XML and back in-process, through the adapter
// registry ("heartbeat" and "ocf-xml"), and prints the wall time of each
// step, the total and the peak resident memory. Target: under 100 ms and
// 64 MiB for the whole round trip on one core.
//
//   heartbeat_roundtrip_bench [LINES] [REPEAT] [STEP]
//
// After the runs it prints the best and the median of each step (this is a
// shared machine: the best run is the one least disturbed), and, as a yard
// stick that moves with the machine, libxml2 alone checking the run's XML
// the way `xmllint --stream --relaxng` does (parse and RELAX NG validation
// in one streaming pass), timed in this process right after each run; the
// round trip is given as a multiple of that. With STEP
// (heartbeat-read, ocf-xml-write, ocf-xml-read or heartbeat-write) the round
// trip runs once and then only that step is repeated REPEAT times, for a
// profiler.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/stats.h"
#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"
#include "bridge/model/model.h"
#include "bridge/xml/schema.h"

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

struct Times {
  double step[4] = {0, 0, 0, 0};
  double total = 0;
};

const char* const kSteps[4] = {"heartbeat-read", "ocf-xml-write", "ocf-xml-read",
                               "heartbeat-write"};

using ocf::bench::best;
using ocf::bench::median;

}  // namespace

int main(int argc, char** argv) {
  int lines = argc > 1 ? std::atoi(argv[1]) : 2500;
  int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::string focus = argc > 3 ? argv[3] : "";
  if (!focus.empty() && std::find(std::begin(kSteps), std::end(kSteps), focus) == std::end(kSteps)) {
    std::fprintf(stderr, "unknown step %s\n", focus.c_str());
    return 2;
  }
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
  std::vector<Times> wall, cpu;
  std::vector<double> yard, ratio;  // libxml2 alone, and the round trip over it
  std::size_t xml_bytes = 0;
  int runs = focus.empty() ? repeat : 1;
  for (int run = 0; run < runs; ++run) {
    ocf::adapter::Context context(env, {lua});  // fresh: Lua loads every run
    ocf::model::Diagnostics d;
    Times w, c;
    auto t0 = Clock::now();
    double cpu0 = cpu_ms();
    auto t = t0;
    double tc = cpu0;
    auto restart = [&] {
      t = Clock::now();
      tc = cpu_ms();
    };
    auto lap = [&](int step) {
      w.step[step] = ms_since(t);
      c.step[step] = cpu_ms() - tc;
      restart();
    };
    auto model = heartbeat->read(dir, context, d);
    if (!model) fail("heartbeat read", d);
    lap(0);
    auto xml_out = xml->write(*model, context, d);
    if (!xml_out) fail("ocf-xml write", d);
    lap(1);
    ocf::io::MemoryEnv xml_env;
    xml_env.add("/bench/cluster.xml", xml_out->files.at(0).contents);
    ocf::adapter::Context xml_context(xml_env, {});
    restart();
    auto back = xml->read("/bench/cluster.xml", xml_context, d);
    if (!back) fail("ocf-xml read", d);
    lap(2);
    auto hb_out = heartbeat->write(*back, context, d);
    if (!hb_out) fail("heartbeat write", d);
    lap(3);
    w.total = w.step[0] + w.step[1] + w.step[2] + w.step[3];
    c.total = c.step[0] + c.step[1] + c.step[2] + c.step[3];
    {
      // The yard stick, right after the run so that both see the machine alike.
      ocf::model::Diagnostics dd;
      const std::string& text = xml_out->files.at(0).contents;
      auto t = Clock::now();
      if (!ocf::xml::validate_ocf_xml(text, "cluster.xml", dd)) fail("libxml2 check", dd);
      yard.push_back(ms_since(t));
      ratio.push_back(w.total / yard.back());
      xml_bytes = text.size();
    }
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
        same ? "identical" : "DIFFERENT", w.step[0], w.step[1], w.step[2], w.step[3], w.total,
        c.step[0], c.step[1], c.step[2], c.step[3], c.total);
    wall.push_back(w);
    cpu.push_back(c);
    if (!focus.empty()) {
      // Only the chosen step, again and again, for a profiler.
      std::vector<double> each;
      for (int i = 0; i < repeat; ++i) {
        auto t = Clock::now();
        ocf::model::Diagnostics dd;
        if (focus == kSteps[0]) heartbeat->read(dir, context, dd);
        if (focus == kSteps[1]) xml->write(*model, context, dd);
        if (focus == kSteps[2]) xml->read("/bench/cluster.xml", xml_context, dd);
        if (focus == kSteps[3]) heartbeat->write(*back, context, dd);
        each.push_back(ms_since(t));
      }
      std::printf("%s alone, %d times: best %.1f ms, median %.1f ms\n", focus.c_str(), repeat,
                  best(each), median(each));
    }
  }
  auto column = [](const std::vector<Times>& v, int step) {
    std::vector<double> out;
    for (const auto& t : v) out.push_back(step < 0 ? t.total : t.step[step]);
    return out;
  };
  for (const auto* name : {"wall", "CPU"}) {
    const auto& v = std::string(name) == "wall" ? wall : cpu;
    std::printf("%-4s ms over %d runs, best / median:", name, runs);
    for (int step = 0; step < 4; ++step)
      std::printf(" %s %.1f / %.1f,", kSteps[step], best(column(v, step)),
                  median(column(v, step)));
    std::printf(" total %.1f / %.1f\n", best(column(v, -1)), median(column(v, -1)));
  }
  std::printf("peak RSS %.1f MiB\n", peak_rss_kib() / 1024.0);
  std::printf(
      "yard stick, libxml2 streaming parse + RELAX NG check of the run's %zu bytes of XML, "
      "timed right after each run: best %.1f ms, median %.1f ms; round trip / yard stick: best "
      "%.2f, median %.2f\n",
      xml_bytes, best(yard), median(yard), best(ratio), median(ratio));
  return 0;
}
