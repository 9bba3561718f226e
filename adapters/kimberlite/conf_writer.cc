#include "adapters/kimberlite/conf_writer.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

namespace ocf::adapters::kimberlite {
namespace {

// An entry with the comments that preceded it: they move together when a
// container is sorted. A unit is the range children[first, entry] of the
// container (entry == npos: comments at the end of the container), so
// that sorting moves indices, not entries.
struct Unit {
  std::size_t first = 0;
  std::size_t entry = 0;
};
constexpr std::size_t kNoEntry = static_cast<std::size_t>(-1);

std::vector<Unit> to_units(const std::vector<Entry>& children) {
  std::vector<Unit> units;
  units.reserve(children.size());
  std::size_t first = 0;
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (children[i].kind == Entry::Kind::kComment) continue;
    units.push_back({first, i});
    first = i + 1;
  }
  if (first < children.size()) units.push_back({first, kNoEntry});
  return units;
}

bool is_numbered(const Entry& e, const std::vector<std::string>& stems,
                 std::optional<BlockNumber>& number) {
  if (e.kind != Entry::Kind::kBlock) return false;
  number = split_numbered(e.name);
  return number && std::find(stems.begin(), stems.end(), number->stem) != stems.end();
}

// Numbered blocks of each stem get 0..n-1 in the order of their numbers.
void renumber(std::vector<Entry>& children, const std::vector<Unit>& units,
              const std::vector<std::string>& stems) {
  std::map<std::string, std::vector<std::pair<unsigned, Entry*>>> by_stem;
  std::optional<BlockNumber> n;
  for (const auto& u : units)
    if (u.entry != kNoEntry && is_numbered(children[u.entry], stems, n))
      by_stem[std::move(n->stem)].emplace_back(n->number, &children[u.entry]);
  for (auto& [stem, blocks] : by_stem) {
    std::stable_sort(blocks.begin(), blocks.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < blocks.size(); ++i)
      blocks[i].second->name = stem + std::to_string(i);
  }
}

void normalize_children(std::vector<Entry>& children, const WriteOptions& options) {
  auto units = to_units(children);
  renumber(children, units, options.numbered_stems);
  // name_less of the entries' names, each name split once.
  struct Key {
    const std::string* name = nullptr;  // nullptr: comments at the end
    std::optional<BlockNumber> number;
  };
  std::vector<Key> keys(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].entry == kNoEntry) continue;
    keys[i].name = &children[units[i].entry].name;
    keys[i].number = split_numbered(*keys[i].name);
  }
  std::vector<std::size_t> order(units.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t ia, std::size_t ib) {
    const Key& a = keys[ia];
    const Key& b = keys[ib];
    // Comments left at the end of a container stay at its end.
    if (!a.name) return false;
    if (!b.name) return true;
    if (a.number && b.number && a.number->stem == b.number->stem)
      return a.number->number < b.number->number;
    return std::string_view(*a.name) < std::string_view(*b.name);
  });
  std::vector<Entry> sorted;
  sorted.reserve(children.size());
  for (std::size_t i : order) {
    const Unit& u = units[i];
    std::size_t last = u.entry == kNoEntry ? children.size() : u.entry + 1;
    for (std::size_t k = u.first; k < last; ++k) {
      if (children[k].is_container()) normalize_children(children[k].children, options);
      sorted.push_back(std::move(children[k]));
    }
  }
  children = std::move(sorted);
}

void render(const Entry& e, std::string& out) {
  switch (e.kind) {
    case Entry::Kind::kComment:
      out.append("#").append(e.name).append("\n");
      break;
    case Entry::Kind::kField:
      out.append("  ").append(e.name).append(" = ").append(e.value).append("\n");
      break;
    case Entry::Kind::kSection:
      out.append("[").append(e.name).append("]\n");
      for (const auto& c : e.children) render(c, out);
      break;
    case Entry::Kind::kBlock:
      out.append("start ").append(e.name).append("\n");
      for (const auto& c : e.children) render(c, out);
      out.append("end ").append(e.name).append("\n");
      break;
  }
}

}  // namespace

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

bool name_less(std::string_view a, std::string_view b) {
  auto na = split_numbered(a), nb = split_numbered(b);
  if (na && nb && na->stem == nb->stem) return na->number < nb->number;
  return a < b;  // std::string_view compares as unsigned bytes: ASCII order
}

void normalize(Document& document, const WriteOptions& options) {
  Entry* cluster = document.section("cluster");
  if (!cluster) {
    document.entries.push_back(Entry{Entry::Kind::kSection, "cluster", {}, {}, {}, {}});
    cluster = &document.entries.back();
  }
  set_field(*cluster, "timestamp", std::to_string(options.clock()));
  // Comments before the first section are the file's preamble: they stay
  // at the top whatever section sorts first.
  auto first_section = std::find_if(document.entries.begin(), document.entries.end(),
                                    [](const Entry& e) { return e.kind != Entry::Kind::kComment; });
  std::vector<Entry> rest(std::make_move_iterator(first_section),
                          std::make_move_iterator(document.entries.end()));
  document.entries.erase(first_section, document.entries.end());
  normalize_children(rest, options);
  for (auto& e : rest) document.entries.push_back(std::move(e));
}

std::string write_conf(const Document& document, const WriteOptions& options) {
  return write_conf(Document(document), options);
}

std::string write_conf(Document&& document, const WriteOptions& options) {
  normalize(document, options);
  std::string out;
  for (const auto& e : document.entries) render(e, out);
  return out;
}

}  // namespace ocf::adapters::kimberlite
