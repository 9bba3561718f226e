#include "adapters/kimberlite/document.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace ocf::adapters::kimberlite {
namespace {

// Searches from the end: writers build a container by appending, and the
// child they extend is nearly always the last one, which keeps building a
// file of thousands of services linear.
Entry* find_block_from_end(std::vector<Entry>& children, std::string_view name) {
  for (auto it = children.rbegin(); it != children.rend(); ++it)
    if (it->kind == Entry::Kind::kBlock && it->name == name) return &*it;
  return nullptr;
}

}  // namespace

const Entry* Entry::field(std::string_view child_name) const {
  for (const auto& c : children)
    if (c.kind == Kind::kField && c.name == child_name) return &c;
  return nullptr;
}

const Entry* Entry::block(std::string_view child_name) const {
  for (const auto& c : children)
    if (c.kind == Kind::kBlock && c.name == child_name) return &c;
  return nullptr;
}

Entry* Entry::block(std::string_view child_name) {
  for (auto& c : children)
    if (c.kind == Kind::kBlock && c.name == child_name) return &c;
  return nullptr;
}

std::optional<std::string> Entry::value_of(std::string_view child_name) const {
  const Entry* f = field(child_name);
  if (!f) return std::nullopt;
  return f->value;
}

const Entry* Document::section(std::string_view name) const {
  for (const auto& e : entries)
    if (e.kind == Entry::Kind::kSection && e.name == name) return &e;
  return nullptr;
}

Entry* Document::section(std::string_view name) {
  for (auto& e : entries)
    if (e.kind == Entry::Kind::kSection && e.name == name) return &e;
  return nullptr;
}

std::optional<BlockNumberView> split_numbered_view(std::string_view name) {
  std::size_t digits = name.size();
  while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
  if (digits == 0 || digits == name.size()) return std::nullopt;
  std::string_view number = name.substr(digits);
  if (number.size() > 1 && number[0] == '0') return std::nullopt;
  if (number.size() > 6) return std::nullopt;  // no cluster has a million services
  BlockNumberView out{name.substr(0, digits), 0};
  std::from_chars(number.data(), number.data() + number.size(), out.number);
  return out;
}

std::optional<BlockNumber> split_numbered(std::string_view name) {
  auto view = split_numbered_view(name);
  if (!view) return std::nullopt;
  return BlockNumber{std::string(view->stem), view->number};
}

std::vector<const Entry*> numbered_blocks(const Entry& parent, std::string_view stem) {
  std::vector<std::pair<unsigned, const Entry*>> found;
  for (const auto& c : parent.children) {
    if (c.kind != Entry::Kind::kBlock) continue;
    auto n = split_numbered_view(c.name);
    if (n && n->stem == stem) found.emplace_back(n->number, &c);
  }
  auto by_number = [](const auto& a, const auto& b) { return a.first < b.first; };
  // Files list blocks in number order nearly always; then there is nothing
  // to sort (and std::stable_sort would allocate its buffer).
  if (!std::is_sorted(found.begin(), found.end(), by_number))
    std::stable_sort(found.begin(), found.end(), by_number);
  std::vector<const Entry*> out;
  out.reserve(found.size());
  for (const auto& [_, e] : found) out.push_back(e);
  return out;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto sep = path.find(kPathSeparator, start);
    out.emplace_back(path.substr(start, sep - start));
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return out;
}

std::string join_path(const std::vector<std::string>& components) {
  std::string out;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (i) out += kPathSeparator;
    out += components[i];
  }
  return out;
}

Entry& ensure_container(Document& document, const std::vector<std::string>& components) {
  return ensure_container(document, std::span<const std::string>(components), {});
}

Entry& ensure_container(Document& document, std::span<const std::string> base,
                        std::span<const std::string> relative) {
  // Component i of base followed by relative.
  auto component = [&](std::size_t i) -> const std::string& {
    return i < base.size() ? base[i] : relative[i - base.size()];
  };
  const std::size_t count = base.size() + relative.size();
  if (count == 0) throw std::out_of_range("ensure_container: an empty path names no container");
  const std::string& section_name = component(0);
  Entry* section = nullptr;
  for (auto it = document.entries.rbegin(); it != document.entries.rend() && !section; ++it)
    if (it->kind == Entry::Kind::kSection && it->name == section_name) section = &*it;
  if (!section) {
    section = &document.entries.emplace_back();
    section->kind = Entry::Kind::kSection;
    section->name = section_name;
  }
  Entry* current = section;
  for (std::size_t i = 1; i < count; ++i) {
    const std::string& name = component(i);
    Entry* next = find_block_from_end(current->children, name);
    if (!next) {
      next = &append_child(*current);
      next->kind = Entry::Kind::kBlock;
      next->name = name;
    }
    current = next;
  }
  return *current;
}

Entry& append_child(Entry& container) {
  constexpr std::size_t kFirstCapacity = 4;
  if (container.children.capacity() == 0) container.children.reserve(kFirstCapacity);
  return container.children.emplace_back();
}

void set_field(Entry& container, std::string_view name, std::string value) {
  for (auto& c : container.children) {
    if (c.kind == Entry::Kind::kField && c.name == name) {
      c.value = std::move(value);
      return;
    }
  }
  // Built in place: an Entry is large, and a document is mostly fields.
  Entry& field = append_child(container);
  field.kind = Entry::Kind::kField;
  field.name.assign(name);
  field.value = std::move(value);
}

}  // namespace ocf::adapters::kimberlite
