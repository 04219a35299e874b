#include "cli/wizard.hpp"

#include <unistd.h>

#include <istream>
#include <ostream>

#include "generators/error.hpp"

namespace gitopsgen::cli {

bool on_terminal() {
  return ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO);
}

std::string Wizard::ask(const std::string& question, const std::string& fallback,
                        const std::function<void(const std::string&)>& check) {
  while (true) {
    out_ << question;
    if (!fallback.empty()) out_ << " [" << fallback << "]";
    out_ << ": " << std::flush;
    std::string answer;
    if (!std::getline(in_, answer)) throw Error("no answer to '" + question + "': nothing written");
    if (!answer.empty() && answer.back() == '\r') answer.pop_back();
    if (answer.empty()) answer = fallback;
    try {
      check(answer);
      return answer;
    } catch (const Error& e) {
      out_ << "  " << e.what() << "\n";
    }
  }
}

bool Wizard::confirm(const std::string& question) {
  const auto answer = ask(question + " [Y/n]", "", [](const std::string& a) {
    if (!a.empty() && a != "y" && a != "Y" && a != "yes" && a != "n" && a != "N" && a != "no")
      throw Error("answer y or n");
  });
  return answer.empty() || answer[0] == 'y' || answer[0] == 'Y';
}

void Wizard::say(const std::string& text) {
  out_ << text << std::flush;
}

}  // namespace gitopsgen::cli
