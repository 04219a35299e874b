#include "generators/platform/application_set.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace gitopsgen {

std::optional<ValueFileName> parse_value_file_path(const PlatformSettings& settings,
                                                   const std::string& path) {
  const auto dir = settings.chart_path() + "/ci/";
  if (path.rfind(dir, 0) != 0) return std::nullopt;
  const auto file = path.substr(dir.size());
  if (file.find('/') != std::string::npos || file.size() < 6 ||
      file.compare(file.size() - 5, 5, ".yaml") != 0)
    return std::nullopt;
  const auto stem = file.substr(0, file.size() - 5);
  const Environment* best = nullptr;
  for (const auto& env : settings.environments) {
    const auto suffix = "-" + env.name;
    if (stem.size() > suffix.size() &&
        stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        (!best || env.name.size() > best->name.size()))
      best = &env;
  }
  if (!best) return std::nullopt;
  return ValueFileName{stem.substr(0, stem.size() - best->name.size() - 1), best};
}

ApplicationSetTemplate application_set_template(const PlatformSettings& settings,
                                                const std::string& env) {
  const auto suffix = "-" + env + ".yaml";
  // Platform and environment names are DNS labels: the Go templates below hold no quote of YAML's
  // single-quoted style, in which the scaffold writes them.
  return {"services-" + env,
          "applications/" + env + "/applicationset.yaml",
          settings.chart_path() + "/ci/*" + suffix,
          settings.platform + "-{{ trimSuffix \".yaml\" .path.filename }}",
          "{{ trimSuffix \"" + suffix + "\" .path.filename }}",
          "ci/{{ .path.filename }}"};
}

namespace {

// The value of the field reference `ref` (".path.filename") for `params`, or nothing.
std::optional<std::string> field(const std::string& ref, const GitFileParams& params) {
  const auto slash = params.file.rfind('/');
  const auto dir = slash == std::string::npos ? std::string(".") : params.file.substr(0, slash);
  if (ref == ".path.path") return dir;
  if (ref == ".path.filename")
    return params.file.substr(slash == std::string::npos ? 0 : slash + 1);
  if (ref == ".path.basename") {
    const auto up = dir.rfind('/');
    return up == std::string::npos ? dir : dir.substr(up + 1);
  }
  return std::nullopt;
}

// The words of an action: field references, function names and double-quoted strings (kept with
// their quotes); nothing when a string is unterminated or holds an escape.
std::optional<std::vector<std::string>> words(const std::string& action) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < action.size();) {
    if (action[i] == ' ' || action[i] == '\t') {
      ++i;
    } else if (action[i] == '"') {
      const auto end = action.find('"', i + 1);
      if (end == std::string::npos) return std::nullopt;
      const auto word = action.substr(i, end - i + 1);
      if (word.find('\\') != std::string::npos) return std::nullopt;
      out.push_back(word);
      i = end + 1;
    } else {
      const auto end = std::min(action.find_first_of(" \t\"", i), action.size());
      out.push_back(action.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

// The value of one action (the text between `{{` and `}}`), or nothing.
std::optional<std::string> evaluate_action(std::string action, const GitFileParams& params) {
  // `{{-` and `-}}` trim the text around an action; the generated templates have none beside one.
  if (action.rfind("- ", 0) == 0) action.erase(0, 2);
  if (action.size() >= 2 && action.compare(action.size() - 2, 2, " -") == 0)
    action.resize(action.size() - 2);
  const auto w = words(action);
  if (!w) return std::nullopt;
  if (w->size() == 1) return field((*w)[0], params);
  if (w->size() != 3 || (*w)[1].size() < 2 || (*w)[1].front() != '"') return std::nullopt;
  const auto affix = (*w)[1].substr(1, (*w)[1].size() - 2);
  auto value = field((*w)[2], params);
  if (!value) return std::nullopt;
  if ((*w)[0] == "trimSuffix") {
    if (value->size() >= affix.size() &&
        value->compare(value->size() - affix.size(), affix.size(), affix) == 0)
      value->resize(value->size() - affix.size());
    return value;
  }
  if ((*w)[0] == "trimPrefix") {
    if (value->rfind(affix, 0) == 0) value->erase(0, affix.size());
    return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> evaluate_go_template(const std::string& text,
                                                const GitFileParams& params, std::string& problem) {
  std::string out;
  std::size_t at = 0;
  for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", at)) {
    const auto close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      problem = "'" + text + "' has an unclosed '{{'";
      return std::nullopt;
    }
    out += text.substr(at, open - at);
    const auto value = evaluate_action(text.substr(open + 2, close - open - 2), params);
    if (!value) {
      problem = "'" + text.substr(open, close + 2 - open) + "' is not an action validate evaluates";
      return std::nullopt;
    }
    out += *value;
    at = close + 2;
  }
  return out + text.substr(at);
}

std::vector<std::string> generator_files(const Workspace& repo, const FilesGenerator& generator) {
  // Every glob's literal directory prefix bounds the files it can match.
  std::vector<std::string> out;
  for (const auto& glob : generator.paths) {
    const auto wild = glob.find_first_of("*?[");
    const auto slash = glob.rfind('/', wild == std::string::npos ? glob.size() : wild);
    const auto dir = slash == std::string::npos ? std::string() : glob.substr(0, slash);
    if (!dir.empty() && !repo.is_directory(dir)) continue;
    for (auto& file : repo.list_files(dir)) {
      if (fnmatch(glob.c_str(), file.c_str(), 0) != 0) continue;
      if (std::any_of(
              generator.excludes.begin(), generator.excludes.end(),
              [&](const std::string& x) { return fnmatch(x.c_str(), file.c_str(), 0) == 0; }))
        continue;
      out.push_back(std::move(file));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<AppRecord> generate_applications(const Workspace& repo, const AppSetRecord& set,
                                             const std::string& repo_url, Findings& findings) {
  const auto skip = [&](const std::string& why) {
    findings.push_back({Finding::Severity::warning, set.file, set.line,
                        "ApplicationSet " + set.name + ": " + why +
                            ", so validate checks none of the Applications it generates"});
    return std::vector<AppRecord>{};
  };
  if (set.other_generators > 0) return skip("it has generators other than git files");
  if (!set.go_template && !set.generators.empty()) return skip("goTemplate is off");
  std::vector<AppRecord> out;
  for (const auto& generator : set.generators) {
    if (!repo_url.empty() && !same_repository(generator.repo_url, repo_url)) {
      findings.push_back({Finding::Severity::warning, set.file, generator.line,
                          "ApplicationSet " + set.name + ": a generator reads '" +
                              generator.repo_url +
                              "', not this repository, so validate checks none of the "
                              "Applications it generates from there"});
      continue;
    }
    for (const auto& file : generator_files(repo, generator)) {
      const GitFileParams params{file};
      std::string problem;
      auto app = set.app_template;
      bool evaluated = true;
      const auto evaluate = [&](std::string& text) {
        auto value = evaluated ? evaluate_go_template(text, params, problem) : std::nullopt;
        evaluated = value.has_value();
        if (evaluated) text = std::move(*value);
      };
      for (auto* text : {&app.name, &app.project, &app.destination_namespace}) evaluate(*text);
      for (auto& source : app.sources) {
        for (auto* text :
             {&source.repo_url, &source.path, &source.target_revision, &source.chart, &source.ref})
          evaluate(*text);
        for (auto& text : source.value_files) evaluate(text);
      }
      if (!evaluated) return skip(problem);
      app.generated_by = set.name;
      app.generated_from = file;
      out.push_back(std::move(app));
    }
  }
  return out;
}

}  // namespace gitopsgen
