#pragma once
// mstch behind one call for every template (README, digests, cards, prompts): no HTML escaping
// (the outputs are Markdown and plain text, escaped by the renderers where they need it; the
// hook is process-wide, so every render sets it), and mstch's exceptions as an Error.

#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// malformed_input "template WHAT: <mstch's message>" when the template does not parse.
Result<std::string> render_template(const std::string& source, const mstch::map& context,
                                    std::string_view what);

}  // namespace arxiv_digest
