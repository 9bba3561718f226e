#include "adapters/heartbeat/writer.h"

#include <algorithm>

namespace ocf::adapters::heartbeat {

std::string write_file(const ConfigFile& file, FileKind kind) {
  std::string out;
  for (const auto& e : file.entries) {
    if (e.kind != Entry::Kind::kItem) {
      out += e.text;
      out += '\n';
      continue;
    }
    for (std::size_t i = 0; i < e.words.size(); ++i) {
      bool breaks_here =
          std::find(e.breaks.begin(), e.breaks.end(), static_cast<std::uint32_t>(i)) !=
          e.breaks.end();
      if (i > 0 && breaks_here)
        out += " \\\n\t";
      else if (i > 0)
        out += (i == 1 && kind == FileKind::kHaCf) ? '\t' : ' ';
      out += e.words[i].text;
    }
    if (!e.comment.empty()) {
      out += ' ';
      out += e.comment;
    }
    out += '\n';
  }
  return out;
}

}  // namespace ocf::adapters::heartbeat
