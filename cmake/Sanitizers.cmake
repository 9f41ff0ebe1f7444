# ARXIV_DIGEST_SANITIZE=ON adds ASan+UBSan to every target that links arxiv_digest_sanitizers.
option(ARXIV_DIGEST_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
add_library(arxiv_digest_sanitizers INTERFACE)
if(ARXIV_DIGEST_SANITIZE)
  set(_san_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(arxiv_digest_sanitizers INTERFACE ${_san_flags})
  target_link_options(arxiv_digest_sanitizers INTERFACE ${_san_flags})
  # ASan's instrumentation makes GCC 12 report -Wmaybe-uninitialized inside libstdc++'s <regex>
  # (pulled in by cxxopts) and <functional>: false positives that -Werror would turn into a
  # broken sanitizer build. The sanitizers themselves check uninitialized use at run time better.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(arxiv_digest_sanitizers INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()
