#include "adapters/kimberlite/conf_parser.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "bridge/model/string_hash.h"

namespace ocf::adapters::kimberlite {
namespace {

using model::SourceLocation;

constexpr bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// is_blank by a table: trimming tests every indenting byte of every line.
constexpr auto kBlank = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) table[c] = is_blank(static_cast<char>(c));
  return table;
}();

inline bool blank_byte(char c) { return kBlank[static_cast<unsigned char>(c)]; }

inline std::string_view trim_front(std::string_view s) {
  std::size_t first = 0;
  while (first < s.size() && blank_byte(s[first])) ++first;
  return std::string_view(s.data() + first, s.size() - first);
}

inline std::string_view trim_back(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && blank_byte(s[end - 1])) --end;
  return std::string_view(s.data(), end);
}

inline std::string_view trim(std::string_view s) { return trim_back(trim_front(s)); }

// A lambda rather than the function's address, so that the search inlines
// the test instead of calling it for every character.
constexpr auto kIsBlank = [](char c) { return is_blank(c); };

bool has_blank(std::string_view s) { return std::any_of(s.begin(), s.end(), kIsBlank); }

// The bytes a block name or key cannot hold: blanks, the path separator
// and '='.
constexpr auto kNotInName = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c)
    table[c] = is_blank(static_cast<char>(c)) || c == static_cast<unsigned char>(kPathSeparator) ||
               c == '=';
  return table;
}();

// One line being parsed: its text and where its tokens start.
struct Line {
  std::string_view text;  // without the newline
  std::uint32_t number = 0;
  // 1-based column of a pointer into `text`.
  std::uint32_t column_of(std::string_view part) const {
    return static_cast<std::uint32_t>(part.data() - text.data()) + 1;
  }
};

class Parser {
 public:
  Parser(std::string_view file, model::Diagnostics& diagnostics, const ParseOptions& options)
      : file_name_(file), diagnostics_(diagnostics), options_(options) {
    document_.file = std::string(file);
  }

  std::optional<Document> run(std::string_view text) {
    std::uint32_t number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
      auto newline = text.find('\n', start);
      std::string_view line = text.substr(start, newline - start);
      parse_line(Line{line, ++number});
      if (newline == std::string_view::npos) break;
      start = newline + 1;
    }
    close_section(nullptr);
    if (errors_ > 0) return std::nullopt;
    return std::move(document_);
  }

 private:
  SourceLocation at(const Line& line, std::string_view part) const {
    return SourceLocation{file_name_, line.number, line.column_of(part)};
  }

  void error(std::string code, std::string message, SourceLocation where) {
    ++errors_;
    diagnostics_.error("kimberlite." + code, std::move(message), std::move(where));
  }

  // The innermost open container, or nullptr outside any section.
  Entry* current() { return open_.empty() ? nullptr : open_.back(); }

  // Whether the innermost open container already has a field (or block)
  // named `name`. A container with many children (the services section)
  // keeps a set of their names, so that a large file is not quadratic.
  bool has_child(Entry::Kind kind, std::string_view name) {
    Entry& container = *open_.back();
    Names& names = names_[open_.size() - 1];
    constexpr std::size_t kScanLimit = 16;
    if (names.indexed < kScanLimit && container.children.size() <= kScanLimit)
      return kind == Entry::Kind::kField ? container.field(name) != nullptr
                                         : container.block(name) != nullptr;
    for (; names.indexed < container.children.size(); ++names.indexed) {
      const Entry& c = container.children[names.indexed];
      if (c.kind == Entry::Kind::kField) names.fields.emplace(c.name);
      if (c.kind == Entry::Kind::kBlock) names.blocks.emplace(c.name);
    }
    const auto& set = kind == Entry::Kind::kField ? names.fields : names.blocks;
    return set.find(name) != set.end();
  }

  // Opens a container: innermost from now on.
  void push_open(Entry* container) {
    open_.push_back(container);
    if (names_.size() < open_.size()) names_.resize(open_.size());
    names_[open_.size() - 1].clear();
  }

  void parse_line(const Line& line) {
    std::string_view body = trim(line.text);
    if (body.empty()) return;
    if (body.front() == '#') return add_comment(line, body);
    if (body.front() == '[') return open_section(line, body);
    auto eq = body.find('=');
    if (eq != std::string_view::npos) return add_field(line, body, eq);
    auto word_end = std::find_if(body.begin(), body.end(), kIsBlank) - body.begin();
    std::string_view word = body.substr(0, word_end);
    std::string_view rest = trim(body.substr(word_end));
    if (word == "start") return open_block(line, word, rest);
    if (word == "end") return close_block(line, word, rest);
    error("syntax",
          "expected '[section]', 'start NAME', 'end NAME', 'key = value' or a comment, got '" +
              std::string(body) + "'",
          at(line, body));
  }

  void add_comment(const Line& line, std::string_view body) {
    Entry comment{Entry::Kind::kComment, std::string(body.substr(1)), {}, {}, at(line, body), {}};
    if (Entry* c = current())
      c->children.push_back(std::move(comment));
    else
      document_.entries.push_back(std::move(comment));
  }

  void open_section(const Line& line, std::string_view body) {
    auto close = body.find(']');
    if (close == std::string_view::npos) {
      return error("bad-section", "section header without ']'", at(line, body));
    }
    std::string_view name = trim(body.substr(1, close - 1));
    std::string_view after = trim(body.substr(close + 1));
    if (!after.empty()) {
      return error("bad-section", "text after section header: '" + std::string(after) + "'",
                   at(line, after));
    }
    if (name.empty() || has_blank(name) || name.find(kPathSeparator) != std::string_view::npos) {
      return error("bad-section", "bad section name '" + std::string(name) + "'", at(line, body));
    }
    SourceLocation where = at(line, body);
    close_section(&where);
    if (document_.section(name)) {
      error("duplicate-section", "section [" + std::string(name) + "] appears twice", where);
    }
    document_.entries.push_back(Entry{Entry::Kind::kSection, std::string(name), {}, {}, where, {}});
    push_open(&document_.entries.back());
  }

  // Ends the current section: every block still open is an error, reported
  // at its `start` line; `next` is the header that ended it (nullptr: EOF).
  void close_section(const SourceLocation* next) {
    while (open_.size() > 1) {
      Entry* block = open_.back();
      std::string ended = next ? "before the section at line " + std::to_string(next->line)
                               : std::string("at the end of the file");
      error("unclosed-block", "block '" + block->name + "' is not closed (no 'end " +
                                  block->name + "') " + ended,
            block->where);
      finish_container(*block);
      open_.pop_back();
    }
    if (!open_.empty()) finish_container(*open_.back());
    open_.clear();
  }

  // Not empty, and no blank, path separator or '=': one pass over the
  // name, each byte looked up in a table.
  static bool valid_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
      if (kNotInName[static_cast<unsigned char>(c)]) return false;
    return true;
  }

  void open_block(const Line& line, std::string_view word, std::string_view name) {
    Entry* parent = current();
    if (!parent) {
      return error("start-outside-section",
                   "'start " + std::string(name) + "' before any [section]", at(line, word));
    }
    if (!valid_name(name)) {
      return error("bad-block-name",
                   name.empty() ? std::string("'start' without a block name")
                                : "bad block name '" + std::string(name) + "'",
                   name.empty() ? at(line, word) : at(line, name));
    }
    SourceLocation where = at(line, word);
    check_block_number(name, at(line, name));
    if (has_child(Entry::Kind::kBlock, name)) {
      error("duplicate-block",
            "block '" + std::string(name) + "' appears twice in '" + parent->name + "'", where);
    }
    Entry& block = append_child(*parent);
    block.kind = Entry::Kind::kBlock;
    block.name.assign(name);
    block.where = std::move(where);
    push_open(&block);
  }

  void check_block_number(std::string_view name, SourceLocation where) {
    for (const auto& stem : options_.numbered_stems) {
      // The first byte tells most stems apart without a comparison.
      if (name.size() <= stem.size() || (!stem.empty() && name[0] != stem[0]) ||
          name.substr(0, stem.size()) != stem)
        continue;
      std::string_view digits = name.substr(stem.size());
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        continue;
      // The view answers as split_numbered does, without copying the stem.
      if (!split_numbered_view(name)) {
        error("bad-block-number", "bad number in block name '" + std::string(name) + "'", where);
      }
      return;
    }
  }

  void close_block(const Line& line, std::string_view word, std::string_view name) {
    if (open_.size() <= 1) {
      return error("end-without-start",
                   "'end " + std::string(name) + "' without an open block", at(line, word));
    }
    Entry* block = open_.back();
    if (name == block->name) {
      finish_container(*block);
      open_.pop_back();
      return;
    }
    error("end-mismatch",
          "'end " + std::string(name) + "' does not close the open block '" + block->name +
              "' (opened at line " + std::to_string(block->where.line) + ")",
          name.empty() ? at(line, word) : at(line, name));
    // Recover without a cascade: when an outer block has that name, the
    // inner ones were left open (already reported); otherwise ignore it.
    for (std::size_t k = open_.size() - 1; k >= 1; --k) {
      if (open_[k]->name != name) continue;
      while (open_.size() > k) {
        finish_container(*open_.back());
        open_.pop_back();
      }
      return;
    }
  }

  // `body` is trimmed: the key starts and the value ends where it does.
  void add_field(const Line& line, std::string_view body, std::size_t eq) {
    std::string_view key = trim_back(body.substr(0, eq));
    std::string_view value = trim_front(body.substr(eq + 1));
    Entry* parent = current();
    if (key.empty()) {
      return error("empty-key", "'=' without a key before it", at(line, body));
    }
    if (!valid_name(key)) {
      return error("bad-key", "bad key '" + std::string(key) + "'", at(line, key));
    }
    if (!parent) {
      return error("field-outside-section",
                   "'" + std::string(key) + " = ...' before any [section]", at(line, key));
    }
    if (has_child(Entry::Kind::kField, key)) {
      error("duplicate-key",
            "key '" + std::string(key) + "' set twice in '" + parent->name + "'", at(line, key));
    }
    SourceLocation value_where = at(line, value.empty() ? body.substr(body.size()) : value);
    // Built in place: an Entry is large, and files are mostly fields.
    Entry& field = append_child(*parent);
    field.kind = Entry::Kind::kField;
    field.name.assign(key);
    field.value.assign(value);
    field.where = at(line, key);
    field.value_where = std::move(value_where);
  }

  // Numbered blocks of one stem must be 0..n-1: report the first block
  // whose number leaves a gap, stem by stem in the order of their names.
  void finish_container(const Entry& container) {
    // Each block's number is worked out once, without copying its stem.
    numbered_.clear();
    for (const auto& c : container.children) {
      if (c.kind != Entry::Kind::kBlock) continue;
      auto n = split_numbered_view(c.name);
      if (!n) continue;
      if (std::find(options_.numbered_stems.begin(), options_.numbered_stems.end(), n->stem) ==
          options_.numbered_stems.end())
        continue;
      numbered_.push_back({n->stem, n->number, &c});
    }
    // Grouped by stem, each stem's blocks in number order (a consistent
    // order; files list blocks in order nearly always).
    auto less = [](const Numbered& a, const Numbered& b) {
      return a.stem != b.stem ? a.stem < b.stem : a.number < b.number;
    };
    if (!std::is_sorted(numbered_.begin(), numbered_.end(), less))
      std::stable_sort(numbered_.begin(), numbered_.end(), less);
    for (std::size_t first = 0; first < numbered_.size();) {
      std::string_view stem = numbered_[first].stem;
      std::size_t end = first;
      while (end < numbered_.size() && numbered_[end].stem == stem) ++end;
      check_numbering(stem, first, end);
      first = end;
    }
  }

  // numbered_[first, end) are the blocks of `stem`, in number order.
  void check_numbering(std::string_view stem, std::size_t first, std::size_t end) {
    unsigned expected = 0;
    for (std::size_t i = first; i < end; ++i) {
      const auto& [_, number, b] = numbered_[i];
      if (number == expected) {
        ++expected;
      } else if (number > expected) {
        error("numbering-gap",
              "block '" + b->name + "' without '" + std::string(stem) + std::to_string(expected) +
                  "': " + std::string(stem) + " blocks are numbered from 0 without gaps",
              b->where);
        return;
      }
      // number < expected: a duplicate, reported when it was opened.
    }
  }

  // Interned once: every entry carries two locations naming this file.
  model::FileName file_name_;
  model::Diagnostics& diagnostics_;
  const ParseOptions& options_;
  Document document_;
  // Open containers, outermost (the section) first. Pointers into
  // document_: a container's children only grow while it is the innermost
  // open one, and its parent's vector is not touched meanwhile.
  std::vector<Entry*> open_;
  // Names of the children of open_[i] seen so far (see has_child).
  struct Names {
    std::unordered_set<std::string, model::StringHash, std::equal_to<>> fields, blocks;
    std::size_t indexed = 0;
    void clear() {
      if (indexed == 0) return;
      fields.clear();
      blocks.clear();
      indexed = 0;
    }
  };
  std::vector<Names> names_;
  // finish_container's numbered blocks, kept to reuse their room.
  struct Numbered {
    std::string_view stem;  // views the block's name
    unsigned number = 0;
    const Entry* block = nullptr;
  };
  std::vector<Numbered> numbered_;
  std::size_t errors_ = 0;
};

}  // namespace

std::optional<Document> parse_conf(std::string_view text, std::string_view file,
                                   model::Diagnostics& diagnostics, const ParseOptions& options) {
  return Parser(file, diagnostics, options).run(text);
}

}  // namespace ocf::adapters::kimberlite
