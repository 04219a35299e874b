#include "cli/suggest.hpp"

#include <algorithm>

namespace gitopsgen::cli {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
std::size_t distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.empty()) return "";
  std::string best;
  std::size_t best_distance = 0;
  std::size_t prefixed = 0;
  std::string prefix_match;
  for (const auto& candidate : candidates) {
    if (candidate == word) return "";
    if (candidate.rfind(word, 0) == 0 && word.size() >= 3) {
      ++prefixed;
      prefix_match = candidate;
    }
    const auto d = distance(word, candidate);
    if (best.empty() || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  if (prefixed == 1) return prefix_match;
  // Up to a third of the word's letters wrong (at least one, at most three) still reads as a typo.
  const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  return !best.empty() && best_distance <= allowed ? best : "";
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const auto best = closest(word, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

}  // namespace gitopsgen::cli
