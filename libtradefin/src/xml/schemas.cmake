# Included from libtradefin/CMakeLists.txt right after
# tradefin_add_module(xml ...): generates embedded_schemas.cc from
# schemas/*.xsd at build time (embed_schemas.cmake) and compiles it into
# tradefin_xsd (the schemas serve only the Xerces-C validator). A changed
# or added .xsd triggers regeneration (the glob is re-checked at build
# time).
file(GLOB _tradefin_xsds CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/schemas/*.xsd)
set(_tradefin_embedded ${PROJECT_BINARY_DIR}/generated/src/xml/embedded_schemas.cc)
add_custom_command(
  OUTPUT ${_tradefin_embedded}
  COMMAND ${CMAKE_COMMAND} -DSCHEMA_DIR=${PROJECT_SOURCE_DIR}/schemas
          -DOUTPUT=${_tradefin_embedded}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_schemas.cmake
  DEPENDS ${_tradefin_xsds} ${CMAKE_CURRENT_LIST_DIR}/embed_schemas.cmake
  COMMENT "Embedding schemas/*.xsd into tradefin_xsd"
  VERBATIM)
target_sources(tradefin_xsd PRIVATE ${_tradefin_embedded})
