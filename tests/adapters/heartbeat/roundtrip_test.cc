// heartbeat -> model -> heartbeat: the Debian samples (as shipped, and with
// their commented directives switched on) read without error, every active
// line lands in the model, and writing the model back reproduces the files:
// the same configuration, every comment in place.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "adapters/heartbeat/document.h"
#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

// Lines with runs of white space folded to one space and trailing space
// dropped: the writer normalises spacing inside directive lines.
std::vector<std::string> normalised_lines(const std::string& text) {
  std::vector<std::string> out;
  for (auto line : split_lines(text)) {
    std::string s;
    bool comment = !line.empty() && line.find_first_not_of(" \t") != std::string_view::npos &&
                   line[line.find_first_not_of(" \t")] == '#';
    if (comment) {
      out.emplace_back(line);
      continue;
    }
    for (const auto& w : split_words(line, 0, " \t", false)) s += (s.empty() ? "" : " ") + w.text;
    out.push_back(s);
  }
  return out;
}

// Active lines of a file: code with comments and blank lines removed.
std::vector<std::string> active_lines(const std::string& text, bool inline_comments) {
  std::vector<std::string> out;
  for (auto line : split_lines(text)) {
    std::string_view code = inline_comments ? line.substr(0, line.find('#')) : line;
    if (!inline_comments && !code.empty() && code[0] == '#') continue;
    if (code.find_first_not_of(" \t") == std::string_view::npos) continue;
    out.emplace_back(code);
  }
  return out;
}

// Built from the heartbeat package's own files by debian-samples.sh.
std::filesystem::path samples_dir() { return OCFBRIDGE_DEBIAN_SAMPLES; }

class DebianSample : public ::testing::TestWithParam<std::string> {};

TEST_P(DebianSample, ReadsWithoutErrorAndRoundTrips) {
  auto dir = samples_dir() / GetParam();
  model::Diagnostics d;
  auto cluster = read_real(dir, d);
  ASSERT_TRUE(cluster) << dump(d);
  EXPECT_FALSE(d.has_errors()) << dump(d);

  model::Diagnostics wd;
  auto out = write_model(*cluster, wd);
  if (GetParam() == "debian") {
    // The shipped sample has no node, medium or key: heartbeat would not
    // start it, so the adapter refuses to write it (a located reason each).
    EXPECT_FALSE(out);
    EXPECT_TRUE(wd.has("export.rejected"));
    return;
  }
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(wd.count(model::Severity::kLoss), 0u) << dump(wd);
  for (const char* file : {"ha.cf", "haresources", "authkeys"}) {
    std::string original = slurp(dir / file);
    EXPECT_EQ(normalised_lines(out->find(file)->contents), normalised_lines(original)) << file;
  }
  model::Diagnostics rd;
  auto again = reread(*out, rd);
  ASSERT_TRUE(again) << dump(rd);
  EXPECT_TRUE(*again == *cluster);
}

INSTANTIATE_TEST_SUITE_P(Samples, DebianSample, ::testing::Values("debian", "debian-uncommented"));

TEST(DebianSample, EveryActiveLineLandsInTheModel) {
  for (const char* which : {"debian", "debian-uncommented"}) {
    auto dir = samples_dir() / which;
    model::Diagnostics d;
    auto c = read_real(dir, d);
    ASSERT_TRUE(c) << dump(d);
    // ha.cf: each active line is one layout marker (its place), and its
    // content is in a model field or an extension; the counts below are
    // checked field by field.
    auto hacf_lines = active_lines(slurp(dir / "ha.cf"), true);
    std::size_t markers = 0;
    for (const auto& e : c->extensions)
      if (e.scope == "file:ha.cf" && e.key == "@") ++markers;
    EXPECT_EQ(markers, hacf_lines.size()) << which;
    std::size_t node_words = 0, extensions = 0, channel_words = 0;
    for (const auto& line : hacf_lines) {
      auto words = split_words(line, 0, " \t", false);
      const std::string& kw = words[0].text;
      if (kw == "node") node_words += words.size() - 1;
      if (kw == "bcast" || kw == "serial") channel_words += words.size() - 1;
      if (kw == "mcast" || kw == "ucast") channel_words += 1;
      if (kw != "node" && kw != "bcast" && kw != "serial" && kw != "mcast" && kw != "ucast" &&
          kw != "keepalive" && kw != "deadtime" && kw != "warntime" && kw != "initdead" &&
          kw != "udpport" && kw != "baud" && kw != "auto_failback") {
        ++extensions;
        const auto* ext = find_extension(*c, kw);
        ASSERT_NE(ext, nullptr) << kw;
      }
    }
    EXPECT_EQ(c->nodes.size(), node_words) << which;
    EXPECT_EQ(c->channels.size(), channel_words) << which;
    std::size_t model_extensions = 0;
    for (const auto& e : c->extensions)
      if (e.scope.empty() && e.key != "auto_failback") ++model_extensions;
    EXPECT_EQ(model_extensions, extensions) << which;
    // haresources: one group per line, one resource per word after the node.
    auto hr_lines = active_lines(slurp(dir / "haresources"), true);
    EXPECT_EQ(c->groups.size(), hr_lines.size()) << which;
    std::size_t resource_words = 0;
    for (const auto& line : hr_lines) resource_words += split_words(line, 0, " \t", false).size() - 1;
    EXPECT_EQ(c->resources.size(), resource_words) << which;
    // authkeys: the auth line and each key line.
    auto ak_lines = active_lines(slurp(dir / "authkeys"), false);
    EXPECT_EQ(c->auth.keys.size() + (c->auth.active ? 1 : 0), ak_lines.size()) << which;
  }
}

TEST(DebianSample, UncommentedValuesLandInFields) {
  model::Diagnostics d;
  auto c = read_real(samples_dir() / "debian-uncommented", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->timing.keepalive_ms, 2000u);
  EXPECT_EQ(c->timing.dead_ms, 30000u);
  EXPECT_EQ(c->timing.warn_ms, 10000u);
  EXPECT_EQ(c->timing.initial_dead_ms, 120000u);
  ASSERT_EQ(c->nodes.size(), 2u);
  EXPECT_EQ(c->nodes[0].name, "ken3");
  EXPECT_EQ(c->auth.active, 1u);
  const auto* web = c->find_resource("IPaddr_135.9.216.3");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->params.size(), 4u);
  for (const auto& ch : c->channels) {
    if (ch.kind == model::ChannelKind::kBroadcast || ch.kind == model::ChannelKind::kUnicast) {
      EXPECT_EQ(ch.port, 694u);
    } else if (ch.kind == model::ChannelKind::kSerial) {
      EXPECT_EQ(ch.baud, 19200u);
    }
  }
  EXPECT_EQ(c->groups.back().policy.failback, model::Failback::kAutomatic);
  EXPECT_TRUE(d.has("hacf.plugin-missing"));  // hbaping
}

TEST(RoundTrip, SampleCommittedToDiskReadsBackTheSame) {
  model::Diagnostics d;
  auto c = read_real(fixture_dir() / "sample", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  model::Diagnostics wd;
  auto out = write_model(*c, wd);
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(wd.count(model::Severity::kLoss), 0u) << dump(wd);

  auto target = std::filesystem::temp_directory_path() /
                ("hb_roundtrip_" + std::to_string(::getpid()));
  std::filesystem::remove_all(target);
  io::IoError error;
  ASSERT_TRUE(io::commit(*out, target, error)) << error.message;
  struct stat st {};
  ASSERT_EQ(::stat((target / "authkeys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((target / "ha.cf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  for (const char* file : {"ha.cf", "haresources", "authkeys"})
    EXPECT_EQ(normalised_lines(slurp(target / file)),
              normalised_lines(slurp(fixture_dir() / "sample" / file)))
        << file;
  model::Diagnostics rd;
  auto again = read_real(target, rd);
  std::filesystem::remove_all(target);
  ASSERT_TRUE(again) << dump(rd);
  EXPECT_TRUE(*again == *c);
}

TEST(RoundTrip, CommentsAndOrderSurviveAModelEdit) {
  MemoryDir dir("# logging first\nlogfacility local0\n\n# timing\nkeepalive 1\ndeadtime 10\n"
                "node alpha beta  # both\nbcast eth0\nauto_failback on\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  c->timing.dead_ms = 20000;                   // edited
  c->nodes.push_back({"gamma", {}, {}, {}, {}});  // added, no origin
  model::Diagnostics wd;
  auto out = write_model(*c, wd);
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(out->find("ha.cf")->contents,
            "# logging first\nlogfacility\tlocal0\n\n# timing\nkeepalive\t1\ndeadtime\t20\n"
            "node\talpha beta # both\nbcast\teth0\nauto_failback\ton\nnode\tgamma\n");
}

TEST(RoundTrip, NewFilePutsGlobalDirectivesFirst) {
  model::Cluster c;
  c.nodes.push_back({"alpha", {}, {}, {}, {}});
  model::Channel ch;
  ch.kind = model::ChannelKind::kBroadcast;
  ch.interface = "eth0";
  ch.port = 694;
  c.channels.push_back(ch);
  c.timing.keepalive_ms = 1000;
  c.extensions.push_back({"heartbeat", "", "respawn", "hacluster /usr/lib/heartbeat/ipfail", {}});
  c.extensions.push_back({"heartbeat", "", "logfacility", "daemon", {}});
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "k", {}});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("ha.cf")->contents,
            "logfacility\tdaemon\nudpport\t694\nnode\talpha\nkeepalive\t1\nbcast\teth0\n"
            "respawn\thacluster /usr/lib/heartbeat/ipfail\n");
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
