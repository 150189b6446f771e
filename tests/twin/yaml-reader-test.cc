// The checked YAML access layer: a good file read through its getters, every
// wrong kind of node reported at its line and column, syntax errors at theirs,
// and nothing ever thrown.
#include "test-support.h"
#include "twin/yaml-reader.h"

#include <algorithm>
#include <map>

using namespace netdrill::twin;

namespace {

std::vector<std::string> Lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.Items()) out.push_back(Format(item));
  return out;
}

bool HasError(const Diagnostics& d, const std::string& code, int line, int column) {
  for (const auto& item : d.Items()) {
    if (item.code == code && item.loc.line == line && item.loc.column == column) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("yaml reader: a good file through the checked getters", "[twin]") {
  Diagnostics d;
  const auto root = ParseYaml("name: lab\nsize: 2.5\ntags: [a, b]\nop: \"12\"\nnested: {k: v}\n", "good.yaml", d);
  REQUIRE(root);
  YamlAccess y("good.yaml", d);
  std::map<std::string, YAML::Node> entries;
  std::vector<std::string> order;
  CHECK(y.ForEachEntry(*root, "", [&](const std::string& key, SourceLoc, const YAML::Node& v) {
    order.push_back(key);
    entries.emplace(key, v);
  }));
  CHECK(order == std::vector<std::string>{"name", "size", "tags", "op", "nested"});
  CHECK(y.String(entries.at("name"), "name") == std::optional<std::string>("lab"));
  CHECK(y.Number(entries.at("size"), "size") == std::optional<double>(2.5));
  CHECK(y.StringList(entries.at("tags"), "tags") == std::optional<std::vector<std::string>>({"a", "b"}));
  CHECK(y.Word(entries.at("op"), "op", "a name") == std::optional<std::string>("12"));  // quoted: a word
  CHECK(y.IsMap(entries.at("nested"), "nested"));
  CHECK(y.Loc(entries.at("tags")).line == 3);
  CHECK(y.Loc(entries.at("tags")).column == 7);
  CHECK(KindOf(entries.at("size")) == "a number");
  INFO(Catch::Detail::stringify(Lines(d)));
  CHECK(d.Items().empty());
}

TEST_CASE("yaml reader: the wrong kind of node is error[bad-type] at its line and column, never a throw", "[twin]") {
  const std::string text =
      "name: [a]\n"             // 1:7 a list for a value
      "size: {x: 1}\n"          // 2:7 a map for a number
      "count: many\n"           // 3:8 not a number
      "tags: [a, {b: 1}, c]\n"  // 4:11 a map in a list of values
      "word: 12\n"              // 5:7 a number for a word
      "empty:\n"                // 6:1 nothing, reported at its key
      "list: x\n";              // 7:7 a value for a list
  Diagnostics d;
  const auto root = ParseYaml(text, "bad.yaml", d);
  REQUIRE(root);
  YamlAccess y("bad.yaml", d);
  CHECK_NOTHROW(y.ForEachEntry(*root, "", [&](const std::string& key, SourceLoc, const YAML::Node& v) {
    if (key == "name") CHECK_FALSE(y.String(v, key));
    if (key == "size") CHECK_FALSE(y.Number(v, key));
    if (key == "count") CHECK_FALSE(y.Number(v, key));
    if (key == "tags") CHECK_FALSE(y.StringList(v, key));
    if (key == "word") CHECK_FALSE(y.Word(v, key, "a name"));
    if (key == "empty") CHECK_FALSE(y.String(v, key));
    if (key == "list") CHECK_FALSE(y.IsSeq(v, key));
  }));
  INFO(Catch::Detail::stringify(Lines(d)));
  CHECK(d.ErrorCount() == 7);
  CHECK(HasError(d, "bad-type", 1, 7));
  CHECK(HasError(d, "bad-type", 2, 7));
  CHECK(HasError(d, "bad-number", 3, 8));
  CHECK(HasError(d, "bad-type", 4, 11));
  CHECK(HasError(d, "bad-type", 5, 7));
  CHECK(HasError(d, "bad-type", 6, 1));
  CHECK(HasError(d, "bad-type", 7, 7));
  const auto lines = Lines(d);
  CHECK(std::find(lines.begin(), lines.end(), "bad.yaml:1:7: error[bad-type]: expected a single value, got a list (at name)") !=
        lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "bad.yaml:4:11: error[bad-type]: expected a single value, got a map (at tags[1])") !=
        lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "bad.yaml:5:7: error[bad-type]: expected a name, got a number (at word)") !=
        lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "bad.yaml:6:1: error[bad-type]: expected a single value, got nothing (at empty)") !=
        lines.end());

  SECTION("a key that is not a value is skipped and reported; the others are read") {
    Diagnostics k;
    const auto r = ParseYaml("{[a]: 1, b: 2}\n", "keys.yaml", k);
    REQUIRE(r);
    YamlAccess yk("keys.yaml", k);
    std::vector<std::string> keys;
    CHECK(yk.ForEachEntry(*r, "", [&](const std::string& key, SourceLoc, const YAML::Node&) { keys.push_back(key); }));
    CHECK(keys == std::vector<std::string>{"b"});
    CHECK(HasError(k, "bad-type", 1, 2));
  }
  SECTION("a missing key's node (yaml-cpp's zombie) and a list for a map") {
    Diagnostics z;
    const YAML::Node& r = *root;
    const YAML::Node absent = r["absent"];
    YamlAccess yz("bad.yaml", z);
    CHECK(KindOf(absent) == "nothing");
    CHECK(LocOf(absent, {9, 9}).line == 9);
    CHECK_NOTHROW(yz.String(absent, "absent"));
    CHECK_FALSE(yz.IsMap(YAML::Load("[1, 2]"), "root"));
    CHECK(z.ErrorCount() == 2);
    CHECK(z.Items().back().message == "expected a map, got a list");
  }
}

TEST_CASE("yaml reader: a syntax error is error[yaml-syntax] at its place, and an unreadable file is reported", "[twin]") {
  struct Case {
    const char* text;
    int line, column;
  };
  for (const Case& c : {Case{"a: [1\nb: 2\n", 2, 2}, Case{"a: 1\n  b: 2\n", 2, 4}, Case{"a: *nowhere\n", 1, 4}}) {
    INFO(c.text);
    Diagnostics d;
    std::optional<YAML::Node> root;
    CHECK_NOTHROW(root = ParseYaml(c.text, "syntax.yaml", d));
    CHECK_FALSE(root);
    REQUIRE(d.Items().size() == 1);
    CHECK(HasError(d, "yaml-syntax", c.line, c.column));
    CHECK(Format(d.Items()[0]).rfind("syntax.yaml:" + std::to_string(c.line) + ":" + std::to_string(c.column) +
                                         ": error[yaml-syntax]: ",
                                     0) == 0);
  }
  netdrill::test::TempDir dir;
  Diagnostics d;
  CHECK_FALSE(LoadYamlFile(dir.File("absent.yaml"), d));
  CHECK(d.Items().size() == 1);
  CHECK(d.Items()[0].code == "cannot-read");
  const auto good = LoadYamlFile(dir.Write("good.yaml", "a: 1\n"), d);
  REQUIRE(good);
  CHECK(good->IsMap());
  CHECK(d.Items().size() == 1);
}
