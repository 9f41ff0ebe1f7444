# embed_files(OUT file.cpp BASE dir FILES a b ...): writes a C++ source defining
# arxiv_digest::embedded_file(name), so the default templates travel inside the binary and
# `arxiv-digest` works from any directory. Names are paths relative to BASE. Editing an
# embedded file re-runs CMake (CMAKE_CONFIGURE_DEPENDS), so the binary never goes stale.
function(embed_files)
  cmake_parse_arguments(E "" "OUT;BASE" "FILES" ${ARGN})
  set(ARRAYS "")
  set(ENTRIES "")
  set(_i 0)
  foreach(_f IN LISTS E_FILES)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_f}")
    file(RELATIVE_PATH _name "${E_BASE}" "${_f}")
    file(READ "${_f}" _hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," _bytes "${_hex}")
    string(APPEND ARRAYS "constexpr char kFile${_i}[] = {${_bytes}'\\0'};\n")
    string(APPEND ENTRIES "    {\"${_name}\", std::string_view(kFile${_i}, sizeof(kFile${_i}) - 1)},\n")
    math(EXPR _i "${_i} + 1")
  endforeach()
  configure_file("${CMAKE_SOURCE_DIR}/cmake/embedded_files.cpp.in" "${E_OUT}" @ONLY)
endfunction()
