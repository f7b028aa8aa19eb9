# Fails when a doctest case that carries a test_suite decorator (which
# becomes its ctest label: "concurrency", "slow") has a comma in its name.
# doctest_discover_tests looks each case up with --test-case=<name>, and
# doctest splits that filter at commas, so such a case silently loses its
# label: a "slow" test then runs under ASan, a "concurrency" test never
# runs under TSan (both happened).
#
#   cmake -DTEST_DIR=<dir with *_test.cc files> -P check_test_labels.cmake
file(GLOB_RECURSE _files "${TEST_DIR}/*_test.cc")
set(_bad 0)
foreach(f IN LISTS _files)
  file(RELATIVE_PATH _rel "${TEST_DIR}" "${f}")
  if(_rel MATCHES "fixtures/")
    continue()  # the checks' own fixtures, bad on purpose
  endif()
  file(READ "${f}" _text)
  string(REGEX MATCHALL "TEST_CASE\\(\"[^\"]*\"[^{]*\\{" _cases "${_text}")
  foreach(c IN LISTS _cases)
    if(c MATCHES "test_suite" AND c MATCHES "TEST_CASE\\(\"([^\"]*,[^\"]*)\"")
      message("${f}: labelled test case has a comma in its name: \"${CMAKE_MATCH_1}\"")
      math(EXPR _bad "${_bad} + 1")
    endif()
  endforeach()
endforeach()
if(_bad GREATER 0)
  message(FATAL_ERROR "${_bad} labelled test case(s) with a comma in the name")
endif()
message("labelled test case names: ok")
