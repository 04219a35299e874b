// Asking for missing values on a terminal: each answer checked at once, asked again if bad.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace gitopsgen::cli {

// A question-and-answer session over an input and an output stream.
class Wizard {
 public:
  // Reads answers from `in` and writes questions to `out`.
  Wizard(std::istream& in, std::ostream& out) : in_(in), out_(out) {}
  // Asks `question` until `check` accepts the answer (empty takes `fallback` when it is not
  // empty); `check` throws gitopsgen::Error with the reason to show. Throws Error at end of input.
  std::string ask(const std::string& question, const std::string& fallback,
                  const std::function<void(const std::string&)>& check);
  // Asks a yes/no question whose empty answer is yes.
  bool confirm(const std::string& question);
  // Writes `text` to the user.
  void say(const std::string& text);

 private:
  std::istream& in_;
  std::ostream& out_;
};

// True when both standard input and standard error are terminals.
bool on_terminal();

}  // namespace gitopsgen::cli
