#include "cli/app.hpp"

int main(int argc, char** argv) {
  return gitopsgen::cli::run(argc, argv);
}
