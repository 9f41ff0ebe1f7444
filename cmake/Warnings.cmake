# INTERFACE target carrying our warning flags; product and test targets link it PRIVATE.
add_library(arxiv_digest_warnings INTERFACE)
target_compile_options(arxiv_digest_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wnull-dereference -Wlogical-op)
if(ARXIV_DIGEST_WARNINGS_AS_ERRORS)
  target_compile_options(arxiv_digest_warnings INTERFACE -Werror)
endif()
