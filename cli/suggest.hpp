// "Did you mean": the nearest of some names to a mistyped word.
#pragma once

#include <string>
#include <vector>

namespace gitopsgen::cli {

// The candidate closest to `word` (edit distance with transpositions, or a unique prefix) when it
// is close enough to be a likely typo; empty otherwise.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" for the closest candidate, or empty.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace gitopsgen::cli
