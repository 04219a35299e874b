#include "generators/change/regeneration.hpp"

#include <doctest/doctest.h>

#include "generators/change/overlay_workspace.hpp"
#include "generators/error.hpp"

using namespace gitopsgen;

namespace {

const std::string kOwner = "services/pay";
const std::string kFile = "charts/p/ci/pay-dev.yaml";
const std::string kV1 = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n";
const std::string kV2 = "a: 1\nb: 2\nc: 3\nd: 4\ne: 50\n";

// A repository that holds `file` as generated from kV1 (when `recorded`), then changed to `now`.
MemoryWorkspace repository(const std::string& now, bool recorded = true) {
  MemoryWorkspace repo;
  repo.put(kFile, now);
  if (recorded) {
    GenerationRecord record;
    record.files[kFile] = blob_id(kV1);
    repo.put(record_path(kOwner), format_record(record));
  }
  return repo;
}

// The outcome of writing kV2 over `repo` with `options`, and the change.
struct Run {
  ChangeSet changes;
  FileReports reports;
};
Run regenerate(const MemoryWorkspace& repo, RegenerationOptions options = {}) {
  Run run{ChangeSet(repo), {}};
  const OverlayWorkspace view(repo, run.changes);
  Regeneration regen(run.changes, view, std::move(options));
  regen.write(kOwner, kFile, kV2);
  run.reports = regen.reports();
  regen.finish();
  return run;
}

// What `file` holds after `changes` on `repo`.
std::string after(const Run& run, const std::string& path) {
  return run.changes.read_after(path).value_or("(none)");
}

}  // namespace

TEST_CASE("an unedited file takes the new output; its record moves to the new blob") {
  const auto repo = repository(kV1);
  const auto run = regenerate(repo);
  CHECK(after(run, kFile) == kV2);
  CHECK(run.reports.at(0).outcome == FileOutcome::updated);
  const auto record = parse_record(after(run, record_path(kOwner)), "r");
  CHECK(record.files.at(kFile) == blob_id(kV2));
  CHECK_FALSE(run.changes.read_after(base_copy_path(kFile)));
}

TEST_CASE("a hand edit elsewhere is merged, and the new output is kept as the next base") {
  const auto repo = repository("# mine\n" + kV1);
  // The base is found in the repository's objects.
  RegenerationOptions options;
  options.blobs = [](const std::string& id) -> std::optional<std::string> {
    if (id == blob_id(kV1)) return kV1;
    return std::nullopt;
  };
  const auto run = regenerate(repo, options);
  CHECK(after(run, kFile) == "# mine\n" + kV2);
  CHECK(run.reports.at(0).outcome == FileOutcome::merged);
  CHECK(after(run, base_copy_path(kFile)) == kV2);
}

TEST_CASE("without the base in any object, the file is refused and nothing planned") {
  const auto repo = repository("# mine\n" + kV1);
  CHECK_THROWS_WITH_AS(regenerate(repo), doctest::Contains("are in no object"), Error);
}

TEST_CASE("a base copy committed beside the file serves as the base") {
  auto repo = repository("# mine\n" + kV1);
  repo.put(base_copy_path(kFile), kV1);
  CHECK(after(regenerate(repo), kFile) == "# mine\n" + kV2);
}

TEST_CASE("a conflict is refused with its lines; the flags settle it per file") {
  const auto edited = "a: 1\nb: 2\nc: 3\nd: 4\ne: mine\n";
  auto repo = repository(edited);
  repo.put(base_copy_path(kFile), kV1);
  CHECK_THROWS_WITH_AS(regenerate(repo), doctest::Contains("pay-dev.yaml line 5 (the new output"),
                       Error);
  RegenerationOptions take;
  take.take_new = {kFile};
  CHECK(after(regenerate(repo, take), kFile) == kV2);
  RegenerationOptions keep;
  keep.keep_file = {kFile};
  const auto kept = regenerate(repo, keep);
  CHECK(after(kept, kFile) == edited);
  CHECK(kept.reports.at(0).outcome == FileOutcome::kept);
  // The declined output is the next base: the same output is not offered again.
  CHECK(parse_record(after(kept, record_path(kOwner)), "r").files.at(kFile) == blob_id(kV2));
}

TEST_CASE("a file outside the record is refused unless it is already as generated") {
  CHECK_THROWS_WITH_AS(regenerate(repository("x: 1\n", false)),
                       doctest::Contains("not in the generation record"), Error);
  const auto repo = repository(kV2, false);
  const auto run = regenerate(repo);
  CHECK(run.reports.at(0).outcome == FileOutcome::unchanged);
  CHECK(parse_record(after(run, record_path(kOwner)), "r").files.at(kFile) == blob_id(kV2));
}

TEST_CASE("a recorded file deleted by hand is not written back silently") {
  MemoryWorkspace repo = repository(kV1);
  repo.remove(kFile);
  CHECK_THROWS_WITH_AS(regenerate(repo), doctest::Contains("deleted since"), Error);
}

TEST_CASE("adopting: a file outside the record stays as it is, the new output its base") {
  RegenerationOptions adopt;
  adopt.adopt = true;
  const auto hand = "# written by hand\n" + kV1;
  const auto repo = repository(hand, false);  // outlives the run, which reads through it
  const auto run = regenerate(repo, adopt);
  CHECK(after(run, kFile) == hand);
  CHECK(run.reports.at(0).outcome == FileOutcome::adopted);
  CHECK(parse_record(after(run, record_path(kOwner)), "r").files.at(kFile) == blob_id(kV2));
  // Its base is committed beside it: a later merge finds it in every clone.
  CHECK(after(run, base_copy_path(kFile)) == kV2);
  // A recorded file is merged as ever.
  auto recorded = repository("# mine\n" + kV1);
  recorded.put(base_copy_path(kFile), kV1);
  CHECK(regenerate(recorded, adopt).reports.at(0).outcome == FileOutcome::merged);
}

TEST_CASE("a settled record is in the change before finish, and the run may not name it again") {
  MemoryWorkspace repo;
  ChangeSet changes(repo);
  const OverlayWorkspace view(repo, changes);
  RegenerationOptions options;
  options.version = "9.9.9";
  Regeneration regen(changes, view, options);
  regen.write(kOwner, kFile, kV2);
  regen.set_inputs(kOwner, "inputs-of-pay", "digest");
  regen.settle(kOwner);
  const auto settled = changes.read_after(record_path(kOwner));
  REQUIRE(settled);
  const auto record = parse_record(*settled, "r");
  CHECK(record.files.at(kFile) == blob_id(kV2));
  CHECK(record.inputs == "inputs-of-pay");
  CHECK(record.version == "9.9.9");
  CHECK_THROWS_AS(regen.write(kOwner, kFile, kV1), Error);
  CHECK_THROWS_AS(regen.pending(kOwner), Error);
  // finish leaves the settled record as it was, and writes the others.
  regen.write("services/cart", "charts/p/ci/cart-dev.yaml", kV1);
  regen.finish();
  CHECK(changes.read_after(record_path(kOwner)) == settled);
  CHECK(changes.read_after(record_path("services/cart")));
  CHECK(changes.read_after(kFile) == kV2);
}

TEST_CASE("settling a record read unchanged writes nothing; one emptied is deleted") {
  const auto repo = repository(kV1);
  {
    ChangeSet changes(repo);
    const OverlayWorkspace view(repo, changes);
    Regeneration regen(changes, view, {});
    regen.write(kOwner, kFile, kV1);  // as recorded: the record stays as it is
    regen.settle(kOwner);
    CHECK(changes.empty());
  }
  ChangeSet changes(repo);
  const OverlayWorkspace view(repo, changes);
  Regeneration regen(changes, view, {});
  regen.remove(kOwner, kFile);
  regen.settle(kOwner);
  CHECK_FALSE(changes.read_after(record_path(kOwner)));
  CHECK_FALSE(changes.read_after(kFile));
}
