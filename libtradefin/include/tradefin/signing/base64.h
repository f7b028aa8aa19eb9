// Moved to tradefin/core/base64.h (base64, like SHA-256 and hex, is a core
// service). This header is kept for one release so existing includes build.
#ifndef TRADEFIN_SIGNING_BASE64_H_
#define TRADEFIN_SIGNING_BASE64_H_

#include "tradefin/core/base64.h"

#endif  // TRADEFIN_SIGNING_BASE64_H_
