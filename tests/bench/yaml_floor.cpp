// The floor of the benchmark's validate and status rows: every YAML file under a directory (or
// only the value files of its charts) read and parsed once by libyaml, events only, on every
// core. Prints how many files it parsed; exits 1 when one does not parse.
//
//   yaml_floor DIR all|values
#include <yaml.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool parses(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  bool ok = true;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      ok = false;
      break;
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::string(argv[2]) != "all" && std::string(argv[2]) != "values")) {
    std::fprintf(stderr, "usage: yaml_floor DIR all|values\n");
    return 2;
  }
  const fs::path root = argv[1];
  const bool values_only = std::string(argv[2]) == "values";
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    const auto ext = it->path().extension();
    if (!it->is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    const auto relative = fs::relative(it->path(), root).generic_string();
    if (relative.find("/templates/") != std::string::npos) continue;  // Helm templates
    if (values_only && relative.find("/ci/") == std::string::npos) continue;
    files.push_back(it->path());
  }
  std::atomic<std::size_t> next{0}, failed{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      std::ifstream in(files[i], std::ios::binary);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!parses(text)) ++failed;
    }
  };
  const auto threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  std::printf("%zu\n", files.size());
  return failed ? 1 : 0;
}
