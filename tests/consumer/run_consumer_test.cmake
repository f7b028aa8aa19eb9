# Installs the build tree into a scratch prefix, then builds and runs the
# consumer twice: through find_package(tradefin) and through pkg-config.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer
                -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "consumer configure failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "consumer build failed: ${rc}")
endif()
set(sample ${SOURCE_DIR}/samples/shipment/rail-waybill.xml)
execute_process(COMMAND ${WORK_DIR}/build/consumer ${sample} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "EUR 1250000.50")
  message(FATAL_ERROR "consumer (find_package) failed: ${rc} ${out} ${err}")
endif()
# The installed CLI starts from the prefix on its own (issue 13): its
# RUNPATH is relative ($ORIGIN/../lib), so no LD_LIBRARY_PATH is needed and
# the library found is the installed one, not the build tree's.
unset(ENV{LD_LIBRARY_PATH})
execute_process(COMMAND ${prefix}/bin/tradefin --version RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "^[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "installed CLI did not start: ${rc} ${out} ${err}")
endif()
execute_process(COMMAND ${prefix}/bin/tradefin validate ${sample}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc OR NOT out MATCHES "valid \\(rail-waybill\\)")
  message(FATAL_ERROR "installed CLI validate failed: ${rc} ${out} ${err}")
endif()
find_program(READELF readelf)
if(READELF)
  execute_process(COMMAND ${READELF} -d ${prefix}/bin/tradefin OUTPUT_VARIABLE dyn)
  if(NOT dyn MATCHES "\\$ORIGIN/\\.\\./lib")
    message(FATAL_ERROR "installed CLI has no relative RUNPATH:\n${dyn}")
  endif()
  if(dyn MATCHES "${BINARY_DIR}")
    message(FATAL_ERROR "installed CLI still points into the build tree:\n${dyn}")
  endif()
endif()
# pkg-config route.
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
execute_process(COMMAND pkg-config --cflags --libs tradefin
                OUTPUT_VARIABLE flags RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(rc)
  message(FATAL_ERROR "pkg-config tradefin failed")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND c++ -std=c++17 ${SOURCE_DIR}/tests/consumer/main.cc ${flags}
                -Wl,-rpath,${prefix}/lib -o ${WORK_DIR}/consumer-pc RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "pkg-config consumer build failed")
endif()
execute_process(COMMAND ${WORK_DIR}/consumer-pc RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(rc OR NOT out MATCHES "EUR 1250000.50")
  message(FATAL_ERROR "consumer (pkg-config) failed: ${rc} ${out}")
endif()
message(STATUS "consumer OK: ${out}")
