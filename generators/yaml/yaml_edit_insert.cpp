#include "generators/yaml/yaml_edit_insert.hpp"

#include <map>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit_format.hpp"

namespace gitopsgen::yaml_edit {
namespace {

constexpr auto npos = std::string::npos;

const Node& at(const Document& doc, int index) {
  return doc.nodes[static_cast<std::size_t>(index)];
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool is_white(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// path[from…] as block lines, the first at `indent`, each deeper by `step`; no final line break.
std::string block_lines(const YamlKeyPath& path, std::size_t from, const std::string& value,
                        std::size_t indent, std::size_t step, const std::string& eol) {
  std::string out;
  for (auto i = from; i < path.size(); ++i) {
    if (i > from) out += eol;
    out += std::string(indent + (i - from) * step, ' ') + plain_or_quoted(path[i], false) + ":";
    if (i + 1 == path.size()) out += " " + plain_or_quoted(value, false);
  }
  return out;
}

// path[from…] as one flow entry: `a: {b: value}`.
std::string flow_entry(const YamlKeyPath& path, std::size_t from, const std::string& value) {
  const auto key = plain_or_quoted(path[from], true) + ": ";
  if (from + 1 == path.size()) return key + plain_or_quoted(value, true);
  return key + "{" + flow_entry(path, from + 1, value) + "}";
}

}  // namespace

std::size_t indent_step(const Document& doc) {
  std::map<std::size_t, int> counts;
  for (const auto& n : doc.nodes) {
    if (n.kind != NodeKind::mapping || n.flow) continue;
    for (std::size_t i = 1; i < n.children.size(); i += 2) {
      const auto& child = at(doc, n.children[i]);
      if (child.kind != NodeKind::mapping || child.flow || child.children.empty()) continue;
      const auto outer = entry_column(doc, n);
      const auto inner = entry_column(doc, child);
      if (inner > outer) ++counts[inner - outer];
    }
  }
  std::size_t step = 2;
  int seen = 0;
  for (const auto& [size, count] : counts) {
    if (count > seen) {
      step = size;
      seen = count;
    }
  }
  return step;
}

std::size_t entry_column(const Document& doc, const Node& mapping) {
  if (mapping.anchor.empty() && mapping.tag.empty()) return mapping.column;
  return at(doc, mapping.children.front()).column;
}

std::string insert_lines(const std::string& text, std::size_t pos, const std::string& lines,
                         const std::string& eol) {
  if (pos == npos) return text + eol + lines;
  return text.substr(0, pos) + lines + eol + text.substr(pos);
}

std::size_t content_end(const std::string& text, const Document& doc, int index) {
  const Node& n = doc.nodes[static_cast<std::size_t>(index)];
  switch (n.kind) {
    case NodeKind::alias:
      return n.end;
    case NodeKind::scalar: {
      if (!n.has_token) return n.begin < n.end ? n.end : npos;  // `key: !!str` ends at its tag
      if (n.style != ScalarStyle::literal && n.style != ScalarStyle::folded) return n.end;
      // A block scalar's token runs on over trailing blank lines into the next line's indent.
      auto end = n.end;
      while (end > n.token_begin + 1 && is_white(text[end - 1])) --end;
      while (end < text.size() && is_space(text[end])) ++end;
      return end;
    }
    case NodeKind::mapping:
    case NodeKind::sequence:
      break;
  }
  if (n.flow) return n.end;
  if (n.kind == NodeKind::mapping) {
    for (auto i = n.children.size(); i >= 2; i -= 2) {
      const auto end = entry_end(text, doc, n.children[i - 2], n.children[i - 1]);
      if (end != npos) return end;
    }
  } else if (!n.children.empty()) {
    const auto end = content_end(text, doc, n.children.back());
    if (end != npos) return end;
    // An empty last item `-`: its event sits at the next token; step back to the dash.
    auto p = doc.nodes[static_cast<std::size_t>(n.children.back())].begin;
    while (p > 0 && is_white(text[p - 1])) --p;
    if (p > 0 && text[p - 1] == '-') return p;
  }
  throw Error("cannot tell where the YAML collection at byte " + std::to_string(n.begin) + " ends");
}

std::size_t entry_end(const std::string& text, const Document& doc, int key, int value) {
  const auto end = content_end(text, doc, value);
  return end != npos ? end : content_end(text, doc, key);
}

std::size_t after_line(const std::string& text, std::size_t pos) {
  const auto brk = text.find_first_of("\r\n", pos);
  if (brk == npos) return npos;
  return text.compare(brk, 2, "\r\n") == 0 ? brk + 2 : brk + 1;
}

std::string apply_splice(const std::string& text, const Splice& splice) {
  return text.substr(0, splice.begin) + splice.text + text.substr(splice.end);
}

std::string dotted(const YamlKeyPath& path, std::size_t count) {
  if (count == 0) return "the document root";
  std::string out;
  for (std::size_t i = 0; i < count && i < path.size(); ++i) out += (i ? "." : "") + path[i];
  for (auto& c : out) {  // messages stay on one line
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return out;
}

Splice fill_empty_value(const std::string& text, const Document& doc, int key, int value,
                        const std::string& scalar, bool flow, const YamlKeyPath& path) {
  const Node& v = at(doc, value);
  if (v.begin < v.end) return {v.end, v.end, " " + scalar};  // after its anchor or tag
  const auto key_end = content_end(text, doc, key);
  if (key_end == npos)
    throw Error("cannot set " + dotted(path, path.size()) + ": its key is empty");
  auto colon = key_end;  // on the key's line, or a later one after an explicit `? key`
  while (colon < text.size() && is_white(text[colon])) ++colon;
  if (colon < text.size() && text[colon] == ':') return {colon + 1, colon + 1, " " + scalar};
  if (flow) return {key_end, key_end, ": " + scalar};  // `{key}`
  throw Error("cannot set " + dotted(path, path.size()) + ": no ':' follows its key");
}

std::string add_keys(const std::string& text, const Document& doc, int mapping,
                     const YamlKeyPath& path, std::size_t from, const std::string& value) {
  const Node& m = at(doc, mapping);
  if (!m.flow) {
    // After the line where the last entry's content ends: comments and blank lines that follow
    // it stay below the new lines.
    const auto indent = entry_column(doc, m);
    const auto lines = block_lines(path, from, value, indent, indent_step(doc), doc.eol);
    return insert_lines(text, after_line(text, content_end(text, doc, mapping)), lines, doc.eol);
  }
  const auto entry = flow_entry(path, from, value);
  if (m.children.empty()) return apply_splice(text, {m.close, m.close, entry});
  const int last_key = m.children[m.children.size() - 2];
  auto pos = content_end(text, doc, m.children.back());
  if (pos == npos) {  // `{a: }` or `{a}`: after the key and its colon
    pos = content_end(text, doc, last_key);
    if (pos == npos)
      throw Error("cannot set " + dotted(path, path.size()) +
                  ": a flow mapping ends in an empty key");
    auto colon = pos;
    while (colon < text.size() && is_white(text[colon])) ++colon;
    if (colon < text.size() && text[colon] == ':') {
      pos = colon + 1;
      while (pos < text.size() && is_space(text[pos])) ++pos;
    }
  }
  return apply_splice(text, {pos, pos, ", " + entry});
}

std::string add_keys_under_null(const std::string& text, const Document& doc, int mapping, int key,
                                int value, const YamlKeyPath& path, std::size_t from,
                                const std::string& value_text) {
  const Node& v = at(doc, value);
  if (at(doc, mapping).flow) {
    const auto piece = "{" + flow_entry(path, from, value_text) + "}";
    if (v.has_token) return apply_splice(text, {v.token_begin, v.end, piece});
    return apply_splice(text, fill_empty_value(text, doc, key, value, piece, true, path));
  }
  const auto indent = entry_column(doc, at(doc, mapping)) + indent_step(doc);
  const auto lines = block_lines(path, from, value_text, indent, indent_step(doc), doc.eol);
  if (!v.has_token)
    return insert_lines(text, after_line(text, content_end(text, doc, key)), lines, doc.eol);
  // `key: ~` becomes `key:` (a comment after it stays), the new lines follow its line.
  auto cut = v.token_begin;
  while (cut > 0 && is_white(text[cut - 1])) --cut;
  const auto pos = after_line(text, v.end);
  const auto kept = text.substr(0, cut) + text.substr(v.end, pos == npos ? npos : pos - v.end);
  if (pos == npos) return kept + doc.eol + lines;
  return kept + lines + doc.eol + text.substr(pos);
}

std::string add_keys_to_empty_document(const std::string& text, const Document& doc,
                                       const YamlKeyPath& path, const std::string& value) {
  const auto lines = block_lines(path, 0, value, 0, 2, doc.eol);
  if (doc.root < 0) {  // empty, blank or comments only: appended
    const bool bare = text.empty() || text == "\xEF\xBB\xBF";
    if (bare || text.back() == '\n' || text.back() == '\r') return text + lines + doc.eol;
    return text + doc.eol + lines;
  }
  if (!doc.explicit_start)
    throw Error("cannot set " + dotted(path, path.size()) +
                ": the document's root is not a mapping");
  // `---` opening a document that holds nothing: the keys go on the lines after it.
  return insert_lines(text, after_line(text, doc.start), lines, doc.eol);
}

}  // namespace gitopsgen::yaml_edit
