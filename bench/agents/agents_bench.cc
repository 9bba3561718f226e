// agents_bench: what the bridge adds to running a resource script.
//
// 1. A monitor action through the bridge (Runner alone, and the heartbeat
//    and OCF kinds, which add status-text parsing / environment building)
//    against the same script run directly: fork + execve + a pipe for
//    stdout + waitpid in this process. Prints mean per call, the ratio and
//    the time added per call (target: < 1 ms).
// 2. 64 concurrent actions from one bridge thread (one io_context) against
//    64 direct runs started at once (fork/exec all, then read and reap):
//    actions per second of each (target: no loss).
//
// Usage: agents_bench [iterations=300] [rounds=10]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/runner.h"

namespace {

using Clock = std::chrono::steady_clock;
using ocf::agents::Runner;
using ocf::agents::RunRequest;
using ocf::agents::RunResult;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Direct {
  pid_t pid;
  int out;
};

// The baseline: what any product does to run a script.
Direct start_direct(const std::string& program, const std::vector<std::string>& args) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) std::abort();
  std::vector<char*> argv;
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  char* envp[] = {path_env, nullptr};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(p[1], 1);
    ::execve(program.c_str(), argv.data(), envp);
    ::_exit(127);
  }
  ::close(p[1]);
  return {pid, p[0]};
}

std::string finish_direct(Direct d) {
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(d.out, buffer, sizeof buffer)) > 0;) out.append(buffer, n);
  ::close(d.out);
  int status = 0;
  ::waitpid(d.pid, &status, 0);
  return out;
}

std::filesystem::path write_script(const std::filesystem::path& dir, const std::string& body) {
  auto path = dir / "monitor.sh";
  std::ofstream(path) << "#!/bin/sh\n" << body;
  std::filesystem::permissions(path, std::filesystem::perms(0755));
  return path;
}

struct Pair {
  double direct = 0, bridged = 0;  // mean ms per call
};

// Alternates one direct call and one bridged call, so the load of a shared
// machine weighs on both alike.
template <typename D, typename B>
Pair interleaved(int iterations, D&& direct, B&& bridged) {
  for (int i = 0; i < 10; ++i) direct(), bridged();  // warm the page cache
  Pair total;
  for (int i = 0; i < iterations; ++i) {
    auto t0 = Clock::now();
    direct();
    total.direct += ms_since(t0);
    auto t1 = Clock::now();
    bridged();
    total.bridged += ms_since(t1);
  }
  return {total.direct / iterations, total.bridged / iterations};
}

void compare(const char* what, const char* baseline, Pair p) {
  std::printf("  %-30s %7.3f ms/call vs %-22s %7.3f ms/call  ratio %5.2f  added %+7.3f ms/call\n",
              what, p.bridged, baseline, p.direct, p.bridged / p.direct, p.bridged - p.direct);
}

// The same direct run with posix_spawn (what the runner itself uses), to
// show the runner's own cost apart from fork's.
std::string spawn_direct(const std::string& program, const std::vector<std::string>& args) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) std::abort();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, p[1], 1);
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  char* envp[] = {path_env, nullptr};
  pid_t pid = 0;
  ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  ::close(p[1]);
  return finish_direct({pid, p[0]});
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 300;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 10;
  char pattern[] = "/tmp/ocfbridge-bench-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(pattern);
  std::string state = (dir / "state").string();
  std::ofstream(state) << "x";
  auto script = write_script(
      dir, "if [ -f \"$1\" ]; then echo running; exit 0; else echo stopped; exit 7; fi\n");
  std::vector<std::string> args{state, "status"};

  std::printf("monitor of a small /bin/sh script, %d calls each, interleaved\n", iterations);
  RunRequest request;
  request.program = script;
  request.args = args;
  auto fork_exec = [&] { finish_direct(start_direct(script, args)); };
  auto spawn = [&] { spawn_direct(script, args); };
  compare("bridge runner", "direct fork/exec", interleaved(iterations, fork_exec, [&] { Runner::run(request); }));
  compare("bridge runner", "direct posix_spawn", interleaved(iterations, spawn, [&] { Runner::run(request); }));

  ocf::agents::AgentSpec hb;
  hb.kind = "heartbeat";
  hb.script = script;
  ocf::agents::ParamInfo state_param;
  state_param.name = "state";
  hb.params = {state_param};
  std::string error;
  auto heartbeat = ocf::agents::make_agent_kind(hb, error);
  ocf::agents::Params params{{"state", state}};
  compare("heartbeat kind monitor", "direct fork/exec", interleaved(iterations, fork_exec, [&] {
            heartbeat->run("monitor", params, std::chrono::seconds(20));
          }));

  ocf::agents::AgentSpec ocf_spec = hb;
  ocf_spec.kind = "ocf";
  auto ocf_script = dir / "agent.sh";
  std::ofstream(ocf_script) << "#!/bin/sh\n[ -f \"$OCF_RESKEY_state\" ] && exit 0\nexit 7\n";
  std::filesystem::permissions(ocf_script, std::filesystem::perms(0755));
  ocf_spec.script = ocf_script;
  auto ocf = ocf::agents::make_agent_kind(ocf_spec, error);
  compare("ocf kind monitor", "direct fork/exec", interleaved(iterations, [&] {
            finish_direct(start_direct(ocf_script, {"monitor"}));
          }, [&] { ocf->run("monitor", params, std::chrono::seconds(20)); }));

  std::printf("\n64 concurrent monitors per round, %d rounds, rounds interleaved\n", rounds);
  boost::asio::io_context io;
  Runner runner(io);
  int completed = 0;
  double direct_ms = 0, bridge_ms = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = Clock::now();
    std::vector<Direct> running;
    for (int i = 0; i < 64; ++i) running.push_back(start_direct(script, args));
    for (auto& d : running) finish_direct(d);
    direct_ms += ms_since(t0);
    auto t1 = Clock::now();
    for (int i = 0; i < 64; ++i) runner.async_run(request, [&](RunResult) { ++completed; });
    io.run();
    io.restart();
    bridge_ms += ms_since(t1);
  }
  double direct_rate = 64.0 * rounds / (direct_ms / 1000), bridge_rate = 64.0 * rounds / (bridge_ms / 1000);
  std::printf("  %-36s %8.0f actions/s\n", "direct: fork/exec 64, then reap", direct_rate);
  std::printf("  %-36s %8.0f actions/s  (%.2f x direct; %d of %d completed)\n",
              "bridge: one thread, one io_context", bridge_rate, bridge_rate / direct_rate, completed,
              64 * rounds);

  std::filesystem::remove_all(dir);
  return 0;
}
