// The native heartbeat document: the three files of a heartbeat v1
// configuration directory (ha.cf, haresources, authkeys) as lines of words,
// each word with its line and column, comments and blank lines kept in place.
//
// Parsers fill it from text, the writer turns it back into text, import reads
// it into the OCF model and export builds it from the model. A document holds
// no meaning of its own; validation lives in the parsers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

// One word of a line, where it starts (1-based line and column).
struct Word {
  std::string text;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A word read in place (a view of a Word's text, or of part of it), where
// it starts.
struct WordView {
  std::string_view text;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// One entry of a file: a blank line, a whole-line comment, or an item (an
// ha.cf directive, a haresources group line with its continuations, an
// authkeys line).
struct Entry {
  enum class Kind { kBlank, kComment, kItem };
  Kind kind = Kind::kItem;
  std::uint32_t line = 0;   // first physical line
  std::string text;         // blank/comment: the line as written
  std::vector<Word> words;  // item: keyword/node first, then arguments
  std::string comment;      // item: a trailing "# ..." on its (last) line
  // haresources: indices of the words that began a '\\'-continued line, so
  // a rewrite keeps the line breaks.
  std::vector<std::uint32_t> breaks;
};

struct ConfigFile {
  std::string path;  // as given, used in diagnostics
  bool present = false;
  std::vector<Entry> entries;
};

// The settings of an OCF::TYPE::INSTANCE resource: the shell assignments of
// conf/OCF/TYPE/INSTANCE, which heartbeat's resource.d/OCF sources and
// exports before it runs the agent (see ocf_instance.h).
struct OcfAssignment {
  std::string name;  // the shell variable, e.g. OCF_RESKEY_directory
  std::string value;
  // Where it was read in the instance's file (origin_of); 0 when written.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct OcfInstance {
  std::string path;  // as read, or the relative name when written
  std::vector<OcfAssignment> assignments;
};

// Where `a` was read, in `instance`'s file; no location for a written one.
// The path is interned (model::FileName) only here: a write's read-back
// parses thousands of instance files and asks for a location rarely.
inline model::SourceLocation origin_of(const OcfInstance& instance, const OcfAssignment& a) {
  if (a.line == 0) return {};
  return {instance.path, a.line, a.column};
}

struct Document {
  ConfigFile hacf;
  ConfigFile haresources;
  ConfigFile authkeys;
  // key "TYPE/INSTANCE"; read for the OCF:: words of haresources, and
  // written as conf/OCF/TYPE/INSTANCE in the order of the keys. Hashed: a
  // write puts, reads back and looks up thousands of them.
  std::unordered_map<std::string, OcfInstance> ocf_instances;
};

// Splits `text` (one physical line, without its newline) into words at any
// of `delims`; columns count from 1, bytes. Stops at '#' when `comments`.
std::vector<Word> split_words(std::string_view text, std::uint32_t line,
                              std::string_view delims, bool comments);
// The same, appending to `out`.
void split_words_into(std::string_view text, std::uint32_t line, std::string_view delims,
                      bool comments, std::vector<Word>& out);

// Splits a file into physical lines (without "\n" or a trailing "\r").
std::vector<std::string_view> split_lines(std::string_view text);

// ASCII case folding. The program never sets a locale, so this is what
// std::tolower answers, without a library call per character (node names
// are compared case-insensitively for every haresources line).
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
inline bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// Location of a word in a file.
inline model::SourceLocation at(const ConfigFile& file, const Word& word) {
  return {file.path, word.line, word.column};
}

}  // namespace ocf::adapters::heartbeat
