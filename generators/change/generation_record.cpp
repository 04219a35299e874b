#include "generators/change/generation_record.hpp"

#include <git2.h>

#include <vector>

#include "generators/error.hpp"
#include "generators/git/git_handles.hpp"
#include "generators/git/object_hash.hpp"

namespace gitopsgen {
namespace {

constexpr std::string_view kHeader =
    "# What gitopsgen last generated (docs/generation-record.md): each file's git blob id and the\n"
    "# inputs it came from, the base of a three-way merge when the files are generated again.\n"
    "# Written by gitopsgen; edit the files it names, never this record.\n";

bool is_hex_id(std::string_view id) {
  if (id.size() != 40 && id.size() != 64) return false;
  for (const char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string record_path(const std::string& owner) {
  return std::string(kRecordDir) + "/" + owner;
}

std::string service_record_owner(const std::string& name) {
  return "services/" + name;
}

std::string base_copy_path(const std::string& path) {
  // Not named *.yaml: linters, Argo CD and validate must not read it as a platform file.
  return std::string(kBaseDir) + "/" + path + ".base";
}

std::string format_record(const GenerationRecord& record) {
  std::string out(kHeader);
  if (!record.version.empty()) out += "generator gitopsgen " + record.version + "\n";
  if (!record.templates.empty()) out += "templates " + record.templates + "\n";
  if (!record.inputs.empty()) out += "inputs " + record.inputs + "\n";
  for (const auto& [path, id] : record.files) out += "file " + id + " " + path + "\n";
  return out;
}

GenerationRecord parse_record(const std::string& text, const std::string& source) {
  GenerationRecord record;
  std::size_t start = 0;
  for (int line = 1; start < text.size(); ++line) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view row(text.data() + start, end - start);
    start = end + 1;
    if (row.empty() || row.front() == '#') continue;
    const auto space = row.find(' ');
    const auto key = row.substr(0, space);
    const auto value = space == std::string_view::npos ? std::string_view() : row.substr(space + 1);
    auto bad = [&](const std::string& why) {
      return Error(source + ":" + std::to_string(line) + ": " + why +
                   " (the record is written by gitopsgen; restore it with git checkout)");
    };
    if (key == "generator" && value.rfind("gitopsgen ", 0) == 0) {
      record.version = value.substr(10);
    } else if (key == "templates" && !value.empty()) {
      record.templates = value;
    } else if (key == "inputs" && !value.empty()) {
      record.inputs = value;
    } else if (key == "file") {
      const auto gap = value.find(' ');
      if (gap == std::string_view::npos || !is_hex_id(value.substr(0, gap)) ||
          gap + 1 >= value.size())
        throw bad("expected 'file BLOB-ID PATH'");
      const std::string path(value.substr(gap + 1));
      if (!record.files.emplace(path, std::string(value.substr(0, gap))).second)
        throw bad(path + " is listed twice");
    } else {
      throw bad("unknown line '" + std::string(row.substr(0, 40)) + "'");
    }
  }
  return record;
}

git_oid blob_oid(std::string_view bytes) {
  return git::blob_hash(bytes);
}

std::string blob_id(std::string_view bytes) {
  const auto oid = blob_oid(bytes);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace gitopsgen
