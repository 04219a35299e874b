# Runs the built gitopsgen (BINARY) to write the man page and the completion scripts into OUT_DIR:
# gitopsgen.1, completions/gitopsgen (bash), completions/_gitopsgen (zsh),
# completions/gitopsgen.fish. Run by the gitopsgen_docs target after every link.
# A sanitizer build's leak checker has nothing to report here and may not run in every sandbox.
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
file(MAKE_DIRECTORY ${OUT_DIR}/completions)
foreach(job "__man|gitopsgen.1" "completion;bash|completions/gitopsgen"
            "completion;zsh|completions/_gitopsgen" "completion;fish|completions/gitopsgen.fish")
  string(REPLACE "|" ";" job "${job}")
  list(POP_BACK job file)
  execute_process(COMMAND ${BINARY} ${job} OUTPUT_FILE ${OUT_DIR}/${file}.tmp
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gitopsgen ${job} failed: ${failed}")
  endif()
  file(RENAME ${OUT_DIR}/${file}.tmp ${OUT_DIR}/${file})
endforeach()
