#include "generators/change/three_way_merge.hpp"

#include <git2.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>

#include "generators/error.hpp"
#include "generators/git/git_handles.hpp"

namespace gitopsgen {
namespace {

// A changed range of one diff from base: [base_first, base_first + base_count) became the side's
// [side_first, side_first + side_count); 1-based.
struct Hunk {
  int base_first, base_count, side_first, side_count;
};

std::vector<Hunk> hunks(const std::string& base, const std::string& side) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = 0;
  git_patch* raw = nullptr;
  git::check(git_patch_from_buffers(&raw, base.data(), base.size(), nullptr, side.data(),
                                    side.size(), nullptr, &options),
             "diffing a generated file");
  const std::unique_ptr<git_patch, void (*)(git_patch*)> patch(raw, git_patch_free);
  std::vector<Hunk> out;
  for (std::size_t i = 0; i < git_patch_num_hunks(patch.get()); ++i) {
    const git_diff_hunk* h = nullptr;
    std::size_t lines = 0;
    git::check(git_patch_get_hunk(&h, &lines, patch.get(), i), "reading a diff hunk");
    // A pure insertion names the line it follows (old_start) with no lines of its own.
    const int base_first = h->old_lines == 0 ? h->old_start + 1 : h->old_start;
    const int side_first = h->new_lines == 0 ? h->new_start + 1 : h->new_start;
    out.push_back({base_first, h->old_lines, side_first, h->new_lines});
  }
  return out;
}

// True when two changes of base touch or overlap, as git's merge sees a conflict.
bool touch(const Hunk& a, const Hunk& b) {
  return a.base_first <= b.base_first + b.base_count && b.base_first <= a.base_first + a.base_count;
}

std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.emplace_back(text.data() + start, end - start);
    start = end;
  }
  return lines;
}

// `base` with each of ours' line-for-line replacements that the new output makes too, word for
// word, even where the new output changes the lines around it: a tag set-image moved, and that
// the new output keeps, is no conflict with a template change on the next line.
std::string with_shared_changes(const std::string& base, const std::string& ours,
                                const std::string& theirs) {
  const auto base_lines = split_lines(base);
  const auto our_lines = split_lines(ours);
  const auto their_lines = split_lines(theirs);
  std::vector<std::string_view> out(base_lines.begin(), base_lines.end());
  const auto generated = hunks(base, theirs);
  for (const auto& o : hunks(base, ours)) {
    if (o.base_count == 0 || o.base_count != o.side_count) continue;
    for (const auto& t : generated) {
      if (t.base_first > o.base_first || o.base_first + o.base_count > t.base_first + t.base_count)
        continue;
      const auto at = static_cast<std::size_t>(t.side_first - 1 + (o.base_first - t.base_first));
      bool same = at + static_cast<std::size_t>(o.side_count) <= their_lines.size();
      for (int k = 0; same && k < o.side_count; ++k)
        same = their_lines[at + static_cast<std::size_t>(k)] ==
               our_lines[static_cast<std::size_t>(o.side_first - 1 + k)];
      if (same)
        for (int k = 0; k < o.side_count; ++k)
          out[static_cast<std::size_t>(o.base_first - 1 + k)] =
              our_lines[static_cast<std::size_t>(o.side_first - 1 + k)];
      break;
    }
  }
  std::string joined;
  for (const auto& line : out) joined += line;
  return joined;
}

// git's merge of the three texts, or nothing when it leaves a conflict.
std::optional<std::string> git_merge(const std::string& base, const std::string& ours,
                                     const std::string& theirs) {
  git::ensure_libgit2();
  git_merge_file_input in_base = GIT_MERGE_FILE_INPUT_INIT, in_ours = GIT_MERGE_FILE_INPUT_INIT,
                       in_theirs = GIT_MERGE_FILE_INPUT_INIT;
  in_base.ptr = base.data();
  in_base.size = base.size();
  in_ours.ptr = ours.data();
  in_ours.size = ours.size();
  in_theirs.ptr = theirs.data();
  in_theirs.size = theirs.size();
  git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
  git_merge_file_result result{};
  git::check(git_merge_file(&result, &in_base, &in_ours, &in_theirs, &options),
             "merging a generated file");
  std::optional<std::string> merged;
  if (result.automergeable != 0) merged.emplace(result.ptr, result.len);
  git_merge_file_result_free(&result);
  return merged;
}

// One side's replacement of base lines [first, first + count) (none: an insertion before
// `first`) by `lines`.
struct Edit {
  int first, count;
  std::vector<std::string_view> lines;
  bool operator==(const Edit&) const = default;
};

std::vector<Edit> edits(const std::string& base, const std::string& side) {
  const auto side_lines = split_lines(side);
  std::vector<Edit> out;
  for (const auto& h : hunks(base, side)) {
    Edit e{h.base_first, h.base_count, {}};
    for (int k = 0; k < h.side_count; ++k)
      e.lines.push_back(side_lines[static_cast<std::size_t>(h.side_first - 1 + k)]);
    out.push_back(std::move(e));
  }
  return out;
}

// True when two different edits claim the same base lines, or insert at the same place.
bool clash(const Edit& a, const Edit& b) {
  if (a == b) return false;
  if (a.count > 0 && b.count > 0) return a.first < b.first + b.count && b.first < a.first + a.count;
  if (a.count == 0 && b.count == 0) return a.first == b.first;
  const auto& insertion = a.count == 0 ? a : b;
  const auto& replaced = a.count == 0 ? b : a;
  return replaced.first < insertion.first && insertion.first < replaced.first + replaced.count;
}

// The merge of edits that only touch, never share a line: a value file holds one setting per
// line, so a tag the new output moves and a hand edit on the next line are no conflict (git's
// merge counts touching edits as one). Nothing when two edits claim the same lines.
std::optional<std::string> merge_apart(const std::string& base, const std::string& ours,
                                       const std::string& theirs) {
  auto all = edits(base, ours);
  const auto mine = all.size();
  for (auto& t : edits(base, theirs)) {
    bool same = false;
    for (std::size_t i = 0; i < mine; ++i) {
      if (clash(all[i], t)) return std::nullopt;
      same |= all[i] == t;
    }
    if (!same) all.push_back(std::move(t));
  }
  // In base order; at one place an insertion goes before the lines a replacement takes.
  std::stable_sort(all.begin(), all.end(), [](const Edit& a, const Edit& b) {
    return a.first != b.first ? a.first < b.first : a.count < b.count;
  });
  const auto base_lines = split_lines(base);
  std::string out;
  std::size_t next = 0;  // the next base line, 0-based
  for (const auto& e : all) {
    for (; next + 1 < static_cast<std::size_t>(e.first); ++next) out += base_lines[next];
    for (const auto& line : e.lines) out += line;
    next += static_cast<std::size_t>(e.count);
  }
  for (; next < base_lines.size(); ++next) out += base_lines[next];
  return out;
}

std::string range(int first, int last) {
  if (last < first) return "before line " + std::to_string(first);
  if (first == last) return "line " + std::to_string(first);
  return "lines " + std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

MergeOutcome merge_three_way(const std::string& base, const std::string& ours,
                             const std::string& theirs) {
  MergeOutcome outcome;
  if (ours == theirs || base == theirs) {
    outcome.merged = ours;
    return outcome;
  }
  if (base == ours) {
    outcome.merged = theirs;
    return outcome;
  }
  auto merged = git_merge(base, ours, theirs);
  if (!merged) {
    const auto shared = with_shared_changes(base, ours, theirs);
    if (shared != base) merged = git_merge(shared, ours, theirs);
    if (!merged) merged = merge_apart(shared, ours, theirs);
  }
  if (merged) {
    outcome.merged = std::move(*merged);
    return outcome;
  }
  const auto mine = hunks(base, ours);
  const auto generated = hunks(base, theirs);
  for (const auto& o : mine) {
    for (const auto& t : generated) {
      if (!touch(o, t)) continue;
      outcome.conflicts.push_back({o.side_first, o.side_first + o.side_count - 1, t.side_first,
                                   t.side_first + t.side_count - 1});
      break;
    }
  }
  // git saw a conflict the hunks do not place: name the whole file rather than nothing.
  if (outcome.conflicts.empty()) outcome.conflicts.push_back({1, 0, 1, 0});
  return outcome;
}

std::string describe_region(const ConflictRegion& region) {
  return range(region.ours_first, region.ours_last) + " (the new output's " +
         range(region.theirs_first, region.theirs_last) + ")";
}

}  // namespace gitopsgen
