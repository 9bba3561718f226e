#include "adapters/kimberlite/conf_writer.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace ocf::adapters::kimberlite {
namespace {

// An entry with the comments that preceded it: they move together when a
// container is sorted.
struct Unit {
  std::vector<Entry> comments;
  std::optional<Entry> entry;  // empty: comments at the end of a container
};

std::vector<Unit> to_units(std::vector<Entry>& children) {
  std::vector<Unit> units;
  units.reserve(children.size());
  Unit pending;
  for (auto& c : children) {
    if (c.kind == Entry::Kind::kComment) {
      pending.comments.push_back(std::move(c));
    } else {
      pending.entry = std::move(c);
      units.push_back(std::move(pending));
      pending = Unit{};
    }
  }
  if (!pending.comments.empty()) units.push_back(std::move(pending));
  return units;
}

bool is_numbered(const Entry& e, const std::vector<std::string>& stems) {
  if (e.kind != Entry::Kind::kBlock) return false;
  auto n = split_numbered(e.name);
  return n && std::find(stems.begin(), stems.end(), n->stem) != stems.end();
}

void renumber(std::vector<Unit>& units, const std::vector<std::string>& stems) {
  std::map<std::string, std::vector<Entry*>> by_stem;
  for (auto& u : units)
    if (u.entry && is_numbered(*u.entry, stems))
      by_stem[split_numbered(u.entry->name)->stem].push_back(&*u.entry);
  for (auto& [stem, blocks] : by_stem) {
    std::stable_sort(blocks.begin(), blocks.end(), [](const Entry* a, const Entry* b) {
      return split_numbered(a->name)->number < split_numbered(b->name)->number;
    });
    for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i]->name = stem + std::to_string(i);
  }
}

void normalize_children(std::vector<Entry>& children, const WriteOptions& options) {
  auto units = to_units(children);
  renumber(units, options.numbered_stems);
  std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    // Comments left at the end of a container stay at its end.
    if (!a.entry) return false;
    if (!b.entry) return true;
    return name_less(a.entry->name, b.entry->name);
  });
  children.clear();
  for (auto& u : units) {
    for (auto& c : u.comments) children.push_back(std::move(c));
    if (u.entry) {
      if (u.entry->is_container()) normalize_children(u.entry->children, options);
      children.push_back(std::move(*u.entry));
    }
  }
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
