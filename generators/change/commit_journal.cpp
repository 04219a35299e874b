#include "generators/change/commit_journal.hpp"

#include <sstream>

#include "generators/change/disk_transaction.hpp"
#include "generators/error.hpp"
#include "generators/git/git_repo.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

constexpr const char* kMagic = "gitopsgen-journal 1";

std::string oid_or_dash(const std::optional<git_oid>& oid) {
  return oid ? to_hex(*oid) : "-";
}

std::optional<git_oid> parse_oid(const std::string& text, const fs::path& file) {
  if (text == "-") return std::nullopt;
  git_oid oid;
  if (text.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, text.c_str()) != 0)
    throw Error(file.string() + " is damaged: '" + text + "' is not an object id");
  return oid;
}

}  // namespace

fs::path journal_path(const fs::path& git_dir) {
  return git_dir / "gitopsgen-journal";
}

void write_journal(const fs::path& git_dir, const CommitJournal& journal) {
  // In pieces of 64 KiB: the 70,000 entries of a bulk apply make 9 MB.
  write_file_atomically(journal_path(git_dir), [&journal](const ByteSink& sink) {
    std::string text = std::string(kMagic) + "\nhead " + oid_or_dash(journal.head_before) +
                       "\ncommit " + to_hex(journal.commit) + "\n";
    for (const auto& e : journal.entries) {
      text += oid_or_dash(e.before) + " " + oid_or_dash(e.after) + " " + e.path + "\n";
      if (text.size() >= 64 * 1024) {
        sink(text);
        text.clear();
      }
    }
    sink(text);
  });
}

std::optional<CommitJournal> read_journal(const fs::path& git_dir) {
  const fs::path file = journal_path(git_dir);
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  std::istringstream in(read_file(file));
  std::string magic, word, head, commit;
  std::getline(in, magic);
  if (magic != kMagic) throw Error(file.string() + " is not a gitopsgen journal");
  in >> word >> head;
  if (word != "head") throw Error(file.string() + " is damaged: no head line");
  in >> word >> commit;
  if (word != "commit") throw Error(file.string() + " is damaged: no commit line");
  CommitJournal journal;
  journal.head_before = parse_oid(head, file);
  const auto id = parse_oid(commit, file);
  if (!id) throw Error(file.string() + " is damaged: no commit id");
  journal.commit = *id;
  std::string line;
  std::getline(in, line);  // the rest of the commit line
  while (std::getline(in, line)) {
    const auto first = line.find(' ');
    const auto second = first == std::string::npos ? first : line.find(' ', first + 1);
    if (second == std::string::npos) throw Error(file.string() + " is damaged: '" + line + "'");
    journal.entries.push_back({line.substr(second + 1), parse_oid(line.substr(0, first), file),
                               parse_oid(line.substr(first + 1, second - first - 1), file)});
  }
  return journal;
}

void remove_journal(const fs::path& git_dir) noexcept {
  std::error_code ec;
  fs::remove(journal_path(git_dir), ec);
}

}  // namespace gitopsgen
