# Third-party packages, all from Debian 12. Each is linked PRIVATE into
# exactly one module (see docs/design/architecture.md).
find_package(PkgConfig REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(XercesC REQUIRED)
find_package(Threads REQUIRED)  # leveldb's exported targets need it
find_package(leveldb REQUIRED)  # its target links "snappy": libsnappy-dev
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++)
find_package(nlohmann_json 3 REQUIRED)  # header-only: JSON in the CLI and bundles
if(TRADEFIN_BUILD_CLI)
  find_package(CLI11 REQUIRED)
endif()
if(TRADEFIN_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
