#include "bridge/cli/report.h"

#include <cstdio>

namespace ocf::cli {

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void print_human(const model::Diagnostics& diagnostics, std::ostream& out) {
  for (const auto& d : diagnostics.entries()) out << d.to_string() << '\n';
  out << diagnostics.count(model::Severity::kError) << " error(s), "
      << diagnostics.count(model::Severity::kWarning) << " warning(s), "
      << diagnostics.count(model::Severity::kLoss) << " loss(es)\n";
}

void print_json(const model::Diagnostics& diagnostics, std::ostream& out) {
  out << "{\"errors\":" << diagnostics.count(model::Severity::kError)
      << ",\"warnings\":" << diagnostics.count(model::Severity::kWarning)
      << ",\"losses\":" << diagnostics.count(model::Severity::kLoss) << ",\"diagnostics\":[";
  bool first = true;
  for (const auto& d : diagnostics.entries()) {
    out << (first ? "" : ",") << "{\"severity\":" << json_quote(model::to_string(d.severity))
        << ",\"code\":" << json_quote(d.code) << ",\"message\":" << json_quote(d.message)
        << ",\"file\":" << json_quote(d.where.file.str()) << ",\"line\":" << d.where.line
        << ",\"column\":" << d.where.column << "}";
    first = false;
  }
  out << "]}\n";
}

}  // namespace ocf::cli
