// Baseline for bench/pipeline.sh: load each file given on the command line with pugixml and
// count <item>/<entry> elements, nothing else. `arxiv-digest rank --offline` should stay within
// 2x of this process's wall time (DESIGN.md "Performance targets").
#include <cstdio>
#include <cstring>
#include <pugixml.hpp>

int main(int argc, char** argv) {
  std::size_t items = 0;
  for (int i = 1; i < argc; ++i) {
    pugi::xml_document doc;
    if (!doc.load_file(argv[i])) {
      std::fprintf(stderr, "cannot parse %s\n", argv[i]);
      return 1;
    }
    for (const auto& node : doc.document_element().first_child().children()) {
      items += std::strcmp(node.name(), "item") == 0 ? 1 : 0;
    }
  }
  std::printf("%zu items\n", items);
  return 0;
}
