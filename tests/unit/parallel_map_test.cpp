#include "generators/parallel_map.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

using namespace gitopsgen;

TEST_CASE("results come back in index order, every item once, across threads") {
  std::mutex m;
  std::set<std::thread::id> threads;
  const auto out = parallel_map<std::string>(300, [&](std::size_t i) {
    {
      std::lock_guard lock(m);
      threads.insert(std::this_thread::get_id());
    }
    // Long enough (60 ms in all) that the other threads start before the caller is done.
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    return std::to_string(i * i);
  });
  REQUIRE(out.size() == 300);
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i] == std::to_string(i * i));
  if (std::thread::hardware_concurrency() > 1) CHECK(threads.size() > 1);
}

TEST_CASE("the error of the lowest failing index is the one thrown, as a loop would throw it") {
  auto run = [](std::size_t count) {
    try {
      parallel_map<int>(count, [](std::size_t i) -> int {
        if (i == 700 || i == 90 || i == 91) throw std::runtime_error("item " + std::to_string(i));
        return static_cast<int>(i);
      });
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("nothing thrown");
  };
  for (int repeat = 0; repeat < 20; ++repeat) CHECK(run(1000) == "item 90");
  CHECK(run(50) == "nothing thrown");  // below 90: no failing item
}

TEST_CASE("few items run on the calling thread") {
  const auto caller = std::this_thread::get_id();
  const auto out = parallel_map<bool>(
      kParallelMinItems - 1, [&](std::size_t) { return std::this_thread::get_id() == caller; });
  for (bool on_caller : out) CHECK(on_caller);
  CHECK(parallel_map<int>(0, [](std::size_t) { return 1; }).empty());
}

TEST_CASE("work that waits on other processes may ask for threads from fewer items") {
  const auto caller = std::this_thread::get_id();
  std::atomic<int> elsewhere{0};
  parallel_map<int>(
      4,
      [&](std::size_t) {
        if (std::this_thread::get_id() != caller) ++elsewhere;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return 0;
      },
      2);
  if (parallel_threads() > 1) CHECK(elsewhere > 0);
  CHECK(parallel_map<int>(
            1, [](std::size_t i) { return static_cast<int>(i) + 7; }, 2) == std::vector<int>{7});
}

TEST_CASE("texts are read in order on the calling thread and worked on across chunks in order") {
  const auto caller = std::this_thread::get_id();
  std::size_t reads_elsewhere = 0, next_read = 0;
  bool in_order = true;
  const std::size_t count = 2 * kParallelTextChunk + 7;
  const auto out = parallel_map_texts<std::string>(
      count,
      [&](std::size_t i) {
        reads_elsewhere += std::this_thread::get_id() != caller;
        in_order &= i == next_read++;
        return std::to_string(i);
      },
      [](std::size_t i, const std::string& text) { return text + "/" + std::to_string(i); });
  CHECK(reads_elsewhere == 0);
  CHECK(in_order);
  REQUIRE(out.size() == count);
  for (std::size_t i = 0; i < count; ++i)
    CHECK(out[i] == std::to_string(i) + "/" + std::to_string(i));
}

TEST_CASE("texts read anywhere are read once each, worked on in order, errors lowest first") {
  const auto caller = std::this_thread::get_id();
  const std::size_t count = 2 * kParallelTextChunk + 7;
  std::vector<std::atomic<int>> reads(count);
  std::atomic<std::size_t> reads_elsewhere{0};
  const auto read = [&](std::size_t i) {
    ++reads[i];
    if (std::this_thread::get_id() != caller) ++reads_elsewhere;
    // Slow enough that the helpers take items before the caller has read them all.
    if (i % 256 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return std::optional<std::string>(std::to_string(i));
  };
  const auto work = [](std::size_t i, const std::optional<std::string>& text) {
    return *text + "/" + std::to_string(i);
  };
  const auto out = parallel_map_texts<std::string>(count, read, work, /*read_anywhere=*/true);
  REQUIRE(out.size() == count);
  for (std::size_t i = 0; i < count; ++i) {
    CHECK(reads[i] == 1);
    CHECK(out[i] == std::to_string(i) + "/" + std::to_string(i));
  }
  if (parallel_threads() > 1) CHECK(reads_elsewhere > 0);
  const auto failing = [](std::size_t i) {
    if (i == 5 || i == 900) throw std::runtime_error("read " + std::to_string(i));
    return std::to_string(i);
  };
  CHECK_THROWS_WITH(parallel_map_texts<std::string>(
                        count, failing, [](std::size_t, const std::string& t) { return t; }, true),
                    "read 5");
}

TEST_CASE("ChunksAhead hands out every chunk in order, and a failing chunk throws in its turn") {
  std::atomic<std::size_t> calls{0};
  ChunksAhead<std::size_t> chunks(1000, 256, [&](std::size_t i) {
    ++calls;
    if (i == 600) throw std::runtime_error("item 600");
    return i * 3;
  });
  const auto first = chunks.next();
  REQUIRE(first.size() == 256);
  for (std::size_t k = 0; k < first.size(); ++k) CHECK(first[k] == k * 3);
  const auto second = chunks.next();
  REQUIRE(second.size() == 256);
  CHECK(second.front() == 256 * 3);
  CHECK(second.back() == 511 * 3);
  CHECK_THROWS_WITH(chunks.next(), "item 600");  // the chunk of 512..767
  const auto last = chunks.next();
  REQUIRE(last.size() == 1000 - 768);
  CHECK(last.back() == 999 * 3);
  CHECK(chunks.next().empty());
  CHECK(calls.load() == 1000);  // every item once, none computed twice
  ChunksAhead<int> none(0, 256, [](std::size_t) { return 1; });
  CHECK(none.next().empty());
}

TEST_CASE("ChunksAhead computes the next chunk while the caller works on this one") {
  if (parallel_threads() < 2) return;
  std::atomic<bool> caller_busy{false};
  std::atomic<int> ran_while_busy{0};
  ChunksAhead<int> chunks(512, 256, [&](std::size_t) {
    if (caller_busy) ++ran_while_busy;
    return 0;
  });
  chunks.next();
  caller_busy = true;
  // The second chunk was started when the first was taken: it runs during this wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  caller_busy = false;
  CHECK(chunks.next().size() == 256);
  CHECK(ran_while_busy.load() == 256);
}
