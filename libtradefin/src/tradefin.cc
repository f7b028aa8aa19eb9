// The shared library's own translation unit. Everything else comes from the
// module archives linked in whole; see libtradefin/CMakeLists.txt.
#include "tradefin/core/version.h"
