#include "ui/telex.h"

#include <catch2/catch.hpp>

using netdrill::ui::TelexToText;

TEST_CASE("Telex: what Vietnamese type gives the text they mean, NFC", "[ui]") {
  CHECK(TelexToText("Vieejt Nam") == "Việt Nam");
  CHECK(TelexToText("Hoaf Binhf") == "Hòa Bình");
  CHECK(TelexToText("dduwowngf") == "đường");
  CHECK(TelexToText("Quangr Trij") == "Quảng Trị");
  CHECK(TelexToText("Nguyeenx Vawn An") == "Nguyễn Văn An");
  CHECK(TelexToText("Ddaf Nawngx") == "Đà Nẵng");
  CHECK(TelexToText("Thur ddoo") == "Thủ đô");
  CHECK(TelexToText("ddwts caps quang") == "đứt cáp quang");
  CHECK(TelexToText("maats ddieenj, acws quy") == "mất điện, ắc quy");
  CHECK(TelexToText("loaij") == "loại");
  CHECK(TelexToText("nguwowif") == "người");
  CHECK(TelexToText("giuwax") == "giữa");
  CHECK(TelexToText("Hueee") == "Huee");  // a mark typed a third time comes off
  // A tone key twice takes the tone off and types the letter; z clears it.
  CHECK(TelexToText("ass") == "as");
  CHECK(TelexToText("asz") == "a");
  CHECK(TelexToText("phieeus suwj coos 3") == "phiếu sự cố 3");
}
