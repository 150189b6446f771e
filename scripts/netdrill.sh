#!/usr/bin/env bash
# One entry point for people and CI: installs the Debian packages that are
# missing, configures, builds, then runs the main job, the tests, or the
# sanitizer pass.
#   bash scripts/netdrill.sh run [ARGS...]   build, then run build/netdrill ARGS
#   bash scripts/netdrill.sh test            build, then run every test (ctest)
#   bash scripts/netdrill.sh asan            ASan+UBSan build of the tests in build-asan/, then run them
#   bash scripts/netdrill.sh tsan            ThreadSanitizer build of the session's tests (threads) in build-tsan/, then them
#   bash scripts/netdrill.sh bench           build, then run the benchmarks under bench/
#   bash scripts/netdrill.sh package         build, then the Debian packages netdrill and netdrill-server in build/packages/
#   bash scripts/netdrill.sh fuzz [--seconds N]  clang+libFuzzer build of the readers in build-fuzz/, then every
#                                            harness N seconds (default 60), two at a time
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command=${1:-run}
[ $# -gt 0 ] && shift

packages=(
  build-essential cmake ninja-build pkg-config python3
  libyaml-cpp-dev catch2 libcli11-dev nlohmann-json3-dev libutf8proc-dev libexpat1-dev libsqlite3-dev
  libns3-dev ns3 libgsl-dev
  libimgui-dev libglfw3-dev libstb-dev libgl-dev libgl1-mesa-dri fonts-noto-core fonts-dejavu-core
  xvfb xauth
  libopenmpi-dev openmpi-bin
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc libssl-dev
  dpkg-dev
  clang-14 libclang-rt-14-dev llvm-14
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "netdrill: installing missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}

install_missing
case "$command" in
  run)
    build default
    exec ./build/netdrill "$@"
    ;;
  test)
    build default
    ctest --preset default -j "$(nproc)"
    ;;
  asan)
    build asan
    ctest --preset asan -j "$(nproc)"
    ;;
  tsan)
    # Only the session's test binary: its threads are the ones worth the ThreadSanitizer's time.
    cmake --preset tsan >/dev/null
    cmake --build --preset tsan -j "$(nproc)" --target session-tests
    ctest --preset tsan -j "$(nproc)"
    ;;
  bench)
    build default
    ./build/bench/twin-bench "$@"
    ./build/bench/sim-bench
    ./build/bench/session-bench
    ./build/bench/whatif-bench
    ./build/bench/class-bench
    xvfb-run -a -s "-screen 0 1600x900x24" ./build/bench/ui-bench
    ;;
  package)
    build default
    cpack --config build/CPackConfig.cmake -B build/packages
    ls -l build/packages/*.deb
    ;;
  fuzz)
    exec bash scripts/fuzz.sh "$@"
    ;;
  *)
    echo "usage: bash scripts/netdrill.sh run|test|asan|tsan|bench|package|fuzz" >&2
    exit 2
    ;;
esac
