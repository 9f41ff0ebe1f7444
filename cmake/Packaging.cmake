# Install layout and the Debian package (`cpack` in a build folder writes arxiv-digest_*.deb).
#
#   <prefix>/bin/arxiv-digest
#   <prefix>/share/arxiv-digest/templates/     default README and prompt templates; the binary
#                                              finds them from its own path (after a templates/
#                                              folder next to config.json, before the built-in copy)
#   <prefix>/share/arxiv-digest/config.schema.json, config.example.json, digest-job.sh
#   <prefix>/share/doc/arxiv-digest/README.md  the user's guide
# The binary itself is installed by src/CMakeLists.txt.

install(DIRECTORY templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/arxiv-digest/templates)
install(FILES config.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/arxiv-digest)
install(FILES config.json DESTINATION ${CMAKE_INSTALL_DATADIR}/arxiv-digest
        RENAME config.example.json)
install(PROGRAMS scripts/digest-job.sh DESTINATION ${CMAKE_INSTALL_DATADIR}/arxiv-digest)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/arxiv-digest)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "arxiv-digest")
set(CPACK_PACKAGE_VENDOR "arxiv-digest")
set(CPACK_PACKAGE_CONTACT "arxiv-digest maintainers <arxiv-digest@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Turns each day's arXiv announcements into a ranked Markdown digest: fetches the RSS/Atom\n\
feeds or the API politely, deduplicates, scores papers against your keywords (explainably),\n\
summarizes the top ones through an OpenAI-compatible API (sync or Batch, cached) and renders\n\
README.md, a JSON Lines archive and a run status.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/arxiv-digest/arxiv-digest")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
# dpkg-shlibdeps derives the Depends of the linked libraries (libcurl, SQLite, pugixml, spdlog,
# fmt, libstdc++). git is what digest-job.sh commits with.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git")
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/;node_modules")
include(CPack)
