#include "generators/yaml/yaml_node_edit.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_edit_check.hpp"
#include "generators/yaml/yaml_edit_format.hpp"
#include "generators/yaml/yaml_edit_insert.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_node_walk.hpp"

namespace gitopsgen {
namespace {

using namespace yaml_edit;
constexpr auto npos = std::string::npos;

// `entries` as the lines of one block sequence item: the first after `lead` (indent and dash),
// the others at the column where the first key starts; no final line break.
std::string item_lines(const std::vector<ItemEntry>& entries, const std::string& lead,
                       const std::string& eol) {
  std::string out;
  for (const auto& [key, value] : entries) {
    out += out.empty() ? lead : eol + std::string(lead.size(), ' ');
    out += plain_or_quoted(key, false) + ": " + plain_or_quoted(value, false);
  }
  return out;
}

}  // namespace

std::string node_path_text(const YamlNodePath& path) {
  std::string out;
  for (const auto& step : path) {
    if (const auto* key = std::get_if<std::string>(&step))
      out += (out.empty() ? "" : ".") + *key;
    else
      out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
  }
  return out.empty() ? "the document root" : out;
}

std::optional<std::string> yaml_read_node(const std::string& text, const YamlNodePath& path) {
  const auto doc = scan_document(text);
  auto found = walk(doc, path, "");
  if (found.node < 0) return std::nullopt;
  while (at(doc, found.node).kind == NodeKind::alias) found.node = at(doc, found.node).target;
  if (at(doc, found.node).kind != NodeKind::scalar)
    throw Error(node_path_text(path) + " is not a scalar");
  return at(doc, found.node).value;
}

std::string yaml_set_node(const std::string& text, const YamlNodePath& path,
                          const std::string& value) {
  if (std::all_of(path.begin(), path.end(), [](const YamlNodeStep& s) { return s.index() == 0; })) {
    YamlKeyPath keys;
    for (const auto& step : path) keys.push_back(std::get<std::string>(step));
    return yaml_set_scalar(text, keys, value);
  }
  const auto whole = "cannot set " + node_path_text(path) + ": ";
  if (!is_utf8(value)) throw Error(whole + "the value is not valid UTF-8");
  const auto doc = scan_document(text);
  const auto found = walk(doc, path, whole);
  const Node& n = editable_scalar(doc, found, path, whole);
  const bool flow = at(doc, found.parent).flow;
  auto out = apply_splice(text, {n.token_begin, n.end, scalar_in_style(value, n.style, flow)});
  verify_node(text, out, path, value);
  return out;
}

std::string yaml_copy_sequence_item(const std::string& text, const YamlNodePath& item,
                                    ItemPlacement placement, const std::vector<ItemEdit>& edits) {
  if (item.empty() || item.back().index() != 1)
    throw Error("internal: a sequence item's path must end with an index");
  const auto whole = "cannot copy " + node_path_text(item) + ": ";
  const auto doc = scan_document(text);
  const auto found = walk(doc, item, whole);
  if (found.node < 0) throw Error(whole + "it is missing");
  const Node& sequence = at(doc, found.parent);
  if (sequence.flow) throw Error(whole + "the sequence is written in flow style; edit it by hand");
  const Node& n = at(doc, found.node);
  const auto first = line_start(text, n.begin);
  if (!is_item_lead(text.substr(first, n.begin - first)))
    throw Error(whole + "the item does not start its own line with '- '");
  auto end = content_end(text, doc, found.node);
  if (end == npos) end = n.end;
  const auto next_line = after_line(text, end);
  const auto stop = next_line == npos ? text.size() : next_line;
  for (const auto& other : doc.nodes) {
    if (!other.anchor.empty() && other.begin >= n.begin && other.begin < stop)
      throw Error(whole + "it defines the anchor &" + other.anchor + ", which a copy would repeat");
  }

  auto copy = text.substr(first, stop - first);
  std::vector<Splice> splices;
  for (const auto& [relative, value] : edits) {
    auto path = item;
    path.insert(path.end(), relative.begin(), relative.end());
    if (!is_utf8(value))
      throw Error(whole + "the value of " + node_path_text(path) + " is not UTF-8");
    const auto target = walk(doc, path, whole);
    const Node& s = editable_scalar(doc, target, path, whole);
    if (s.token_begin < first || s.end > stop) throw Error("internal: " + whole + "scalar outside");
    splices.push_back({s.token_begin - first, s.end - first,
                       scalar_in_style(value, s.style, at(doc, target.parent).flow)});
  }
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  for (const auto& s : splices) copy = apply_splice(copy, s);

  std::string out;
  if (placement == ItemPlacement::before) {
    if (copy.back() != '\n') copy += doc.eol;
    out = text.substr(0, first) + copy + text.substr(first);
  } else if (next_line == npos) {
    out = text + doc.eol + copy;  // the item ends the text: keep it ending without a line break
  } else {
    out = text.substr(0, stop) + copy + text.substr(stop);
  }

  // The sequence holds one more item; the copy reads back every edit.
  auto copied = item;
  if (placement == ItemPlacement::after) copied.back() = std::get<std::size_t>(item.back()) + 1;
  const auto after_doc = scan_document(out);
  const auto seq_after = walk(after_doc, prefix(item, item.size() - 1), "");
  if (seq_after.node < 0 ||
      at(after_doc, seq_after.node).children.size() != sequence.children.size() + 1)
    throw Error("internal: " + whole + "the sequence did not gain exactly one item");
  for (const auto& [relative, value] : edits) {
    auto path = copied;
    path.insert(path.end(), relative.begin(), relative.end());
    verify_node(text, out, path, value);
  }
  return out;
}

std::string yaml_append_mapping_item(const std::string& text, const YamlNodePath& sequence,
                                     const std::vector<ItemEntry>& entries) {
  const auto whole = "cannot add an item to " + node_path_text(sequence) + ": ";
  if (sequence.empty() || entries.empty()) throw Error("internal: " + whole + "nothing to add");
  for (const auto& [key, value] : entries)
    if (!is_utf8(key) || !is_utf8(value)) throw Error(whole + "the item is not valid UTF-8");
  const auto doc = scan_document(text);
  const auto found = walk(doc, sequence, whole);
  std::string out;
  std::size_t items_before = 0;
  if (found.node < 0) {
    const auto holder = walk(doc, prefix(sequence, sequence.size() - 1), whole);
    if (holder.node < 0 || holder.node != found.parent ||
        at(doc, holder.node).kind != NodeKind::mapping || at(doc, holder.node).flow ||
        !std::holds_alternative<std::string>(sequence.back()))
      throw Error(whole + "it is missing, and so is a block mapping to hold it; edit it by hand");
    const Node& m = at(doc, holder.node);
    const auto indent = entry_column(doc, m);
    const auto lead = std::string(indent + indent_step(doc), ' ') + "- ";
    const auto lines = std::string(indent, ' ') +
                       plain_or_quoted(std::get<std::string>(sequence.back()), false) + ":" +
                       doc.eol + item_lines(entries, lead, doc.eol);
    out = insert_lines(text, after_line(text, content_end(text, doc, holder.node)), lines, doc.eol);
  } else {
    const Node& s = at(doc, found.node);
    if (s.kind != NodeKind::sequence) throw Error(whole + "it is not a list");
    if (s.flow || s.children.empty())
      throw Error(whole + "it is written in flow style (or empty); edit it by hand");
    const Node& last = at(doc, s.children.back());
    const auto first = line_start(text, last.begin);
    const auto lead = text.substr(first, last.begin - first);
    if (!is_item_lead(lead) || lead.find('\t') != npos)
      throw Error(whole + "its last item does not start its own line with '- '");
    items_before = s.children.size();
    const auto lines = item_lines(entries, lead, doc.eol);
    out = insert_lines(text, after_line(text, content_end(text, doc, found.node)), lines, doc.eol);
  }
  const auto after = scan_document(out);
  const auto grown = walk(after, sequence, "");
  if (grown.node < 0 || at(after, grown.node).children.size() != items_before + 1)
    throw Error("internal: " + whole + "the list did not gain exactly one item");
  for (const auto& [key, value] : entries) {
    auto path = sequence;
    path.emplace_back(items_before);
    path.emplace_back(key);
    verify_node(text, out, path, value);
  }
  return out;
}

}  // namespace gitopsgen
