// `gitopsgen completion bash|zsh|fish`: the shell's completion script, written from the same
// definitions that parse the command line.
#include <memory>
#include <ostream>

#include "cli/app.hpp"
#include "cli/completion_script.hpp"

namespace gitopsgen::cli {

Subcommand completion_command() {
  return {"completion",
          "Print the completion script of a shell: commands, options, their values, and the "
          "services and environments of the platform at hand",
          [](CLI::App& app) {
            auto shell = std::make_shared<std::string>();
            app.add_option("SHELL", *shell, "The shell")
                ->required()
                ->check(CLI::IsMember(kCompletionShells));
            app.footer(
                "Examples:\n"
                "  source <(gitopsgen completion bash)        # in ~/.bashrc\n"
                "  source <(gitopsgen completion zsh)         # in ~/.zshrc, after compinit\n"
                "  gitopsgen completion fish | source         # in ~/.config/fish/config.fish\n"
                "  gitopsgen completion bash > ~/.local/share/bash-completion/completions/"
                "gitopsgen\n");
            return [&app, shell](const GlobalOptions&, Streams io) {
              const auto model = describe_cli(*app.get_parent());
              io.out << (*shell == "bash"  ? bash_completion(model)
                         : *shell == "zsh" ? zsh_completion(model)
                                           : fish_completion(model));
              return 0;
            };
          },
          0,
          {"text"}};
}

}  // namespace gitopsgen::cli
