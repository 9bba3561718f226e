// The README's quirk examples, run exactly as written there: each
// `cat > site/ADAPTER/FILE.lua <<'LUA'` block is extracted from README.md,
// written to a temporary `site/` directory, and handed to ocfbridge with
// --quirks. Proves that an operator's Lua file changes a mapping without a
// rebuild, and that a quirk file that fails is named with its line.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

const fs::path kSource = OCFBRIDGE_SOURCE_DIR;
const fs::path kBinary = fs::path(OCFBRIDGE_BINARY_DIR) / "bridge/cli/ocfbridge";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Run {
  int exit_code = -1;
  std::string err;
};

// Runs ocfbridge with argv (no shell); stdout is discarded, stderr kept.
Run ocfbridge(std::vector<std::string> args, const fs::path& scratch) {
  std::string err_path = (scratch / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  args.insert(args.begin(), kBinary.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  Run run;
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  run.err = slurp(err_path);
  return run;
}

// "heartbeat/acme.lua" -> its Lua text, from the README's heredocs (the
// README indents code blocks by four spaces).
std::map<std::string, std::string> readme_quirk_files() {
  std::map<std::string, std::string> files;
  std::ifstream in(kSource / "README.md");
  std::regex start(R"(^    cat > site/([a-z]+/[A-Za-z0-9_-]+\.lua) <<'LUA'$)");
  std::string line, current, text;
  while (std::getline(in, line)) {
    std::smatch m;
    if (current.empty() && std::regex_match(line, m, start)) {
      current = m[1];
      text.clear();
    } else if (!current.empty() && line == "    LUA") {
      files[current] = text;
      current.clear();
    } else if (!current.empty()) {
      text += (line.rfind("    ", 0) == 0 ? line.substr(4) : line) + "\n";
    }
  }
  return files;
}

class Readme : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocfbridge-readme-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
    auto files = readme_quirk_files();
    ASSERT_TRUE(files.count("heartbeat/acme.lua")) << "README lost its heartbeat example";
    ASSERT_TRUE(files.count("failsafe/webapp.lua")) << "README lost its FailSafe example";
    for (const auto& [name, text] : files) {
      fs::create_directories((tmp_ / "site" / name).parent_path());
      std::ofstream(tmp_ / "site" / name) << text;
    }
  }
  void TearDown() override { fs::remove_all(tmp_); }

  // Converts to OCF XML, with or without the README's quirks.
  std::string to_xml(const std::string& from, const fs::path& input, bool quirks) {
    fs::path out = tmp_ / (quirks ? "with.xml" : "without.xml");
    std::vector<std::string> args = {"convert"};
    if (quirks) args.insert(args.end(), {"--quirks", (tmp_ / "site").string()});
    args.insert(args.end(), {"--from", from, "--to", "ocf-xml", input.string(), "-o", out.string()});
    auto r = ocfbridge(args, tmp_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return slurp(out);
  }

  fs::path tmp_;
};

TEST_F(Readme, HeartbeatSiteScriptBecomesTheOcfAgentTheQuirkNames) {
  fs::path dir = tmp_ / "ha.d";
  fs::create_directories(dir);
  std::ofstream(dir / "ha.cf") << "bcast lo\nnode alpha\nnode beta\nauto_failback on\n";
  std::ofstream(dir / "haresources") << "alpha 10.0.0.5 acme-db::prod::5432\n";
  std::ofstream(dir / "authkeys") << "auth 1\n1 sha1 readme-test\n";
  fs::permissions(dir / "authkeys", fs::perms::owner_read | fs::perms::owner_write);

  std::string with = to_xml("heartbeat", dir, true);
  EXPECT_NE(with.find(R"(class="ocf" provider="acme" type="db")"), std::string::npos) << with;
  EXPECT_NE(with.find(R"(<param name="instance" value="prod" />)"), std::string::npos) << with;
  EXPECT_NE(with.find(R"(<param name="port" value="5432" />)"), std::string::npos) << with;

  std::string without = to_xml("heartbeat", dir, false);
  EXPECT_EQ(without.find(R"(provider="acme")"), std::string::npos) << without;
}

TEST_F(Readme, FailSafeSiteTypeBecomesTheOcfAgentTheQuirkNames) {
  fs::path input = kSource / "tests/fixtures/failsafe/web-three-node.cmgr";
  std::string with = to_xml("failsafe", input, true);
  EXPECT_NE(with.find(R"(class="ocf" provider="acme" type="webapp")"), std::string::npos) << with;
  EXPECT_NE(with.find(R"(<param name="instance" value="shop" />)"), std::string::npos) << with;
  EXPECT_NE(with.find(R"(<param name="port" value="8443" />)"), std::string::npos) << with;

  std::string without = to_xml("failsafe", input, false);
  EXPECT_EQ(without.find(R"(provider="acme")"), std::string::npos) << without;
}

TEST_F(Readme, AQuirkFileThatFailsIsNamedWithItsLine) {
  fs::path broken = tmp_ / "site/heartbeat/acme.lua";
  std::ofstream(broken) << "-- a site table\nreturn {\n  resource_d = error('acme table unfinished'),\n}\n";
  auto r = ocfbridge({"validate", "--quirks", (tmp_ / "site").string(), "--from", "heartbeat",
                      (kSource / "tests/fixtures/heartbeat/example").string()},
                     tmp_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("acme.lua:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("acme table unfinished"), std::string::npos) << r.err;
}

}  // namespace
