#include "twin/text.h"

#include <catch2/catch.hpp>

using namespace netdrill::twin;

TEST_CASE("search keys ignore tone marks, diacritics, case and đ", "[twin]") {
  CHECK(FoldForSearch("Thanh Hoá") == "thanh hoa");
  CHECK(FoldForSearch("Thanh Hóa") == "thanh hoa");
  CHECK(FoldForSearch("Đà Nẵng") == "da nang");
  CHECK(FoldForSearch("  TP.  Hồ Chí Minh ") == "tp ho chi minh");
  CHECK(FoldForSearch("Ðong Tháp") == "dong thap");  // the Icelandic eth some sources use
  CHECK(FoldForSearch("Xã É Tòng") == "xa e tong");
  CHECK(FoldForSearch("Thừa Thiên - Huế") == "thua thien hue");
}

TEST_CASE("names are normalised to NFC", "[twin]") {
  const std::string decomposed = "Ho\xCC\x80";  // "o" + combining grave
  CHECK(ToNfc(decomposed) == "Hò");
  CHECK(ToNfc("Hà Nội") == "Hà Nội");
  CHECK(IsValidUtf8("Hà Nội"));
  CHECK_FALSE(IsValidUtf8("\xC3\x28"));
}

TEST_CASE("did you mean finds a likely typo and nothing far", "[twin]") {
  CHECK(EditDistance("kitten", "sitting", 10) == 3);
  CHECK(EditDistance("sties", "sites", 10) == 1);
  CHECK(DidYouMean("sties", {"sites", "links", "srgs"}) == "sites");
  CHECK(DidYouMean("capacity", {"cap", "km"}) == "cap");  // written out in full
  CHECK(DidYouMean("latitude", {"lat", "lon"}) == "lat");
  CHECK(DidYouMean("xyz", {"sites", "links"}).empty());
}
