#include "cli/output.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ostream>

#include "cli/terminal.hpp"
#include "generators/yaml/yaml_emit.hpp"

namespace gitopsgen::cli {

void print_value(const GlobalOptions& g, Streams io, const JsonValue& value) {
  io.out << (g.output == "yaml" ? to_yaml(value) : to_json(value) + "\n");
}

std::string with_commit(const std::string& summary, const ApplyResult& result) {
  return result.commit_id ? summary + ", commit " + result.commit_id->substr(0, 12) : summary;
}

std::vector<std::size_t> column_widths(const std::vector<std::vector<std::string>>& table) {
  std::vector<std::size_t> widths;
  for (const auto& row : table) {
    if (widths.size() < row.size()) widths.resize(row.size());
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  return widths;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

void print_apply_result(const GlobalOptions& g, Streams io, const std::string& command,
                        const ApplyResult& result, const std::string& summary,
                        const JsonValue& extra) {
  // -v: every file touched, on stderr, whatever the output format.
  for (const auto& path : result.written) spdlog::debug("write  {}", path);
  for (const auto& path : result.removed) spdlog::debug("remove {}", path);
  if (result.commit_id) spdlog::debug("commit {}", *result.commit_id);
  if (g.structured()) {
    auto value = JsonValue::object();
    value.add("command", command)
        .add("dry_run", g.dry_run)
        .add("files", JsonValue::strings(result.written))
        .add("removed", JsonValue::strings(result.removed))
        .add("commit", result.commit_id)
        .add("diff", g.dry_run ? JsonValue(result.diff) : JsonValue());
    for (const auto& member : extra.members()) value.add(member.key, member.value);
    print_value(g, io, value);
    return;
  }
  if (g.dry_run) {
    page(colour_diff(result.diff, g.colour), io.out, !g.no_pager);
    return;
  }
  if (!g.quiet) io.out << summary << "\n";
}

ApplyOptions apply_options(const GlobalOptions& g) {
  ApplyOptions options;
  options.mode = g.dry_run     ? ApplyOptions::Mode::dry_run
                 : g.no_commit ? ApplyOptions::Mode::write_only
                               : ApplyOptions::Mode::commit;
  options.message = g.message;
  options.allow_dirty = g.allow_dirty;
  return options;
}

std::filesystem::path resolve_directory(const GlobalOptions& g, const std::string& dir) {
  return std::filesystem::path(g.directory) / dir;
}

}  // namespace gitopsgen::cli
