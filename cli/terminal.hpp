// Colour and paging: only for a person at a terminal, never in a pipe or a file.
#pragma once

#include <ostream>
#include <string>

namespace gitopsgen::cli {

// Whether output gets colour for --color `mode` (auto | always | never): auto colours only when
// standard output is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb".
bool use_colour(const std::string& mode);

// The SGR colours the output uses.
enum class Colour { red, green, yellow, cyan, bold, dim };

// `text` wrapped in `colour`'s escape sequence when `on`; `text` itself otherwise.
std::string paint(const std::string& text, Colour colour, bool on);

// A unified diff with removed lines red, added green, hunk headers cyan and file headers bold.
std::string colour_diff(const std::string& diff, bool on);

// Writes `text` to `out`, through a pager when `out` is standard output on a terminal, paging is
// allowed and `text` is longer than the terminal: GITOPSGEN_PAGER, else PAGER, else "less"
// (with LESS=FRX unless set). An empty pager, or "cat", means no pager.
void page(const std::string& text, std::ostream& out, bool allowed);

}  // namespace gitopsgen::cli
