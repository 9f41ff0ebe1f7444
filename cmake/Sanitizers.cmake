# ARXIV_DIGEST_SANITIZE=ON adds ASan+UBSan to every target that links arxiv_digest_sanitizers.
option(ARXIV_DIGEST_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
add_library(arxiv_digest_sanitizers INTERFACE)
if(ARXIV_DIGEST_SANITIZE)
  set(_san_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(arxiv_digest_sanitizers INTERFACE ${_san_flags})
  target_link_options(arxiv_digest_sanitizers INTERFACE ${_san_flags})
endif()
