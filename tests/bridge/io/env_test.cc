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
  // The second file cannot be written (its temporary's name is longer than a
  // file name may be), so the first must not appear either, nor the
  // directories made for them.
  Output out{true, {{"conf/OCF/Dummy/d1", "x", 0644}, {std::string(250, 'a'), "x", 0600}}};
  IoError error;
  EXPECT_FALSE(commit(out, dir_ / "ha.d", error));
  EXPECT_FALSE(error.message.empty());
  EXPECT_FALSE(fs::exists(dir_ / "ha.d"));
}

TEST_F(CommitTest, WritesFilesInSubdirectoriesItCreates) {
  Output out{true,
             {{"haresources", "a OCF::exportfs::home\n", 0644},
              {"conf/OCF/exportfs/home", "OCF_RESKEY_directory=/home\n", 0644},
              {"conf/OCF/Filesystem/data", "OCF_RESKEY_device=/dev/sdb1\n", 0600}}};
  IoError error;
  ASSERT_TRUE(commit(out, dir_ / "ha.d", error)) << error.message;
  EXPECT_EQ(read(dir_ / "ha.d/conf/OCF/exportfs/home"), "OCF_RESKEY_directory=/home\n");
  EXPECT_EQ(mode_of(dir_ / "ha.d/conf/OCF/Filesystem/data"), 0600u);
  EXPECT_EQ(mode_of(dir_ / "ha.d/conf/OCF"), 0755u);
  std::size_t entries = 0;  // no temporaries left in the subdirectory
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "ha.d/conf/OCF/exportfs"))
    ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST_F(CommitTest, AFailureInAnExistingDirectoryRemovesOnlyWhatItCreated) {
  fs::create_directories(dir_ / "ha.d/conf");
  { std::ofstream(dir_ / "ha.d/ha.cf") << "old"; }
  { std::ofstream(dir_ / "ha.d/plain") << "x"; }
  // "plain" is a file, so plain/x cannot be made: nothing changes.
  Output out{true,
             {{"ha.cf", "new", 0644}, {"conf/OCF/a/b", "x", 0644}, {"plain/x", "x", 0644}}};
  IoError error;
  EXPECT_FALSE(commit(out, dir_ / "ha.d", error));
  EXPECT_NE(error.message.find("plain"), std::string::npos) << error.message;
  EXPECT_EQ(read(dir_ / "ha.d/ha.cf"), "old");
  EXPECT_TRUE(fs::is_directory(dir_ / "ha.d/conf"));  // was there before
  EXPECT_FALSE(fs::exists(dir_ / "ha.d/conf/OCF"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "ha.d")) ++entries;
  EXPECT_EQ(entries, 3u);  // ha.cf, plain, conf: no temporaries
}

TEST_F(CommitTest, CreatesATargetGivenWithATrailingSlashOrDotComponents) {
  Output out{true, {{"ha.cf", "x", 0644}}};
  IoError error;
  ASSERT_TRUE(commit(out, dir_.string() + "/new/./ha.d/", error)) << error.message;
  EXPECT_EQ(read(dir_ / "new/ha.d/ha.cf"), "x");
}

TEST_F(CommitTest, RefusesNamesThatLeaveTheTargetBeforeWritingAnything) {
  for (std::string bad : {"../escape", "/etc/passwd", "a//b", "a/./b", "a/", ""}) {
    Output out{true, {{"ha.cf", "x", 0644}, {bad, "x", 0644}}};
    IoError error;
    EXPECT_FALSE(commit(out, dir_ / "ha.d", error)) << bad;
    EXPECT_NE(error.message.find("not a relative path"), std::string::npos) << error.message;
    EXPECT_FALSE(fs::exists(dir_ / "ha.d")) << bad;
  }
  EXPECT_FALSE(fs::exists(dir_ / "escape"));
}

TEST_F(CommitTest, RefusesAFileThatIsAlsoADirectoryOfAnother) {
  Output out{true, {{"conf", "x", 0644}, {"conf/OCF/a/b", "x", 0644}}};
  IoError error;
  EXPECT_FALSE(commit(out, dir_ / "ha.d", error));
  EXPECT_FALSE(fs::exists(dir_ / "ha.d"));
  Output twice{true, {{"a", "x", 0644}, {"a", "y", 0644}}};
  EXPECT_FALSE(commit(twice, dir_ / "ha.d", error));
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

TEST(MemoryEnv, ADirectoryExistsWhenAFileLiesAnyDepthBelowIt) {
  MemoryEnv env;
  env.add("/etc/ha.d/conf/OCF/exportfs/home", "OCF_RESKEY_directory=/home\n");
  EXPECT_TRUE(env.is_directory("/etc/ha.d"));
  EXPECT_TRUE(env.is_directory("/etc/ha.d/conf"));
  EXPECT_TRUE(env.exists("/etc/ha.d/conf/OCF"));
  EXPECT_FALSE(env.is_directory("/etc/ha.d/conf/OCF/exportfs/home"));
  EXPECT_FALSE(env.is_directory("/etc/ha.d/conf/OCF/exp"));
  EXPECT_TRUE(env.list_files("/etc/ha.d").empty());  // files only, not subdirectories
  EXPECT_EQ(env.list_files("/etc/ha.d/conf/OCF/exportfs"), (std::vector<std::string>{"home"}));
}

TEST(MemoryEnv, ASiblingWithALongerNameIsNotInsideADirectory) {
  MemoryEnv env;
  env.add("/mem/b-c/x", "1");
  env.add("/mem/b.d", "2");
  env.add("/mem/a/y", "3");
  EXPECT_FALSE(env.is_directory("/mem/b"));
  EXPECT_TRUE(env.list_files("/mem/b").empty());
  env.add("/mem/b/z", "4");
  EXPECT_TRUE(env.is_directory("/mem/b"));
  EXPECT_EQ(env.list_files("/mem/b"), (std::vector<std::string>{"z"}));
  EXPECT_EQ(env.list_files("/mem"), (std::vector<std::string>{"b.d"}));
  EXPECT_TRUE(env.is_directory("/"));
}

TEST(MemoryEnv, AddTreeCopiesEveryFileBelowARealDirectoryUnderItsPath) {
  char tmpl[] = "/tmp/ocfbridge-env-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  fs::path dir = tmpl;
  fs::create_directories(dir / "heartbeat");
  std::ofstream(dir / "common.lua") << "return {}\n";
  std::ofstream(dir / "heartbeat/media.lua") << "return { media = {} }\n";
  MemoryEnv env;
  env.add_tree(dir);
  std::string text;
  IoError error;
  ASSERT_TRUE(env.read_file(dir / "heartbeat/media.lua", text, error));
  EXPECT_EQ(text, "return { media = {} }\n");
  EXPECT_EQ(env.list_files(dir), (std::vector<std::string>{"common.lua"}));
  EXPECT_TRUE(env.is_directory(dir / "heartbeat"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ocf::io
