// How the layout of heartbeat files (comments, blank lines, the order of
// directives, the written form of a resource) travels through the model.
//
// The model has no place for comments or line order, so import records them
// as heartbeat Extensions that carry no configuration meaning:
//   scope "file:ha.cf" | "file:haresources" | "file:authkeys"
//     key "#"  value = a comment or blank line, verbatim
//     key "@"  value = the keyword of a directive line (ha.cf), "auth" or
//              "key" (authkeys), "" (a haresources line), followed by
//              " #..." when the line had a trailing comment. A node, bcast
//              or serial line of N > 1 arguments has "*N" after its keyword
//              ("bcast*2"): the model holds one element per argument, and
//              export puts N of them back on that line.
//   scope "resource:ID"
//     key "@form" value = "script" (IPaddr::IP rather than the bare IP
//              shorthand) or "OCF" (OCF::TYPE::INSTANCE)
// Export walks the "#"/"@" entries in line order and puts each rendered
// directive where a marker of its keyword stands; what has no marker goes
// at the end. Keys starting with '#' or '@' are layout only: the adapter
// registry reports them to other products as one summary, not one loss each.
#pragma once

#include <string>
#include <string_view>

namespace ocf::adapters::heartbeat {

inline constexpr std::string_view kProduct = "heartbeat";
inline constexpr std::string_view kCommentKey = "#";
inline constexpr std::string_view kMarkerKey = "@";
inline constexpr std::string_view kFormKey = "@form";
// A non-OCF_RESKEY_ variable of an OCF instance file: scope "resource:ID",
// key "env:NAME", value as assigned. Configuration, not layout.
inline constexpr std::string_view kEnvKeyPrefix = "env:";

inline constexpr std::string_view kHaCf = "ha.cf";
inline constexpr std::string_view kHaresources = "haresources";
inline constexpr std::string_view kAuthkeys = "authkeys";

inline std::string file_scope(std::string_view file) { return "file:" + std::string(file); }
inline std::string resource_scope(std::string_view id) { return "resource:" + std::string(id); }

}  // namespace ocf::adapters::heartbeat
