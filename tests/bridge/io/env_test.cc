// commit(): all-or-nothing output with the requested modes.
#include "bridge/io/env.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace ocf::io {
namespace {

namespace fs = std::filesystem;

class CommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocfbridge-io-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static unsigned mode_of(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }
  fs::path dir_;
};

TEST_F(CommitTest, WritesADirectoryWithPerFileModes) {
  Output out{true, {{"ha.cf", "node a\n", 0644}, {"authkeys", "auth 1\n1 crc\n", 0600}}};
  IoError error;
  ASSERT_TRUE(commit(out, dir_ / "ha.d", error)) << error.message;
  EXPECT_EQ(read(dir_ / "ha.d" / "ha.cf"), "node a\n");
  EXPECT_EQ(mode_of(dir_ / "ha.d" / "authkeys"), 0600u);
  EXPECT_EQ(mode_of(dir_ / "ha.d" / "ha.cf"), 0644u);
  // No temporaries are left beside the files.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "ha.d")) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST_F(CommitTest, ReplacesAnExistingFileAtomically) {
  { std::ofstream(dir_ / "out.xml") << "old"; }
  Output out{false, {{"", "new", 0644}}};
  IoError error;
  ASSERT_TRUE(commit(out, dir_ / "out.xml", error));
  EXPECT_EQ(read(dir_ / "out.xml"), "new");
}

TEST_F(CommitTest, AFailureLeavesNoPartialOutputAndNoCreatedDirectory) {
  // The second file cannot be written (its name is a path into a missing
  // directory), so the first must not appear either.
  Output out{true, {{"ha.cf", "node a\n", 0644}, {"missing/authkeys", "x", 0600}}};
  IoError error;
  EXPECT_FALSE(commit(out, dir_ / "ha.d", error));
  EXPECT_FALSE(error.message.empty());
  EXPECT_FALSE(fs::exists(dir_ / "ha.d"));
}

TEST_F(CommitTest, RefusesToWriteADirectoryOverAFile) {
  { std::ofstream(dir_ / "plain") << "x"; }
  Output out{true, {{"ha.cf", "", 0644}}};
  IoError error;
  EXPECT_FALSE(commit(out, dir_ / "plain", error));
  EXPECT_EQ(read(dir_ / "plain"), "x");
}

TEST(MemoryEnv, ReadsWhatWasAddedAndListsADirectory) {
  MemoryEnv env;
  env.add("/etc/ha.d/ha.cf", "node a\n");
  env.add("/etc/ha.d/authkeys", "auth 1\n");
  std::string text;
  IoError error;
  ASSERT_TRUE(env.read_file("/etc/ha.d/ha.cf", text, error));
  EXPECT_EQ(text, "node a\n");
  EXPECT_FALSE(env.read_file("/etc/ha.d/haresources", text, error));
  EXPECT_TRUE(env.is_directory("/etc/ha.d"));
  EXPECT_EQ(env.list_files("/etc/ha.d"), (std::vector<std::string>{"authkeys", "ha.cf"}));
}

}  // namespace
}  // namespace ocf::io
