#include "bridge/agents/metadata.h"

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>

#include <cstdarg>
#include <cstdio>
#include <memory>

namespace ocf::agents {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') break;  // not XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string or_default(const std::string& text, const std::string& fallback) {
  return text.empty() ? fallback : text;
}

void write_param(std::string& x, const ParamInfo& p) {
  x += "    <parameter name=\"" + escape(p.name) + "\" required=\"" + (p.required ? "1" : "0") +
       "\" unique=\"" + (p.unique ? "1" : "0") + "\">\n";
  x += "      <longdesc lang=\"en\">" + escape(or_default(p.longdesc, or_default(p.shortdesc, p.name))) +
       "</longdesc>\n";
  x += "      <shortdesc lang=\"en\">" + escape(or_default(p.shortdesc, p.name)) + "</shortdesc>\n";
  x += "      <content type=\"" + escape(p.type) + "\"";
  if (p.default_value) x += " default=\"" + escape(*p.default_value) + "\"";
  x += "/>\n    </parameter>\n";
}

void write_action(std::string& x, const ActionInfo& a) {
  x += "    <action name=\"" + escape(a.name) + "\" timeout=\"" + escape(a.timeout) + "\"";
  if (!a.interval.empty()) x += " interval=\"" + escape(a.interval) + "\"";
  if (!a.depth.empty()) x += " depth=\"" + escape(a.depth) + "\"";
  x += "/>\n";
}

// libxml2 reports through printf-style callbacks; collect them.
void collect(void* context, const char* format, ...) {
  auto* sink = static_cast<std::string*>(context);
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  *sink += buffer;
}

void collect_structured(void* context, xmlErrorPtr error) {
  auto* sink = static_cast<std::string*>(context);
  if (error == nullptr || error->message == nullptr) return;
  *sink += "line " + std::to_string(error->line) + ": " + error->message;
}

struct DocFree { void operator()(xmlDoc* d) const { xmlFreeDoc(d); } };
struct DtdFree { void operator()(xmlDtd* d) const { xmlFreeDtd(d); } };
struct CtxtFree { void operator()(xmlValidCtxt* c) const { xmlFreeValidCtxt(c); } };

}  // namespace

std::vector<ActionInfo> default_actions() {
  return {
      {"start", "20s", "", ""},
      {"stop", "20s", "", ""},
      {"monitor", "20s", "10s", "0"},
      {"meta-data", "5s", "", ""},
      {"validate-all", "20s", "", ""},
  };
}

std::string to_xml(const MetaData& meta) {
  std::string x = "<?xml version=\"1.0\"?>\n<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n";
  x += "<resource-agent name=\"" + escape(meta.name) + "\" version=\"" + escape(meta.version) + "\">\n";
  x += "  <version>1.0</version>\n";
  x += "  <longdesc lang=\"en\">" + escape(or_default(meta.longdesc, meta.name)) + "</longdesc>\n";
  x += "  <shortdesc lang=\"en\">" + escape(or_default(meta.shortdesc, meta.name)) + "</shortdesc>\n";
  x += "  <parameters>\n";
  for (const auto& p : meta.params) write_param(x, p);
  x += "  </parameters>\n  <actions>\n";
  for (const auto& a : meta.actions) write_action(x, a);
  x += "  </actions>\n</resource-agent>\n";
  return x;
}

DtdCheck validate_against_dtd(std::string_view xml, const std::filesystem::path& dtd_path) {
  DtdCheck check;
  xmlSetStructuredErrorFunc(&check.errors, collect_structured);
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "meta-data.xml", nullptr,
                    XML_PARSE_NONET));
  if (!doc) {
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (check.errors.empty()) check.errors = "not well-formed XML";
    return check;
  }
  std::unique_ptr<xmlDtd, DtdFree> dtd(xmlParseDTD(nullptr, BAD_CAST dtd_path.c_str()));
  if (!dtd) {
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    check.errors += "cannot read the DTD " + dtd_path.string();
    return check;
  }
  std::unique_ptr<xmlValidCtxt, CtxtFree> context(xmlNewValidCtxt());
  context->userData = &check.errors;
  context->error = collect;
  context->warning = collect;
  check.valid = xmlValidateDtd(context.get(), doc.get(), dtd.get()) == 1;
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (check.valid) check.errors.clear();
  return check;
}

}  // namespace ocf::agents
