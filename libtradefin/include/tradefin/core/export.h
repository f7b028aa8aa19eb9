// Symbol visibility for libtradefin. The library is built with hidden
// visibility; only declarations marked TRADEFIN_EXPORT are part of the ABI.
#ifndef TRADEFIN_CORE_EXPORT_H_
#define TRADEFIN_CORE_EXPORT_H_

// Standard attribute syntax, so it composes with [[nodiscard]].
#define TRADEFIN_EXPORT [[gnu::visibility("default")]]

#endif  // TRADEFIN_CORE_EXPORT_H_
