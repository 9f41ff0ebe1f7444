#include "app/template_loader.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

#include "core/render/embedded_files.hpp"

namespace arxiv_digest::app {

Result<std::string> load_template(FileSystem& fs, const Workspace& workspace,
                                  const std::string& name, const std::string& installed_dir) {
  const std::string override_path = workspace.resolve("templates/" + name);
  if (fs.exists(override_path)) {
    spdlog::debug("template {}: using {}", name, override_path);
    return fs.read(override_path);
  }
  if (!installed_dir.empty()) {
    const std::string installed_path = installed_dir + "/" + name;
    if (fs.exists(installed_path)) {
      spdlog::debug("template {}: using {}", name, installed_path);
      return fs.read(installed_path);
    }
  }
  if (const auto builtin = embedded_file(name)) {
    return std::string(*builtin);
  }
  return Error{ErrorCode::not_found, "no template named " + name};
}

Result<std::string> load_template(FileSystem& fs, const Workspace& workspace,
                                  const std::string& name) {
  return load_template(fs, workspace, name, installed_templates_dir());
}

Result<ReadmeTemplates> load_readme_templates(FileSystem& fs, const Workspace& workspace) {
  auto readme = load_template(fs, workspace, "README.md.mustache");
  if (!readme) {
    return readme.error();
  }
  auto paper = load_template(fs, workspace, "paper.md.mustache");
  if (!paper) {
    return paper.error();
  }
  return ReadmeTemplates{std::move(readme.value()), std::move(paper.value())};
}

ReadmeTemplates builtin_readme_templates() {
  return {std::string(embedded_file("README.md.mustache").value_or("")),
          std::string(embedded_file("paper.md.mustache").value_or(""))};
}

const std::string& installed_templates_dir() {
  // Computed once; the executable does not move while it runs. Linux names it /proc/self/exe.
  static const std::string dir = [] {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error || exe.empty()) {
      return std::string();
    }
    return (exe.parent_path().parent_path() / "share" / "arxiv-digest" / "templates").string();
  }();
  return dir;
}

}  // namespace arxiv_digest::app
