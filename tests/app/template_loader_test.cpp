#include "app/template_loader.hpp"

#include <gtest/gtest.h>

#include "core/render/embedded_files.hpp"
#include "fakes/memory_file_system.hpp"

namespace arxiv_digest::app {
namespace {

constexpr const char* kInstalled = "/usr/share/arxiv-digest/templates";

class TemplateLoader : public ::testing::Test {
 protected:
  TemplateLoader() {
    workspace_.root = "/site";
    workspace_.config_path = "/site/config.json";
  }
  Result<std::string> load(const std::string& name) {
    return load_template(fs_, workspace_, name, kInstalled);
  }

  testing::MemoryFileSystem fs_;
  Workspace workspace_;
};

TEST_F(TemplateLoader, BuiltInWhenNoFileExists) {
  const auto text = load("paper.md.mustache");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, std::string(embedded_file("paper.md.mustache").value()));
}

TEST_F(TemplateLoader, InstalledCopyOverridesBuiltIn) {
  fs_.add_file(std::string(kInstalled) + "/prompts/summary.md.mustache", "installed prompt");
  const auto text = load("prompts/summary.md.mustache");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "installed prompt");
}

TEST_F(TemplateLoader, TemplatesNextToConfigOverrideInstalled) {
  fs_.add_file(std::string(kInstalled) + "/README.md.mustache", "installed");
  fs_.add_file("/site/templates/README.md.mustache", "site");
  const auto text = load("README.md.mustache");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "site");
}

TEST_F(TemplateLoader, NoInstalledFolderSkipsThatStep) {
  fs_.add_file("/README.md.mustache", "not a template folder");
  const auto text = load_template(fs_, workspace_, "README.md.mustache", "");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, std::string(embedded_file("README.md.mustache").value()));
}

TEST_F(TemplateLoader, UnknownNameIsNotFound) {
  const auto text = load("nope.mustache");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace arxiv_digest::app
