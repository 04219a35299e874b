#include "generators/release/release.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"

using gitopsgen::Error;
using gitopsgen::read_image;

TEST_CASE("read_image gives what the editor's own reading gives, on plain and on tricky files") {
  // Each text, read by read_image (a probe where the file is plain, the whole document where it
  // is not), must agree with yaml_read_scalar, which always reads the whole document.
  for (const std::string text : {
           "image:\n  repository: r/a\n  tag: 1.2.3\n",
           "# c\nserviceName: a\nimage: {repository: 'r/b', tag: \"2.0\"}\nother: [1, 2]\n",
           "image:\n  tag: only\n",
           "image:\n",                                           // image is null
           "other: 1\n",                                         // no image at all
           "image:\n  repository: r/c\n  tag:\n",                // an empty tag
           "image:\n  repository: r/d\n  tag: !!str 1.10\n",     // a tagged scalar
           "t: &t 9.9\nimage:\n  repository: r/e\n  tag: *t\n",  // an alias: the careful road
           "base: &b {tag: 7.7}\nimage:\n  <<: *b\n  repository: r/f\n",  // a merge key
           "image: &i\n  repository: r/g\n  tag: 3\ncopy: *i\n",          // an anchored image
           "---\nimage:\n  repository: r/h\n  tag: '4'\n...\n",
       }) {
    CAPTURE(text);
    const auto image = read_image(text, "f.yaml");
    CHECK(image.repository ==
          gitopsgen::yaml_read_scalar(text, {"image", "repository"}).value_or(""));
    CHECK(image.tag == gitopsgen::yaml_read_scalar(text, {"image", "tag"}).value_or(""));
  }
}

TEST_CASE("read_image refuses a value file that is not one plain YAML mapping, naming it") {
  for (const std::string text : {
           "image: 1.2.3\n",                            // image is not a mapping
           "image:\n  tag: {a: 1}\n",                   // the tag is not a scalar
           "image:\n  tag: [1]\n",                      // nor is this one
           "- a\n- b\n",                                // the root is a sequence
           "image:\n  tag: 1\n  tag: 2\n",              // a repeated key
           "image:\n  tag: 1\n---\nimage: {tag: 2}\n",  // two documents
           "image: [\n",                                // does not parse
       }) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(read_image(text, "f.yaml"), doctest::Contains("f.yaml"), Error);
  }
}
