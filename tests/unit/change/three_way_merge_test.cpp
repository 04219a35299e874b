#include "generators/change/three_way_merge.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

namespace {
const std::string kBase = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\n";
}

TEST_CASE("edits apart from the new output's changes are kept, theirs applied") {
  const auto ours = "# mine\na: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\nmine: true\n";
  const auto theirs = "a: 1\nb: 2\nc: 30\nd: 4\ne: 5\nf: 6\n";
  const auto out = merge_three_way(kBase, ours, theirs);
  CHECK(out.conflicts.empty());
  CHECK(out.merged == "# mine\na: 1\nb: 2\nc: 30\nd: 4\ne: 5\nf: 6\nmine: true\n");
}

TEST_CASE("one side unchanged: the other wins whole") {
  CHECK(merge_three_way(kBase, kBase, "x\n").merged == "x\n");
  CHECK(merge_three_way(kBase, "y\n", kBase).merged == "y\n");
  CHECK(merge_three_way(kBase, "z\n", "z\n").merged == "z\n");
}

TEST_CASE("the same line changed two ways is a conflict, placed in both texts") {
  const auto ours = "a: 1\nb: 2\nc: mine\nd: 4\ne: 5\nf: 6\n";
  const auto theirs = "a: 1\nb: 2\nc: theirs\nd: 4\ne: 5\nf: 6\n";
  const auto out = merge_three_way(kBase, ours, theirs);
  REQUIRE(out.conflicts.size() == 1);
  CHECK(out.conflicts[0].ours_first == 3);
  CHECK(out.conflicts[0].ours_last == 3);
  CHECK(out.conflicts[0].theirs_first == 3);
  CHECK(describe_region(out.conflicts[0]) == "line 3 (the new output's line 3)");
}

TEST_CASE("a change both sides made is shared, even beside a change of the new output alone") {
  // set-image moved the tag; the template changed the next line and renders the same tag.
  const auto base = "image:\n  tag: 1.0.0\n  pullPolicy: IfNotPresent\nreplicas: 1\n";
  const auto ours = "# by hand\nimage:\n  tag: 2.0.0\n  pullPolicy: IfNotPresent\nreplicas: 1\n";
  const auto theirs = "image:\n  tag: 2.0.0\n  pullPolicy: Always\nreplicas: 1\n";
  const auto out = merge_three_way(base, ours, theirs);
  CHECK(out.conflicts.empty());
  CHECK(out.merged == "# by hand\nimage:\n  tag: 2.0.0\n  pullPolicy: Always\nreplicas: 1\n");
}

TEST_CASE("a different change beside the new output's is still a conflict") {
  const auto base = "image:\n  tag: 1.0.0\n  pullPolicy: IfNotPresent\n";
  const auto ours = "image:\n  tag: 3.0.0\n  pullPolicy: IfNotPresent\n";
  const auto theirs = "image:\n  tag: 2.0.0\n  pullPolicy: Always\n";
  CHECK_FALSE(merge_three_way(base, ours, theirs).conflicts.empty());
}

TEST_CASE("files without a final newline merge without gaining one") {
  const auto out = merge_three_way("a\nb\nc", "x\na\nb\nc", "a\nb\nC");
  CHECK(out.conflicts.empty());
  CHECK(out.merged == "x\na\nb\nC");
}

TEST_CASE("edits on touching lines are merged: a moved tag beside a hand-tuned pull policy") {
  const auto base = "image:\n  tag: 2.1.0\n  pullPolicy: IfNotPresent\nreplicas: 1\n";
  const auto ours = "image:\n  tag: 2.1.0\n  pullPolicy: IfNotPresent  # hand-tuned\nreplicas: 1\n";
  const auto theirs = "image:\n  tag: 2.2.0\n  pullPolicy: IfNotPresent\nreplicas: 1\n";
  const auto out = merge_three_way(base, ours, theirs);
  CHECK(out.conflicts.empty());
  CHECK(out.merged ==
        "image:\n  tag: 2.2.0\n  pullPolicy: IfNotPresent  # hand-tuned\nreplicas: 1\n");
  // An insertion where the other side replaces the line after it comes first.
  const auto inserted = merge_three_way("a\nb\n", "# note\na\nb\n", "A\nb\n");
  CHECK(inserted.merged == "# note\nA\nb\n");
}

TEST_CASE("two insertions at one place are a conflict unless they are the same") {
  CHECK_FALSE(merge_three_way("a\nb\n", "a\nx\nb\n", "a\ny\nb\n").conflicts.empty());
  CHECK(merge_three_way("a\nb\n", "a\nx\nb\nc\n", "a\nx\nb\n").merged == "a\nx\nb\nc\n");
}
