#include "generators/git/git_repo.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "generators/error.hpp"
#include "generators/git/blob_writer.hpp"
#include "generators/git/git_identity.hpp"
#include "generators/git/pack_writer.hpp"
#include "generators/parallel_map.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;
using git::check;

std::string to_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

GitRepo::GitRepo(git::Repository repo) : repo_(std::move(repo)) {
  git_oid head;
  if (git_reference_name_to_id(&head, repo_.get(), "HEAD") == 0) head_at_open_ = head;
}

std::optional<GitRepo> GitRepo::discover(const fs::path& dir) {
  git::ensure_libgit2();
  git_repository* raw = nullptr;
  const int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot open the git repository at " + dir.string());
  git::Repository repo(raw);
  if (git_repository_is_bare(repo.get()))
    throw Error(dir.string() + " is a bare repository; gitopsgen needs a work tree");
  return GitRepo(std::move(repo));
}

GitRepo GitRepo::create(const fs::path& dir, const std::string& branch) {
  git::ensure_libgit2();
  git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
  const std::string head = "refs/heads/" + branch;
  options.initial_head = head.c_str();
  git_repository* raw = nullptr;
  check(git_repository_init_ext(&raw, dir.c_str(), &options),
        "cannot create a git repository at " + dir.string());
  return GitRepo(git::Repository(raw));
}

fs::path GitRepo::workdir() const {
  const char* dir = git_repository_workdir(repo_.get());
  return dir ? fs::path(dir) : fs::path();
}

std::optional<std::string> GitRepo::head_id() const {
  git_oid head;
  if (git_reference_name_to_id(&head, repo_.get(), "HEAD") != 0) return std::nullopt;
  return to_hex(head);
}

std::string GitRepo::head_branch() const {
  git_reference* raw = nullptr;
  check(git_reference_lookup(&raw, repo_.get(), "HEAD"), "cannot read HEAD");
  git::Reference head(raw);
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC)
    throw Error("HEAD is detached; check out a branch first");
  std::string target = git_reference_symbolic_target(head.get());
  const std::string prefix = "refs/heads/";
  if (target.rfind(prefix, 0) != 0) throw Error("HEAD does not point at a branch");
  return target.substr(prefix.size());
}

std::optional<std::string> GitRepo::remote_url(const std::string& name) const {
  git_remote* raw = nullptr;
  if (git_remote_lookup(&raw, repo_.get(), name.c_str()) != 0) return std::nullopt;
  const std::unique_ptr<git_remote, decltype(&git_remote_free)> remote(raw, git_remote_free);
  const char* url = git_remote_url(remote.get());
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

git_oid GitRepo::write_commit(const ChangeSet& changes, const std::string& message) {
  return write_commit_on(head_at_open_, changes, message);
}

std::optional<git_oid> GitRepo::ref_target(const std::string& ref) const {
  git_oid id;
  if (git_reference_name_to_id(&id, repo_.get(), ref.c_str()) != 0) return std::nullopt;
  return id;
}

bool GitRepo::contains(const git_oid& commit, const git_oid& ancestor) const {
  if (git_oid_equal(&commit, &ancestor)) return true;
  return check(git_graph_descendant_of(repo_.get(), &commit, &ancestor),
               "cannot compare commits") == 1;
}

void GitRepo::create_branch(const std::string& name, const git_oid& commit) {
  const std::string ref = "refs/heads/" + name;
  int valid = 0;
  if (git_reference_name_is_valid(&valid, ref.c_str()) < 0 || !valid)
    throw Error("'" + name + "' is not a valid branch name");
  if (ref_target(ref)) throw Error("branch '" + name + "' already exists");
  git_reference* raw = nullptr;
  check(git_reference_create(&raw, repo_.get(), ref.c_str(), &commit, 0, "gitopsgen: branch"),
        "cannot create branch " + name);
  git::Reference owned(raw);
}

void GitRepo::move_head_to(const git_oid& commit, const std::string& message) {
  git_commit* raw_commit = nullptr;
  check(git_commit_lookup(&raw_commit, repo_.get(), &commit), "cannot read commit");
  git::Commit target(raw_commit);
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
  options.checkout_strategy = GIT_CHECKOUT_SAFE;
  check(git_checkout_tree(repo_.get(), reinterpret_cast<const git_object*>(target.get()), &options),
        "cannot update the work tree (uncommitted changes in the same files?)");
  advance_head(commit, message);
}

namespace {

// From this many new blobs on they are written as one pack, as git keeps a fetch of more than
// transfer.unpackLimit (100) objects: one file instead of a file (and a directory lookup) each.
constexpr std::size_t kPackThreshold = 100;

// Turns libgit2's check that objects named by new trees exist off while in scope (the process
// makes its commits on one thread).
class StrictObjectsOff {
 public:
  StrictObjectsOff() { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0); }
  ~StrictObjectsOff() { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1); }
  StrictObjectsOff(const StrictObjectsOff&) = delete;
  StrictObjectsOff& operator=(const StrictObjectsOff&) = delete;
};

// Writes the blobs, trees and the commit of `parent`'s tree plus `changes` into `repo`'s object
// database (many blobs as one pack, the rest loose), recording in `blobs` the id of each blob
// written for a change that has no new_id.
git_oid build_commit(git_repository* repo, const std::optional<git_oid>& parent_id,
                     const ChangeSet& changes, const std::string& message,
                     std::map<std::string, git_oid>& blobs) {
  // A missing identity stops the commit before any object is written.
  const auto identity = git::resolve_identity(repo);
  blobs.clear();
  git::Commit parent;
  git::Tree base;
  if (parent_id) {
    git_commit* raw_commit = nullptr;
    check(git_commit_lookup(&raw_commit, repo, &*parent_id), "cannot read the parent commit");
    parent.reset(raw_commit);
    git_tree* raw_tree = nullptr;
    check(git_commit_tree(&raw_tree, parent.get()), "cannot read HEAD's tree");
    base.reset(raw_tree);
  }
  // Only the trees on the changed paths are rewritten, not the whole index of the repository.
  std::vector<git_tree_update> updates;
  std::vector<BlobToStore> contents;
  for (const auto& change : changes.changes()) {
    if (!change.writes()) continue;
    BlobToStore blob{{}, &change.path, change.new_id ? &*change.new_id : nullptr, {}};
    if (change.held)
      blob.bytes = *change.held;
    else
      blob.load = [&changes, &change] { return *changes.new_bytes(change); };
    contents.push_back(std::move(blob));
  }
  const auto ids = contents.size() >= kPackThreshold ? write_blob_pack(repo, contents)
                                                     : BlobWriter(repo).write_all(contents);
  std::size_t next_id = 0;
  for (const auto& change : changes.changes()) {
    git_tree_update update{};
    update.path = change.path.c_str();
    if (change.writes()) {
      update.id = ids[next_id++];
      // The blob of a change whose maker hashed it is its new_id; only the others are kept.
      if (!change.new_id) blobs[change.path] = update.id;
      update.action = GIT_TREE_UPDATE_UPSERT;
      update.filemode = GIT_FILEMODE_BLOB;
    } else {
      update.action = GIT_TREE_UPDATE_REMOVE;
    }
    updates.push_back(update);
  }
  if (!base) {
    // No parent: start from the empty tree.
    git_treebuilder* raw_builder = nullptr;
    check(git_treebuilder_new(&raw_builder, repo, nullptr), "cannot build a tree");
    git_oid empty;
    const int rc = git_treebuilder_write(&empty, raw_builder);
    git_treebuilder_free(raw_builder);
    check(rc, "cannot write the empty tree");
    git_tree* raw_tree = nullptr;
    check(git_tree_lookup(&raw_tree, repo, &empty), "cannot read the empty tree");
    base.reset(raw_tree);
  }
  git_oid tree_id;
  {
    // libgit2's strict object creation would read the header of every blob the update names
    // (70,000 reads of a new pack for a bulk apply); they were all stored just above.
    const StrictObjectsOff unchecked;
    check(git_tree_create_updated(&tree_id, repo, base.get(), updates.size(), updates.data()),
          "cannot write the tree");
  }
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, repo, &tree_id), "cannot read the new tree");
  git::Tree tree(raw_tree);
  const git_commit* parents[] = {parent.get()};
  git_oid commit_id;
  check(git_commit_create(&commit_id, repo, nullptr, identity.author.get(),
                          identity.committer.get(), nullptr, message.c_str(), tree.get(),
                          parent ? 1 : 0, parent ? parents : nullptr),
        "cannot create the commit");
  return commit_id;
}

}  // namespace

git_oid GitRepo::write_commit_on(const std::optional<git_oid>& parent_id, const ChangeSet& changes,
                                 const std::string& message) {
  written_from_ = nullptr;
  const auto commit = build_commit(repo_.get(), parent_id, changes, message, written_blobs_);
  written_from_ = &changes;
  return commit;
}

void GitRepo::stage(const ChangeSet& changes) {
  git_index* raw = nullptr;
  check(git_repository_index(&raw, repo_.get()), "cannot open the index");
  git::Index index(raw);
  const auto root = workdir();
  // The blobs were stored by write_commit_on: no need to read each one's header again.
  const StrictObjectsOff unchecked;
  // In path order: libgit2 keeps its entries sorted and inserts each new one at its place, so
  // new paths added in the ChangeSet's order moved the entries after them every time (the
  // records of a bulk apply sort first).
  std::vector<const FileChange*> sorted;
  sorted.reserve(changes.changes().size());
  for (const auto& change : changes.changes()) sorted.push_back(&change);
  std::sort(sorted.begin(), sorted.end(),
            [](const FileChange* a, const FileChange* b) { return a->path < b->path; });
  // Each written file's stat data, looked up on every core (70,000 lstat calls in a bulk apply),
  // a chunk of files ahead of the entries being added: 144 bytes each need not be held for all
  // of them at once.
  struct Stat {
    struct stat st;
    bool ok;
  };
  constexpr std::size_t kChunk = 4096;
  ChunksAhead<Stat> chunks(sorted.size(), kChunk, [&](std::size_t i) {
    Stat s{};
    s.ok = sorted[i]->writes() && ::lstat((root / sorted[i]->path).c_str(), &s.st) == 0;
    return s;
  });
  std::vector<Stat> stats;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i % kChunk == 0) stats = chunks.next();
    const auto& stat = stats[i % kChunk];
    const auto& change = *sorted[i];
    if (!change.writes()) {
      check(git_index_remove_bypath(index.get(), change.path.c_str()),
            "cannot unstage " + change.path);
      continue;
    }
    const auto blob = written_blob(changes, change);
    const auto& st = stat.st;
    if (!blob || !stat.ok) {
      check(git_index_add_bypath(index.get(), change.path.c_str()), "cannot stage " + change.path);
      continue;
    }
    // The entry git itself would write: the blob's id and the file's stat data, so that
    // `git status` finds the file clean without hashing it again.
    git_index_entry entry{};
    entry.ctime.seconds = static_cast<int32_t>(st.st_ctim.tv_sec);
    entry.ctime.nanoseconds = static_cast<uint32_t>(st.st_ctim.tv_nsec);
    entry.mtime.seconds = static_cast<int32_t>(st.st_mtim.tv_sec);
    entry.mtime.nanoseconds = static_cast<uint32_t>(st.st_mtim.tv_nsec);
    entry.dev = static_cast<uint32_t>(st.st_dev);
    entry.ino = static_cast<uint32_t>(st.st_ino);
    entry.mode = (st.st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
    entry.uid = st.st_uid;
    entry.gid = st.st_gid;
    entry.file_size = static_cast<uint32_t>(st.st_size);
    entry.id = *blob;
    entry.path = change.path.c_str();
    check(git_index_add(index.get(), &entry), "cannot stage " + change.path);
  }
  check(git_index_write(index.get()), "cannot write the index");
}

std::optional<git_oid> GitRepo::written_blob(const ChangeSet& changes,
                                             const FileChange& change) const {
  if (&changes != written_from_ || !change.writes()) return std::nullopt;
  if (const auto it = written_blobs_.find(change.path); it != written_blobs_.end())
    return it->second;
  return change.new_id;
}

bool GitRepo::has_local_change_or_link(const std::string& path) const {
  std::error_code ec;
  if (std::filesystem::is_symlink(workdir() / path, ec)) return true;
  unsigned int flags = 0;
  if (git_status_file(&flags, repo_.get(), path.c_str()) < 0) return false;
  return flags != GIT_STATUS_CURRENT && (flags & GIT_STATUS_IGNORED) == 0;
}

std::optional<std::string> GitRepo::read_blob(const std::string& id) const {
  git_oid oid;
  if (git_oid_fromstr(&oid, id.c_str()) < 0) return std::nullopt;
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo_.get(), &oid) < 0) return std::nullopt;
  const std::unique_ptr<git_blob, git::Deleter<git_blob, git_blob_free>> blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

void GitRepo::advance_head(const git_oid& commit, const std::string& message) {
  const std::string branch_ref = "refs/heads/" + head_branch();
  const auto first_line = message.substr(0, message.find('\n'));
  git_reference* raw = nullptr;
  if (head_at_open_) {
    check(git_reference_create_matching(&raw, repo_.get(), branch_ref.c_str(), &commit, 1,
                                        &*head_at_open_, ("commit: " + first_line).c_str()),
          "cannot move " + branch_ref + " (did someone else commit meanwhile?)");
  } else {
    check(git_reference_create(&raw, repo_.get(), branch_ref.c_str(), &commit, 0,
                               ("commit (initial): " + first_line).c_str()),
          "cannot create " + branch_ref);
  }
  git::Reference ref(raw);
  head_at_open_ = commit;
}

}  // namespace gitopsgen
