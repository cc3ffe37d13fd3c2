# Runs an example program on a fresh database file; fails unless it exits 0 and prints EXPECT.
#   cmake -DPROGRAM=... [-DARGS=...] -DDB=... -DEXPECT=... -P run_example.cmake
file(REMOVE ${DB} ${DB}-wal ${DB}-shm)
get_filename_component(db_dir ${DB} DIRECTORY)
file(MAKE_DIRECTORY ${db_dir})
execute_process(COMMAND ${PROGRAM} ${ARGS} ${DB}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}")
endif()
string(FIND "${out}" "${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the output does not say '${EXPECT}'")
endif()
