#include "test-support.h"
#include "twin/display-name.h"

using namespace netdrill::twin;
using netdrill::test::Preset;

TEST_CASE("display names: a site with its parents, a router, a link by its ends and medium, a group", "[twin]") {
  const Twin& t = Preset("tiny");
  CHECK(ElementDisplayName(t, "commune:00001", NameLang::Vi) == "Phường Phúc Xá, Ba Đình, Hà Nội");
  CHECK(ElementDisplayName(t, "commune:00001", NameLang::En) == "Phuc Xa Ward, Ba Dinh, Ha Noi");
  CHECK(ElementDisplayName(t, "province:02", NameLang::Vi) == "Hà Giang");
  CHECK(ElementDisplayName(t, "centre:01/r2", NameLang::Vi) == "Trung tâm vùng Hà Nội, bộ định tuyến 2");
  CHECK(ElementDisplayName(t, "centre:01/r2", NameLang::En) == "Ha Noi regional centre, router 2");
  // Two links between the same centres are told apart by the router they leave from.
  CHECK(ElementDisplayName(t, "centre:01/r1--centre:31/r1", NameLang::Vi) ==
        "Trung tâm vùng Hà Nội – Trung tâm dự phòng Hải Phòng (cáp quang, tuyến 1)");
  CHECK(ElementDisplayName(t, "centre:01/r2--centre:31/r2", NameLang::En) ==
        "Ha Noi regional centre – Hai Phong backup centre (fibre, line 2)");
  CHECK(ElementDisplayName(t, "centre:01/r1--centre:01/r2", NameLang::Vi) ==
        "Trung tâm vùng Hà Nội: bộ định tuyến 1 – bộ định tuyến 2 (cáp quang)");
  CHECK(ElementDisplayName(t, "district:001--province:01", NameLang::Vi) == "Quận Ba Đình – Hà Nội (cáp quang)");
  // An alarm's resource naming one alarm of a site; an unknown id stays as it is.
  CHECK(ElementDisplayName(t, "province:02#generator-failure", NameLang::Vi) == "Hà Giang");
  CHECK(ElementDisplayName(t, "province:99", NameLang::Vi) == "province:99");
}

TEST_CASE("display names: ids inside a text are named, or annotated for the terminal", "[twin]") {
  const Twin& t = Preset("tiny");
  CHECK(NameIdsInText(t, "link district:001--province:01 down (loss of signal)", NameLang::Vi) ==
        "link Quận Ba Đình – Hà Nội (cáp quang) down (loss of signal)");
  // Punctuation after an id is not part of it; words with a colon that name nothing stay.
  CHECK(NameIdsInText(t, "ping commune:00001: 5 sent, note: none.", NameLang::En) ==
        "ping Phuc Xa Ward, Ba Dinh, Ha Noi: 5 sent, note: none.");
  CHECK(NameIdsInText(t, "router province:02 is down.", NameLang::Vi, IdsInText::Annotate) ==
        "router province:02 (Hà Giang) is down.");
  // A site the text already names before its id in parentheses is not named twice.
  CHECK(NameIdsInText(t, "traceroute to Hà Giang (province:02) (10.0.2.1)", NameLang::Vi, IdsInText::Annotate) ==
        "traceroute to Hà Giang (province:02) (10.0.2.1)");
  CHECK(NameIdsInText(t, "traceroute to Hà Giang (province:02) (10.0.2.1)", NameLang::Vi) ==
        "traceroute to Hà Giang (10.0.2.1)");
  CHECK(NameIdsInText(t, "Hà Giang (province:02), then province:02 again", NameLang::Vi, IdsInText::Annotate) ==
        "Hà Giang (province:02), then province:02 again");
  CHECK(NameIdsInText(t, "Hà Nội (province:02)", NameLang::Vi, IdsInText::Annotate) ==
        "Hà Nội (province:02 (Hà Giang))");  // another name before it: the id's own is said
  CHECK(NameIdsInText(t, "", NameLang::Vi).empty());
  CHECK(NameIdsInText(t, "no ids at all: 10:30", NameLang::Vi) == "no ids at all: 10:30");
}
