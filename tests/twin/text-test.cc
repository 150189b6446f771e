#include "twin/text.h"
#include "twin/units.h"

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

TEST_CASE("capacities and durations as people write them", "[twin]") {
  CHECK(ParseCapacityMbps("100M") == 100.0);
  CHECK(ParseCapacityMbps("2.5G") == 2500.0);
  CHECK(ParseCapacityMbps("512k") == 0.512);
  CHECK(ParseCapacityMbps("10 Gbit/s") == 10000.0);
  CHECK_FALSE(ParseCapacityMbps("fast"));
  for (double v : {100.0, 1000.0, 2500.0, 0.46, 1100.0, 4000.0, 1e5, 20.0}) CHECK(ParseCapacityMbps(FormatCapacity(v)) == v);
  CHECK(ParseDurationSeconds("90s") == 90.0);
  CHECK(ParseDurationSeconds("5m") == 300.0);
  CHECK(ParseDurationSeconds("1h30m") == 5400.0);
  CHECK(ParseDurationSeconds("250ms") == 0.25);
  CHECK(ParseDurationSeconds("12.5") == 12.5);
  CHECK_FALSE(ParseDurationSeconds("5 minutes"));
  CHECK_FALSE(ParseDurationSeconds("1x"));
  CHECK_FALSE(ParseDurationSeconds(""));
}
