# INTERFACE target carrying our warning flags; product and test targets link it PRIVATE.
add_library(arxiv_digest_warnings INTERFACE)
target_compile_options(arxiv_digest_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual)
# Not -Wnull-dereference: GCC 12 at -O3 reports it inside libstdc++'s std::string (false positives
# that -Werror would turn into a broken release build). For the same reason -Wno-restrict:
# GCC bug 105651 flags std::string appends at -O3.
# -Wlogical-op is GCC's only (clang, which builds fuzz/, rejects unknown warnings under -Werror).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(arxiv_digest_warnings INTERFACE -Wlogical-op -Wno-restrict)
endif()
if(ARXIV_DIGEST_WARNINGS_AS_ERRORS)
  target_compile_options(arxiv_digest_warnings INTERFACE -Werror)
endif()
