#include "adapters/kimberlite/conf_writer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
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

// A numbered block of a container, for renumbering: `stem` views the
// block's name.
struct Numbered {
  std::string_view stem;
  unsigned number = 0;
  Entry* entry = nullptr;
  unsigned renumbered = 0;  // its number from now on
};

// name_less of a unit's entry, its name split once.
struct Key {
  const std::string* name = nullptr;  // nullptr: comments at the end
  std::optional<BlockNumberView> number;
};

// A stable sort of a few elements that, unlike std::stable_sort, does not
// allocate a buffer. Only for an order that is consistent (a strict weak
// order): then every stable sort gives the same result.
template <typename T, typename Less>
void insertion_sort(std::vector<T>& items, const Less& less) {
  for (std::size_t i = 1; i < items.size(); ++i)
    for (std::size_t j = i; j > 0 && less(items[j], items[j - 1]); --j)
      std::swap(items[j], items[j - 1]);
}

// Sorts and renumbers containers depth first. Each nesting depth keeps its
// working vectors from one container to the next, so that normalizing a
// file of thousands of small blocks does not allocate for each of them.
class Normalizer {
 public:
  explicit Normalizer(const WriteOptions& options) : stems_(options.numbered_stems) {}

  void run(std::vector<Entry>& children) { normalize_children(children, 0); }

 private:
  struct Scratch {
    std::vector<Unit> units;
    std::vector<Numbered> numbered;
    std::vector<Key> keys;
    std::vector<std::size_t> order;
    std::vector<Entry> sorted;  // moved-from entries after use; capacity kept
  };

  void normalize_children(std::vector<Entry>& children, std::size_t depth) {
    if (levels_.size() <= depth) levels_.emplace_back();  // deque: references stay valid
    Scratch& s = levels_[depth];
    to_units(children, s.units);
    renumber(children, s);
    sort(children, s);
    if (is_identity(s.order)) {
      for (auto& c : children)
        if (c.is_container()) normalize_children(c.children, depth + 1);
      return;
    }
    s.sorted.clear();
    s.sorted.reserve(children.size());
    for (std::size_t i : s.order) {
      const Unit& u = s.units[i];
      std::size_t last = u.entry == kNoEntry ? children.size() : u.entry + 1;
      for (std::size_t k = u.first; k < last; ++k) {
        if (children[k].is_container()) normalize_children(children[k].children, depth + 1);
        s.sorted.push_back(std::move(children[k]));
      }
    }
    children.swap(s.sorted);
    s.sorted.clear();
  }

  static void to_units(const std::vector<Entry>& children, std::vector<Unit>& units) {
    units.clear();
    std::size_t first = 0;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (children[i].kind == Entry::Kind::kComment) continue;
      units.push_back({first, i});
      first = i + 1;
    }
    if (first < children.size()) units.push_back({first, kNoEntry});
  }

  bool is_numbered_stem(std::string_view stem) const {
    return std::find(stems_.begin(), stems_.end(), stem) != stems_.end();
  }

  // Numbered blocks of each stem get 0..n-1 in the order of their numbers.
  void renumber(std::vector<Entry>& children, Scratch& s) const {
    s.numbered.clear();
    for (const auto& u : s.units) {
      if (u.entry == kNoEntry) continue;
      Entry& e = children[u.entry];
      if (e.kind != Entry::Kind::kBlock) continue;
      auto n = split_numbered_view(e.name);
      if (n && is_numbered_stem(n->stem)) s.numbered.push_back({n->stem, n->number, &e});
    }
    if (s.numbered.empty()) return;
    // Grouped by stem, each stem's blocks in number order (ties in file
    // order). A consistent order, so any stable sort gives this result.
    auto less = [](const Numbered& a, const Numbered& b) {
      return a.stem != b.stem ? a.stem < b.stem : a.number < b.number;
    };
    if (s.numbered.size() <= kSmall)
      insertion_sort(s.numbered, less);
    else
      std::stable_sort(s.numbered.begin(), s.numbered.end(), less);
    // New numbers first: renaming a block would invalidate its stem view.
    for (std::size_t i = 0; i < s.numbered.size(); ++i) {
      bool same_stem = i > 0 && s.numbered[i].stem == s.numbered[i - 1].stem;
      s.numbered[i].renumbered = same_stem ? s.numbered[i - 1].renumbered + 1 : 0;
    }
    for (const Numbered& b : s.numbered) {
      // Numbers have no leading zeros, so an unchanged number is an
      // unchanged name (the export numbers from 0 already, nearly always).
      if (b.number != b.renumbered)
        b.entry->name = std::string(b.stem) + std::to_string(b.renumbered);
    }
  }

  // s.order = the units in name_less order (stable).
  static void sort(const std::vector<Entry>& children, Scratch& s) {
    const std::size_t n = s.units.size();
    s.keys.assign(n, Key{});
    for (std::size_t i = 0; i < n; ++i) {
      if (s.units[i].entry == kNoEntry) continue;
      s.keys[i].name = &children[s.units[i].entry].name;
      s.keys[i].number = split_numbered_view(*s.keys[i].name);
    }
    s.order.resize(n);
    for (std::size_t i = 0; i < n; ++i) s.order[i] = i;
    const std::vector<Key>& keys = s.keys;
    auto less = [&](std::size_t ia, std::size_t ib) {
      const Key& a = keys[ia];
      const Key& b = keys[ib];
      // Comments left at the end of a container stay at its end.
      if (!a.name) return false;
      if (!b.name) return true;
      if (a.number && b.number && a.number->stem == b.number->stem)
        return a.number->number < b.number->number;
      return std::string_view(*a.name) < std::string_view(*b.name);
    };
    if (n <= kSmall && is_byte_order(keys)) {
      // A consistent order: every stable sort gives the same result, and
      // insertion needs no buffer (std::stable_sort allocates one).
      insertion_sort(s.order, less);
      return;
    }
    std::stable_sort(s.order.begin(), s.order.end(), less);
  }

  // Containers up to this many units are checked by is_byte_order, which
  // compares every pair.
  static constexpr std::size_t kSmall = 16;

  // True when the comparison above is plain byte order of the names (plus
  // end comments last), which is a consistent (strict weak) order. It is,
  // unless two numbered names of one stem have numbers of different
  // lengths: numbers have no leading zeros, so equal lengths compare as
  // their digits do. With different lengths (service2, service10) the
  // numeric rule can disagree with the names that are not numbered
  // (service1x), and then only std::stable_sort's own steps say what the
  // result is, so it is left to decide, as it always has.
  static bool is_byte_order(const std::vector<Key>& keys) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!keys[i].number) continue;
      for (std::size_t j = i + 1; j < keys.size(); ++j)
        if (keys[j].number && keys[j].number->stem == keys[i].number->stem &&
            keys[j].name->size() != keys[i].name->size())
          return false;
    }
    return true;
  }

  static bool is_identity(const std::vector<std::size_t>& order) {
    for (std::size_t i = 0; i < order.size(); ++i)
      if (order[i] != i) return false;
    return true;
  }

  const std::vector<std::string>& stems_;
  std::deque<Scratch> levels_;
};

// The bytes render() writes for `e`.
std::size_t rendered_size(const Entry& e) {
  switch (e.kind) {
    case Entry::Kind::kComment:
      return 1 + e.name.size() + 1;
    case Entry::Kind::kField:
      return 2 + e.name.size() + 3 + e.value.size() + 1;
    case Entry::Kind::kSection: {
      std::size_t n = 1 + e.name.size() + 2;
      for (const auto& c : e.children) n += rendered_size(c);
      return n;
    }
    case Entry::Kind::kBlock: {
      std::size_t n = 6 + e.name.size() + 1 + 4 + e.name.size() + 1;
      for (const auto& c : e.children) n += rendered_size(c);
      return n;
    }
  }
  return 0;
}

// Copies `text` to `at` and returns the end of the copy.
inline char* put(char* at, std::string_view text) {
  std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

// Writes `e` (rendered_size(e) bytes) from `at`; returns the end.
char* render(const Entry& e, char* at) {
  switch (e.kind) {
    case Entry::Kind::kComment:
      *at++ = '#';
      at = put(at, e.name);
      *at++ = '\n';
      break;
    case Entry::Kind::kField:
      at = put(at, "  ");
      at = put(at, e.name);
      at = put(at, " = ");
      at = put(at, e.value);
      *at++ = '\n';
      break;
    case Entry::Kind::kSection:
      *at++ = '[';
      at = put(at, e.name);
      at = put(at, "]\n");
      for (const auto& c : e.children) at = render(c, at);
      break;
    case Entry::Kind::kBlock:
      at = put(at, "start ");
      at = put(at, e.name);
      *at++ = '\n';
      for (const auto& c : e.children) at = render(c, at);
      at = put(at, "end ");
      at = put(at, e.name);
      *at++ = '\n';
      break;
  }
  return at;
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
  auto na = split_numbered_view(a), nb = split_numbered_view(b);
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
  Normalizer(options).run(rest);
  for (auto& e : rest) document.entries.push_back(std::move(e));
}

std::string write_conf(const Document& document, const WriteOptions& options) {
  return write_conf(Document(document), options);
}

std::string write_conf(Document&& document, const WriteOptions& options) {
  normalize(document, options);
  // Sized first, then written in place: no append checks its room.
  std::size_t size = 0;
  for (const auto& e : document.entries) size += rendered_size(e);
  std::string out(size, '\0');
  char* at = out.data();
  for (const auto& e : document.entries) at = render(e, at);
  return out;
}

}  // namespace ocf::adapters::kimberlite
