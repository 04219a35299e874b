#include "cli/output.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <ostream>

#include "cli/terminal.hpp"

namespace gitopsgen::cli {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

namespace {

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_string(items[i]);
  return out + "]";
}

}  // namespace

std::string with_commit(const std::string& summary, const ApplyResult& result) {
  return result.commit_id ? summary + ", commit " + result.commit_id->substr(0, 12) : summary;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

void print_apply_result(const GlobalOptions& g, Streams io, const std::string& command,
                        const ApplyResult& result, const std::string& summary,
                        const std::string& extra_json) {
  // -v: every file touched, on stderr, whatever the output format.
  for (const auto& path : result.written) spdlog::debug("write  {}", path);
  for (const auto& path : result.removed) spdlog::debug("remove {}", path);
  if (result.commit_id) spdlog::debug("commit {}", *result.commit_id);
  if (g.json()) {
    io.out << "{\"command\":" << json_string(command)
           << ",\"dry_run\":" << (g.dry_run ? "true" : "false")
           << ",\"files\":" << json_array(result.written)
           << ",\"removed\":" << json_array(result.removed)
           << ",\"commit\":" << (result.commit_id ? json_string(*result.commit_id) : "null");
    if (g.dry_run) io.out << ",\"diff\":" << json_string(result.diff);
    if (!extra_json.empty()) io.out << "," << extra_json;
    io.out << "}\n";
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
