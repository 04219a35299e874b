#include "cli/man_page.hpp"

#include <cstdio>

#include "cli/app.hpp"

namespace gitopsgen::cli {
namespace {

// A man page section of fixed rows: a term and what it means.
struct Row {
  const char* term;
  const char* text;
};

// Every environment variable gitopsgen reads (grep getenv in cli/ and generators/).
constexpr Row kEnvironment[] = {
    {"NO_COLOR", "When set and not empty, output is not coloured (unless --color=always)."},
    {"TERM", "When \"dumb\", output is not coloured (unless --color=always)."},
    {"GITOPSGEN_PAGER",
     "The pager for long output on a terminal; empty or \"cat\" for none. Overrides PAGER."},
    {"PAGER", "The pager when GITOPSGEN_PAGER is unset; the default is less."},
    {"LESS", "Set to FRX for the pager when unset."},
    {"GITOPSGEN_THREADS",
     "How many threads render and validate in parallel (1 to 64; default: the processors, at "
     "most 8)."},
    {"GITOPSGEN_TOKEN, GIT_TOKEN", "The password (token) for HTTPS remotes, for --push."},
    {"GITOPSGEN_USERNAME",
     "The user name for HTTPS remotes whose URL names none (default: x-access-token)."},
    {"GITOPSGEN_SSH_KEY", "The private key for SSH remotes (default: the ssh-agent)."},
    {"GITOPSGEN_KNOWN_HOSTS", "The SSH host keys to trust (default: ~/.ssh/known_hosts)."},
    {"GIT_SSL_CAINFO, SSL_CERT_FILE", "A CA bundle to trust for HTTPS remotes, as git reads it."},
    {"GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_AUTHOR_DATE",
     "The author of the commits gitopsgen makes, as git reads them (else git config user.name "
     "and user.email); a date in git's internal format \"<epoch> <+hhmm>\"."},
    {"GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL, GIT_COMMITTER_DATE", "The committer, likewise."},
    {"HOME", "Where ~/.ssh/known_hosts is."},
    {"PATH", "Where validate --render finds helm."},
    {"TMPDIR",
     "Where a change keeps the new contents past its first 8 MiB until it commits them (an "
     "unnamed file, gone when the command ends; default /tmp)."},
    {"MIMALLOC_DECOMMIT_DELAY, MIMALLOC_RESET_DELAY",
     "How many milliseconds mimalloc, the allocator of the plain build, waits before giving freed "
     "memory back to the system (default 25); when neither is set, apply uses 0."},
    {"GOMAXPROCS",
     "Passed on to helm as it is; when unset, validate --render runs each helm with "
     "GOMAXPROCS=1 while it renders on several cores."},
};

constexpr Row kFiles[] = {
    {"gitopsgen.yaml",
     "The platform's settings, at the root of the platform repository: written by init, read by "
     "every other command."},
    {".gitopsgen-allow-secrets",
     "At the repository root: the fingerprints of secret-looking values known to be safe, one a "
     "line (# starts a comment)."},
    {"$GIT_DIR/gitopsgen.lock",
     "Held while a command changes the repository: one run at a time (see --lock-timeout)."},
    {"$GIT_DIR/gitopsgen-journal",
     "The record of a commit in progress, which recover (or the next changing command) finishes "
     "or undoes after a crash."},
    {"~/.ssh/known_hosts", "The SSH host keys --push trusts."},
};

// The exit codes, from ExitCode in cli/app.hpp.
const Row kExitStatus[] = {
    {"0", "Done, or nothing to change."},
    {"1", "Failed: an error, and nothing was changed."},
    {"2", "Usage error: the command line is wrong."},
    {"3", "Needs a person: a conflict or a refusal only a person can resolve."},
};
static_assert(kSuccess == 0 && kFailure == 1 && kUsage == 2 && kNeedsPerson == 3,
              "the EXIT STATUS section lists ExitCode");

std::string bold(const std::string& text) {
  return "\\fB" + roff_escape(text) + "\\fR";
}
std::string italic(const std::string& text) {
  return "\\fI" + roff_escape(text) + "\\fR";
}

// A paragraph of ordinary text: each line escaped and without leading blanks.
std::string paragraph(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto line = text.substr(start, end - start);
    line.erase(0, line.find_first_not_of(' '));
    if (!line.empty()) out += roff_escape(line) + "\n";
    start = end + 1;
  }
  return out;
}

// The name(s) and value of option `a`: "\fB-o\fR, \fB--output\fR \fIFORMAT\fR".
std::string option_term(const Argument& a) {
  std::string term;
  for (auto it = a.names.rbegin(); it != a.names.rend(); ++it)
    term += (term.empty() ? "" : ", ") + bold(*it);
  if (a.kind != ValueKind::none) term += " " + italic(a.type_name.empty() ? "VALUE" : a.type_name);
  return term;
}

std::string option_text(const Argument& a) {
  std::string text = a.description;
  bool listed = !a.choices.empty();
  for (const auto& choice : a.choices) listed = listed && text.find(choice) != std::string::npos;
  if (!a.choices.empty() && !listed) {
    std::string values;
    for (const auto& choice : a.choices) values += (values.empty() ? "" : ", ") + choice;
    text += " (one of: " + values + ")";
  }
  if (a.required) text += " (required)";
  return text;
}

std::string rows(const std::vector<Argument>& arguments) {
  std::string out;
  for (const auto& a : arguments)
    out += ".TP\n" + (a.positional.empty() ? option_term(a) : italic(a.positional)) + "\n" +
           paragraph(option_text(a));
  return out;
}

// The usage line of `c`: its required options and its arguments.
std::string synopsis(const CliModel& model, const Command& c) {
  std::string out = bold(model.name + " " + c.path);
  if (!c.children.empty()) return out + " " + italic("SUBCOMMAND") + " [" + italic("OPTIONS") + "]";
  out += " [" + italic("OPTIONS") + "]";
  for (const auto& a : c.options)
    if (a.required) out += " " + bold(a.names.front()) + " " + italic(a.type_name);
  for (const auto& a : c.positional) {
    const auto word = italic(a.positional) + (a.repeatable ? "\\&..." : "");
    out += " " + (a.required ? word : "[" + word + "]");
  }
  return out;
}

// A command's footer: notes as paragraphs, indented example lines verbatim.
std::string footer(const std::string& text) {
  std::string out;
  bool in_example = false;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    start = end + 1;
    const bool example = line.rfind("  ", 0) == 0;
    if (example && !in_example) out += ".PP\n.RS 4\n.nf\n";
    if (!example && in_example) out += ".fi\n.RE\n";
    in_example = example;
    if (example)
      out += roff_escape(line.substr(2)) + "\n";
    else if (!line.empty())
      out += ".PP\n" + roff_escape(line) + "\n";
  }
  if (in_example) out += ".fi\n.RE\n";
  return out;
}

std::string command_section(const CliModel& model, const Command& c) {
  std::string out = ".SS \"" + roff_escape(c.path) + "\"\n" + synopsis(model, c) + "\n.PP\n" +
                    paragraph(c.description);
  if (!c.positional.empty()) out += ".PP\nArguments:\n.RS 4\n" + rows(c.positional) + ".RE\n";
  std::vector<Argument> options;
  for (const auto& a : c.options)
    if (a.names.front() != "--help") options.push_back(a);
  if (!options.empty()) out += ".PP\nOptions:\n.RS 4\n" + rows(options) + ".RE\n";
  if (c.path.find(' ') == std::string::npos) {
    std::string shared;
    for (const auto& a : c.shared) {
      shared += (shared.empty() ? "" : ", ") + bold(a.names.front());
      if (a.names.front() == "--output") {
        std::string formats;
        for (const auto& f : a.choices) formats += (formats.empty() ? "" : ", ") + f;
        shared += " (" + roff_escape(formats) + ")";
      }
    }
    out += ".PP\nShared options it honours: " + shared + ".\n";
  }
  out += footer(c.footer);
  for (const auto& child : c.children) out += command_section(model, child);
  return out;
}

std::string table(const char* heading, const Row* begin, const Row* end) {
  std::string out = std::string(".SH ") + heading + "\n";
  for (const Row* row = begin; row != end; ++row)
    out += ".TP\n" + bold(row->term) + "\n" + paragraph(row->text);
  return out;
}

}  // namespace

std::string roff_escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c == '.' || c == '\'') && (out.empty() || out.back() == '\n')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '\'') {
      out += "\\(aq";
    } else if (c == '`') {
      out += "\\(ga";
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // One UTF-8 sequence as \[uXXXX]; a stray byte as U+FFFD.
      const int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      unsigned code = length == 1 ? 0xfffd : c & (0x7f >> length);
      for (int k = 1; k < length && i + 1 < text.size(); ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3f);
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\[u%04X]", code);
      out += buffer;
    }
  }
  return out;
}

std::string man_page(const CliModel& model, const std::string& version) {
  auto summary = model.description;
  if (summary.rfind(model.name + ": ", 0) == 0) summary.erase(0, model.name.size() + 2);
  std::string out =
      ".\\\" The gitopsgen(1) man page; written by `gitopsgen __man` from the\n"
      ".\\\" definitions that parse its command line: edit those, not this.\n"
      ".TH GITOPSGEN 1 \"\" \"" +
      roff_escape(model.name + " " + version) +
      "\" \"User Commands\"\n"
      ".nh\n.ad l\n"  // no hyphenation (option names), ragged right
      ".SH NAME\n" +
      roff_escape(model.name) + " \\- " + roff_escape(summary) + "\n.SH SYNOPSIS\n" +
      bold(model.name) + " [" + italic("SHARED OPTIONS") + "] " + italic("COMMAND") + " [" +
      italic("OPTIONS") + "] [" + italic("ARGUMENTS") + "]\n.br\n" + bold(model.name + " help") +
      " [" + italic("COMMAND") + "\\&...]\n.SH DESCRIPTION\n";
  out += paragraph(
      "gitopsgen is the command line to " + summary +
      ": it scaffolds the repository Argo CD deploys from (its app-of-apps, the Applications, a "
      "shared Helm chart and every service's value files per environment), onboards and removes "
      "services, sets and promotes image tags, and restructures the platform, each change one git "
      "commit.");
  out +=
      ".PP\n" +
      paragraph(
          "Every command that changes files shows the change first with --dry-run, writes nothing "
          "when there is nothing to change, and refuses to overwrite files holding uncommitted "
          "changes. Results go to standard output (-o json for scripts), diagnostics to standard "
          "error. Shared options may come before or after the command.");
  out += ".SH COMMANDS\n";
  for (const auto& c : model.commands) out += command_section(model, c);
  out += ".SH SHARED OPTIONS\n" +
         paragraph(
             "Accepted before or after any command; each command's section lists those it "
             "honours, and a command refuses the others.") +
         rows(model.shared);
  out += table("EXIT STATUS", std::begin(kExitStatus), std::end(kExitStatus));
  out += table("ENVIRONMENT", std::begin(kEnvironment), std::end(kEnvironment));
  out += table("FILES", std::begin(kFiles), std::end(kFiles));
  out += ".SH SEE ALSO\n.BR git (1),\n.BR helm (1),\n.BR kubectl (1),\n.BR argocd (1)\n";
  return out;
}

}  // namespace gitopsgen::cli
