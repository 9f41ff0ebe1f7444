#include "core/render/mustache_render.hpp"

namespace arxiv_digest {

Result<std::string> render_template(const std::string& source, const mstch::map& context,
                                    std::string_view what) {
  // mstch's escape hook is process-wide; every render sets it, as readme_renderer does.
  mstch::config::escape = [](const std::string& text) { return text; };
  try {
    return mstch::render(source, context);
  } catch (const std::exception& e) {
    return Error{ErrorCode::malformed_input,
                 "template " + std::string(what) + ": " + std::string(e.what())};
  }
}

}  // namespace arxiv_digest
