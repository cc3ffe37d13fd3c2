# Runs an example program on a fresh database file; fails unless it exits 0 and prints EXPECT.
#   cmake -DPROGRAM=... [-DARGS=...] -DDB=... -DEXPECT=... [-DTWICE=ON] -P run_example.cmake
# or, for a program that names its own file (a README snippet's office.db), in an empty folder:
#   cmake -DPROGRAM=... -DWORKDIR=... -DEXPECT=... [-DTWICE=ON] -P run_example.cmake
if(WORKDIR)
  file(REMOVE_RECURSE ${WORKDIR})
  file(MAKE_DIRECTORY ${WORKDIR})
  set(DB "")
else()
  file(REMOVE ${DB} ${DB}-wal ${DB}-shm)
  get_filename_component(db_dir ${DB} DIRECTORY)
  file(MAKE_DIRECTORY ${db_dir})
  set(WORKDIR ${db_dir})
endif()
# With -DTWICE=ON the program runs a second time on the same file, as a reader of the README would.
set(runs 1)
if(TWICE)
  set(runs 2)
endif()
foreach(run RANGE 1 ${runs})
  execute_process(COMMAND ${PROGRAM} ${ARGS} ${DB} WORKING_DIRECTORY ${WORKDIR}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("run ${run}:\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} exited with ${rc} (run ${run})")
  endif()
  string(FIND "${out}" "${EXPECT}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the output of run ${run} does not say '${EXPECT}'")
  endif()
endforeach()
