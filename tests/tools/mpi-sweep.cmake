# The same sweep in one process and across 2 MPI ranks must print the same
# JSON (apart from the wall time). Run by ctest:
#   cmake -DNETDRILL=... -DSWEEP=... -DMPIRUN=... -DOUT=... -P mpi-sweep.cmake
set(args province-2024:44 --failures link,node,srlg,n2 --top 60 --json --threads 1)
execute_process(COMMAND ${NETDRILL} whatif sweep ${args} OUTPUT_FILE ${OUT}/one.json RESULT_VARIABLE rc1)
execute_process(COMMAND ${MPIRUN} --oversubscribe -np 2 ${SWEEP} ${args} OUTPUT_FILE ${OUT}/mpi.json
                ERROR_VARIABLE mpierr RESULT_VARIABLE rc2)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
  message(FATAL_ERROR "sweep failed: one process ${rc1}, MPI ${rc2}: ${mpierr}")
endif()
file(READ ${OUT}/one.json one)
file(READ ${OUT}/mpi.json mpi)
string(REGEX REPLACE "\"seconds\": [0-9.e+-]+" "" one "${one}")
string(REGEX REPLACE "\"seconds\": [0-9.e+-]+" "" mpi "${mpi}")
if(NOT one STREQUAL mpi)
  message(FATAL_ERROR "2 MPI ranks and 1 process disagree: compare ${OUT}/one.json and ${OUT}/mpi.json")
endif()
string(LENGTH "${one}" n)
message(STATUS "same result from 1 process and 2 ranks (${n} bytes of JSON)")
