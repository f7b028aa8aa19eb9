# Project-private warning flags: linked PRIVATE into every target we build,
# never exported, so consumers never inherit our -Werror.
add_library(tradefin_warnings INTERFACE)
target_compile_options(tradefin_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wnon-virtual-dtor
  -Woverloaded-virtual -Wundef -Wcast-qual
  $<$<BOOL:${TRADEFIN_WARNINGS_AS_ERRORS}>:-Werror>)
