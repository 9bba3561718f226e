// The full conversion matrix. For every fixture of every product and every
// other adapter B: convert A -> B -> A in memory and prove that
//  1. every difference between the original and the round-tripped model is
//     explained by a loss that the A -> B report located at the original's
//     source line (nothing is lost silently), and
//  2. the A -> B loss report is exactly the expected one recorded in
//     tests/fixtures/migration/<fixture>.<B>.losses (a new loss, or one that
//     disappears, fails the test). OCFBRIDGE_UPDATE_LOSSES=1 rewrites the
//     expectation files, which are then reviewed like code.
// The OCF XML sources in tests/fixtures/ocf-xml/migration were written by
// ocfbridge from product fixtures (nfs from heartbeat, web from FailSafe,
// multi from Kimberlite), so ocf-xml -> every product is checked too.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

#include "bridge/adapter/adapter.h"
#include "bridge/model/diff.h"

namespace {

namespace fs = std::filesystem;
using ocf::model::Diagnostics;
using ocf::model::Severity;

const fs::path kSource = OCFBRIDGE_SOURCE_DIR;
const fs::path kFixtures = kSource / "tests/fixtures";

struct Fixture {
  std::string adapter;
  std::string name;  // e.g. "nfs"
  fs::path path;
};

std::vector<Fixture> fixtures() {
  std::vector<Fixture> out;
  for (const auto& [adapter, dir] : std::vector<std::pair<std::string, std::string>>{
           {"heartbeat", "heartbeat/migration"},
           {"failsafe", "failsafe/migration"},
           {"kimberlite", "kimberlite/migration"},
           {"ocf-xml", "ocf-xml/migration"}}) {
    fs::path base = kFixtures / dir;
    if (!fs::is_directory(base)) continue;
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(base)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) out.push_back({adapter, p.stem().string(), p});
  }
  return out;
}

// Puts an Output into a MemoryEnv at `where`, so the next adapter reads it.
void place(const ocf::io::Output& output, const fs::path& where, ocf::io::MemoryEnv& env) {
  for (const auto& f : output.files) env.add(output.directory ? where / f.name : where, f.contents);
}

std::string describe(const Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += "  " + e.to_string() + "\n";
  return out;
}

// "code file-name:line" for each loss, with the file made relative.
std::vector<std::string> loss_lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& e : d.entries()) {
    if (e.severity != Severity::kLoss) continue;
    std::string file = e.where.file;
    if (auto rel = fs::path(file).lexically_relative(kFixtures); !rel.empty() && !file.empty())
      file = rel.string();
    out.push_back(e.code + " " + file + ":" + std::to_string(e.where.line));
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Matrix : public ::testing::TestWithParam<std::tuple<Fixture, std::string>> {};

TEST_P(Matrix, RoundTripKeepsEverythingTheLossReportDoesNotName) {
  const auto& [fixture, target] = GetParam();
  const auto& registry = ocf::adapter::Registry::instance();
  const auto* a = registry.find(fixture.adapter);
  const auto* b = registry.find(target);
  ASSERT_TRUE(a && b);

  std::vector<fs::path> roots{OCFBRIDGE_LUA_DIR};
  ocf::adapter::Context real(ocf::io::Env::real(), roots);
  Diagnostics read_diags;
  auto original = a->read(fixture.path, real, read_diags);
  ASSERT_TRUE(original && !read_diags.has_errors()) << describe(read_diags);

  // A -> B
  Diagnostics forward;
  auto b_output = ocf::adapter::write_reporting_losses(*b, *original, real, forward);
  ASSERT_TRUE(b_output && !forward.has_errors()) << describe(forward);

  // The in-memory side sees the same quirk files as the real one.
  ocf::io::MemoryEnv memory;
  memory.add_tree(roots.front());
  ocf::adapter::Context in_memory(memory, roots);
  place(*b_output, "/mem/b", memory);
  Diagnostics b_read;
  auto middle = b->read("/mem/b", in_memory, b_read);
  ASSERT_TRUE(middle && !b_read.has_errors())
      << "the " << target << " output does not read back:\n" << describe(b_read)
      << b_output->files.front().contents;

  // B -> A
  Diagnostics backward;
  auto a_output = a->write(*middle, in_memory, backward);
  ASSERT_TRUE(a_output && !backward.has_errors()) << describe(backward);
  place(*a_output, "/mem/a", memory);
  Diagnostics a_read;
  auto back = a->read("/mem/a", in_memory, a_read);
  ASSERT_TRUE(back && !a_read.has_errors()) << describe(a_read);

  // 1. Every removal or change is explained by a forward loss at its source
  // line (comments and layout are summed per file, so a loss.layout for the
  // file explains them). What the round trip adds (a target that widens a
  // per-node channel to every node, say) is not a loss; it is recorded in
  // the expectation file as a "+ ..." line and checked like the losses.
  std::set<std::pair<std::string, std::uint32_t>> lost_at;
  std::set<std::string> layout_lost;
  for (const auto& e : forward.entries()) {
    if (e.severity != Severity::kLoss) continue;
    lost_at.insert({e.where.file, e.where.line});
    if (e.code == "loss.layout") layout_lost.insert(e.where.file);
  }
  std::vector<std::string> added;
  for (const auto& d : ocf::model::diff(*original, *back)) {
    if (d.kind == ocf::model::Difference::Kind::kRenamed) continue;  // ids are per product
    // A value the original did not have (a default the target requires,
    // such as Kimberlite's cluster name) is an addition, not a loss.
    bool addition = d.kind == ocf::model::Difference::Kind::kAdded ||
                    (d.kind == ocf::model::Difference::Kind::kChanged && d.left.empty());
    if (addition) {
      added.push_back(d.to_string());
      continue;
    }
    // Every change is located; an unlocated one cannot be explained.
    if (d.left_origin.file.empty() && d.left_origin.line == 0) {
      ADD_FAILURE() << fixture.path << " -> " << target << " -> " << fixture.adapter
                    << ": unlocated change: " << d.to_string() << "\nlosses:\n"
                    << describe(forward);
      continue;
    }
    bool explained = lost_at.count({d.left_origin.file, d.left_origin.line}) > 0 ||
                     (d.subject == "extension" && layout_lost.count(d.left_origin.file) > 0);
    // A resource that cannot come back because the target lost a parameter
    // it needs (a share without its path) is explained by that loss.
    if (!explained && d.kind == ocf::model::Difference::Kind::kRemoved &&
        d.subject.rfind("resource ", 0) == 0)
      if (const auto* r = original->find_resource(d.subject.substr(9)))
        for (const auto& p : r->params)
          explained = explained || lost_at.count({p.origin.file, p.origin.line}) > 0;
    // A group's membership changes when a member resource is lost; the loss
    // of that member (at its own line) explains it.
    if (!explained && d.subject.rfind("group ", 0) == 0 && (d.field == "members" || d.field.empty()))
      if (const auto* g = original->find_group(d.subject.substr(6)))
        for (const auto& m : g->members)
          if (const auto* r = original->find_resource(m))
            explained = explained || lost_at.count({r->origin.file, r->origin.line}) > 0;
    EXPECT_TRUE(explained) << fixture.path << " -> " << target << " -> " << fixture.adapter
                           << ": silent change: " << d.to_string() << " (origin "
                           << d.left_origin.to_string() << ")\nlosses:\n" << describe(forward);
  }

  // 2. The loss report is exactly the expected one.
  fs::path expect_path =
      kFixtures / "migration" / (fixture.adapter + "." + fixture.name + "." + target + ".losses");
  auto actual = loss_lines(forward);
  actual.insert(actual.end(), added.begin(), added.end());
  std::sort(actual.begin(), actual.end());
  if (std::getenv("OCFBRIDGE_UPDATE_LOSSES")) {
    fs::create_directories(expect_path.parent_path());
    std::ofstream out(expect_path);
    for (const auto& l : actual) out << l << '\n';
    return;
  }
  std::ifstream in(expect_path);
  ASSERT_TRUE(in) << "no expectation " << expect_path << "; actual:\n" << [&] {
    std::string s;
    for (const auto& l : actual) s += l + "\n";
    return s;
  }();
  std::vector<std::string> expected;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) expected.push_back(line);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(actual, expected) << fixture.path << " -> " << target << " loss report changed";
}

std::vector<std::tuple<Fixture, std::string>> pairs() {
  std::vector<std::tuple<Fixture, std::string>> out;
  for (const auto& f : fixtures())
    for (const char* target : {"heartbeat", "failsafe", "kimberlite", "ocf-xml"})
      if (f.adapter != target) out.emplace_back(f, target);
  return out;
}

std::string name_of(const ::testing::TestParamInfo<std::tuple<Fixture, std::string>>& info) {
  std::string n = std::get<0>(info.param).adapter + "_" + std::get<0>(info.param).name + "_to_" +
                  std::get<1>(info.param);
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(AllPairs, Matrix, ::testing::ValuesIn(pairs()), name_of);

TEST(MatrixFixtures, EveryProductHasTheThreeRealisticConfigurations) {
  std::map<std::string, std::set<std::string>> names;
  for (const auto& f : fixtures()) names[f.adapter].insert(f.name);
  for (const char* product : {"heartbeat", "failsafe", "kimberlite"})
    for (const char* name : {"nfs", "web", "multi"})
      EXPECT_TRUE(names[product].count(name)) << product << " lacks the " << name << " fixture";
}

}  // namespace
