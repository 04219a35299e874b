// Running independent, CPU-bound pieces of work on the machine's cores, with results and errors
// exactly as a plain loop would give them.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace gitopsgen {

// The fewest items worth a second thread: below it, starting threads costs more than it saves.
inline constexpr std::size_t kParallelMinItems = 64;

// How many threads parallel_map may use: GITOPSGEN_THREADS when set to a number from 1 up (1
// keeps all work on the calling thread), otherwise one per core, at most 8.
std::size_t parallel_threads();

// `work(i)` for every i in [0, count), in index order. Items run on up to one thread per core
// (parallel_threads) when there are at least `min_items` (fewer for work that waits on other
// processes); `work` must then touch nothing shared but what it only reads. When items throw, the
// exception of the lowest such index is rethrown, as a loop would have thrown it.
template <typename Result, typename Work>
std::vector<Result> parallel_map(std::size_t count, Work work,
                                 std::size_t min_items = kParallelMinItems) {
  std::vector<std::optional<Result>> results(count);
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  auto drain = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        results[i].emplace(work(i));
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t helpers =
      count < std::max<std::size_t>(min_items, 2) ? 0 : std::min(parallel_threads(), count) - 1;
  {
    std::vector<std::jthread> threads;
    threads.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(drain);
    drain();
  }  // joined here
  std::vector<Result> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    out.push_back(std::move(*results[i]));
  }
  return out;
}

// How many texts parallel_map_texts holds at once.
inline constexpr std::size_t kParallelTextChunk = 1024;

// `work(i, text)` for every i in [0, count), in index order, where `text` is `read(i)` (of any
// type). By default the texts are read on the calling thread (a reader need not be thread-safe,
// such as one over a git tree) and worked on with parallel_map, kParallelTextChunk at a time so
// that few are held at once. With `read_anywhere` (a reader that is, as
// Workspace::reads_concurrently says) each item is read on the thread that works on it, beside
// the others' work; errors then come as parallel_map's, the lowest index first.
template <typename Result, typename Read, typename Work>
std::vector<Result> parallel_map_texts(std::size_t count, Read read, Work work,
                                       bool read_anywhere = false) {
  if (read_anywhere)
    return parallel_map<Result>(count, [&](std::size_t i) {
      const auto text = read(i);
      return work(i, text);
    });
  using Text = std::invoke_result_t<Read&, std::size_t>;
  std::vector<Result> out;
  out.reserve(count);
  for (std::size_t start = 0; start < count; start += kParallelTextChunk) {
    const auto size = std::min(kParallelTextChunk, count - start);
    std::vector<Text> texts;
    texts.reserve(size);
    for (std::size_t k = 0; k < size; ++k) texts.push_back(read(start + k));
    auto chunk =
        parallel_map<Result>(size, [&](std::size_t k) { return work(start + k, texts[k]); });
    for (auto& r : chunk) out.push_back(std::move(r));
  }
  return out;
}

// `work(i)` for every i in [0, count), handed out a chunk of `chunk` items at a time by next(),
// in index order. Each chunk runs with parallel_map while the caller works on the one before it:
// the next chunk is started on its own thread as soon as one is taken (on the calling thread,
// when it is taken, with parallel_threads() at 1). `work` must touch nothing the caller changes.
template <typename Result>
class ChunksAhead {
 public:
  // Starts computing the first chunk.
  ChunksAhead(std::size_t count, std::size_t chunk, std::function<Result(std::size_t)> work)
      : count_(count), chunk_(chunk), work_(std::move(work)) {
    if (parallel_threads() > 1 && count_ > 0) ahead_ = start(0);
  }
  ChunksAhead(const ChunksAhead&) = delete;
  ChunksAhead& operator=(const ChunksAhead&) = delete;
  // The results of the next chunk (empty past the end); throws what its work threw, as
  // parallel_map would.
  std::vector<Result> next() {
    const auto from = taken_;
    taken_ = std::min(count_, taken_ + chunk_);
    if (!ahead_.valid()) return run(from);
    auto results = ahead_.get();
    if (taken_ < count_) ahead_ = start(taken_);
    return results;
  }

 private:
  std::vector<Result> run(std::size_t from) {
    if (from >= count_) return {};
    return parallel_map<Result>(std::min(chunk_, count_ - from),
                                [&](std::size_t k) { return work_(from + k); });
  }
  std::future<std::vector<Result>> start(std::size_t from) {
    return std::async(std::launch::async, [this, from] { return run(from); });
  }

  std::size_t count_, chunk_;
  std::function<Result(std::size_t)> work_;
  std::size_t taken_ = 0;
  std::future<std::vector<Result>> ahead_;  // last: destroyed first, waiting for its chunk
};

}  // namespace gitopsgen
