#!/usr/bin/env bash
# The Debian packages, as a classroom PC gets them: built with CPack from the
# build tree, unpacked with dpkg-deb into a clean folder, and run from there
# (assets and the drill library found beside the executable, nothing from the
# build or source tree).   package-test.sh BUILD_DIR
set -euo pipefail
build=$1
work=$build/package-test
rm -rf "$work"
mkdir -p "$work"
fail() { echo "package-test: $*" >&2; exit 1; }
cpack --config "$build/CPackConfig.cmake" -B "$work/out" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
trainee=$(ls "$work"/out/netdrill_*.deb)
server=$(ls "$work"/out/netdrill-server_*.deb)
# Dependencies declared: the libraries netdrill links, the fonts; the server package needs netdrill.
depends=$(dpkg-deb -f "$trainee" Depends)
for dep in libns3 libgrpc libglfw fonts-noto-core; do
  grep -q "$dep" <<< "$depends" || fail "netdrill's Depends has no $dep: $depends"
done
grep -q "netdrill (= " <<< "$(dpkg-deb -f "$server" Depends)" || fail "netdrill-server does not depend on netdrill"
# The trainees' package holds no drill and no answer key; the server's holds the library and its unit.
trainee_files=$(dpkg-deb -c "$trainee")
server_files=$(dpkg-deb -c "$server")
if grep -q "/scenarios/" <<< "$trainee_files"; then fail "the trainees' package holds drills"; fi
grep -q "usr/share/netdrill/assets/data/vn-units-2025.csv" <<< "$trainee_files" || fail "no assets in netdrill"
grep -q "usr/share/netdrill/scenarios/commune-cut-backup.yaml" <<< "$server_files" || fail "no drill library in netdrill-server"
grep -q "usr/share/netdrill/scenarios/actions/" <<< "$server_files" || fail "no good actions in netdrill-server"
grep -q "usr/lib/systemd/system/netdrill-server.service" <<< "$server_files" || fail "no systemd unit in netdrill-server"
# A clean folder outside the build tree: a build tree's program may use the source tree's assets; this one may not.
root=$(mktemp -d /tmp/netdrill-package-test.XXXXXX)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$trainee" "$root"
dpkg-deb -x "$server" "$root"
cd "$work"  # not the source tree: nothing relative to it
stats=$(env -u NETDRILL_ASSETS "$root/usr/bin/netdrill" twin stats --preset province-2025:46) || fail "twin stats from the package failed"
grep -q "^Twin province-2025:46 (era 2025)" <<< "$stats" || fail "twin stats printed: $stats"
env -u NETDRILL_ASSETS "$root/usr/bin/netdrill" serve --help | grep -q -- "--listen" || fail "serve --help from the package failed"
# The server finds the library beside itself: it says so on its third line, then stops on SIGTERM.
env -u NETDRILL_ASSETS "$root/usr/bin/netdrill" serve --listen 127.0.0.1:0 --insecure --data "$work/data" > "$work/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  grep -q "^library: " "$work/serve.out" && break
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
grep -q "^library: [0-9]* drills in $root/usr/share/netdrill/scenarios" "$work/serve.out" || fail "serve did not find its library: $(cat "$work/serve.out")"
echo "package-test: $(basename "$trainee") and $(basename "$server") unpack and run"
