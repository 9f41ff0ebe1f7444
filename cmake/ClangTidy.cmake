# ARXIV_DIGEST_CLANG_TIDY=ON runs clang-tidy (checks in .clang-tidy) while compiling our targets.
option(ARXIV_DIGEST_CLANG_TIDY "Run clang-tidy while compiling" OFF)
if(ARXIV_DIGEST_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${CLANG_TIDY_EXE})
endif()
