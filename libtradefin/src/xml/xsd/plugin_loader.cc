// libtradefin.so's XSD backend: the plugin libtradefin-xsd-<version>.so,
// loaded on the first schema validation from the `tradefin/` directory
// beside libtradefin.so itself (xsd_backend.h says why). The directory is
// found with dladdr on a function of this library, so the build tree and
// any installation prefix work alike, without a search path anyone else
// controls.
#include <dlfcn.h>

#include <mutex>
#include <string>

#include "tradefin/core/version.h"
#include "xml/xsd/xsd_backend.h"

namespace tradefin::xml_internal {
namespace {

constexpr char kPluginFile[] =
    "tradefin/libtradefin-xsd-" TRADEFIN_VERSION_STRING ".so";

std::string PluginPath() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&GetXsdBackend), &info) == 0 ||
      info.dli_fname == nullptr) {
    return kPluginFile;
  }
  std::string self = info.dli_fname;
  size_t slash = self.rfind('/');
  return slash == std::string::npos ? std::string(kPluginFile)
                                    : self.substr(0, slash + 1) + kPluginFile;
}

Result<const XsdBackend*> Load() {
  const std::string path = PluginPath();
  const std::string unavailable = "schema validation is unavailable: the XSD plugin ";
  // RTLD_LOCAL: Xerces-C and the plugin's copies of tradefin code stay out
  // of the global symbol scope. The handle is never closed.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();  // names the file
    return Status::IOError(unavailable + "could not be loaded (" +
                           (why != nullptr ? std::string(why) : path) +
                           "); the tradefin installation is incomplete");
  }
  auto entry = reinterpret_cast<XsdPluginEntryFn>(dlsym(handle, kXsdPluginEntry));
  const XsdBackend* backend =
      entry != nullptr ? entry(TRADEFIN_VERSION_STRING) : nullptr;
  if (backend == nullptr) {
    return Status::FailedPrecondition(unavailable + path +
                                      " is not the plugin of tradefin " TRADEFIN_VERSION_STRING
                                      "; reinstall tradefin");
  }
  return backend;
}

}  // namespace

Result<const XsdBackend*> GetXsdBackend() {
  static const Result<const XsdBackend*>* loaded =
      new Result<const XsdBackend*>(Load());
  return *loaded;
}

}  // namespace tradefin::xml_internal
