# Fails when a module's code includes a header of a module that its
# tradefin_add_module(... DEPS ...) line in libtradefin/CMakeLists.txt does
# not list, so the module graph in docs/design/architecture.md, the CMake
# link lines and the code cannot drift apart.
#
#   cmake -DLIB_DIR=<dir holding CMakeLists.txt, src/, include/> -P check_module_deps.cmake
#
# A module's code is src/<m>/** and include/tradefin/<m>/** (.h, .cc, .in).
# Both #include "tradefin/<n>/..." (public) and #include "<n>/..." (internal)
# count as using module <n>. Only direct DEPS count: reaching a module
# through another one's PUBLIC link is still an undeclared edge.
#
# Third-party libraries are held to the same rule: a module may include
# <libxml/...>, <xercesc/...>, <cryptopp/...>, <leveldb/...> or
# <nlohmann/...> only if its PRIVATE_LIBS list the library's target, and a
# public header (include/tradefin/**) may include none of them.
if(NOT LIB_DIR)
  message(FATAL_ERROR "usage: cmake -DLIB_DIR=<libtradefin dir> -P check_module_deps.cmake")
endif()
file(READ "${LIB_DIR}/CMakeLists.txt" _cml)
# Drop comments so commented-out lines do not count.
string(REGEX REPLACE "#[^\n]*" "" _cml "${_cml}")
string(REGEX MATCHALL "tradefin_add_module\\([^)]*\\)" _calls "${_cml}")
if(NOT _calls)
  message(FATAL_ERROR "no tradefin_add_module(...) line found in ${LIB_DIR}/CMakeLists.txt")
endif()

set(_modules)
foreach(_call IN LISTS _calls)
  string(REGEX REPLACE "^tradefin_add_module\\(|\\)$" "" _args "${_call}")
  string(REGEX REPLACE "[ \t\r\n]+" ";" _args "${_args}")
  list(REMOVE_ITEM _args "")
  list(POP_FRONT _args _name)
  set(_deps)
  set(_libs)
  set(_mode "")
  foreach(_a IN LISTS _args)
    if(_a STREQUAL "DEPS" OR _a STREQUAL "PRIVATE_LIBS")
      set(_mode "${_a}")
    elseif(_mode STREQUAL "DEPS")
      list(APPEND _deps "${_a}")
    elseif(_mode STREQUAL "PRIVATE_LIBS")
      list(APPEND _libs "${_a}")
    endif()
  endforeach()
  list(APPEND _modules "${_name}")
  set(_deps_of_${_name} ${_deps})
  set(_libs_of_${_name} ${_libs})
endforeach()

# Include directory of a third-party library -> its CMake target.
set(_third_party libxml xercesc cryptopp leveldb nlohmann)
set(_target_of_libxml "LibXml2::LibXml2")
set(_target_of_xercesc "XercesC::XercesC")
set(_target_of_cryptopp "PkgConfig::CRYPTOPP")
set(_target_of_leveldb "leveldb::leveldb")
set(_target_of_nlohmann "nlohmann_json::nlohmann_json")

set(_violations 0)
set(_checked 0)
foreach(_m IN LISTS _modules)
  file(GLOB_RECURSE _files
       "${LIB_DIR}/src/${_m}/*.h" "${LIB_DIR}/src/${_m}/*.cc"
       "${LIB_DIR}/include/tradefin/${_m}/*.h" "${LIB_DIR}/include/tradefin/${_m}/*.in")
  set(_allowed ${_m} ${_deps_of_${_m}})
  foreach(_f IN LISTS _files)
    math(EXPR _checked "${_checked} + 1")
    file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(_line IN LISTS _lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*$" "\\1" _inc "${_line}")
      string(REGEX REPLACE "^tradefin/" "" _rel "${_inc}")
      string(REGEX MATCH "^[^/]+" _first "${_rel}")
      if(NOT _rel MATCHES "/")
        continue()  # a std or third-party header such as <string>
      endif()
      list(FIND _third_party "${_first}" _is_lib)
      if(NOT _is_lib EQUAL -1)
        file(RELATIVE_PATH _relf "${LIB_DIR}" "${_f}")
        if(_relf MATCHES "^include/")
          message(SEND_ERROR
            "${_relf}: includes <${_inc}>: public headers include only std and "
            "tradefin/ headers (CONTRIBUTING.md).")
          math(EXPR _violations "${_violations} + 1")
        else()
          list(FIND _libs_of_${_m} "${_target_of_${_first}}" _lib_ok)
          if(_lib_ok EQUAL -1)
            message(SEND_ERROR
              "${_relf}: includes <${_inc}>, but module ${_m} lists PRIVATE_LIBS "
              "[${_libs_of_${_m}}] in ${LIB_DIR}/CMakeLists.txt, without "
              "${_target_of_${_first}}. Either add it there and to "
              "docs/design/architecture.md, or drop the include.")
            math(EXPR _violations "${_violations} + 1")
          endif()
        endif()
        continue()
      endif()
      list(FIND _modules "${_first}" _is_module)
      if(_is_module EQUAL -1)
        continue()  # e.g. <libxml/tree.h>, <xercesc/...>, <leveldb/db.h>
      endif()
      list(FIND _allowed "${_first}" _ok)
      if(_ok EQUAL -1)
        file(RELATIVE_PATH _relf "${LIB_DIR}" "${_f}")
        message(SEND_ERROR
          "${_relf}: includes \"${_inc}\" (module ${_first}), but module ${_m} "
          "lists DEPS [${_deps_of_${_m}}] in ${LIB_DIR}/CMakeLists.txt. Either "
          "add ${_first} to its DEPS and to docs/design/architecture.md, or "
          "drop the include.")
        math(EXPR _violations "${_violations} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(_checked EQUAL 0)
  message(FATAL_ERROR "no module source found under ${LIB_DIR}")
endif()
if(_violations GREATER 0)
  message(FATAL_ERROR "${_violations} include(s) outside the declared module graph")
endif()
message(STATUS "module graph: ${_checked} files of ${_modules} include only their declared DEPS")
