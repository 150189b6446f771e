#!/usr/bin/env bash
# A drill played end to end with the mouse, in a real window under Xvfb,
# driven by xdotool; a screenshot after each step (the issue's proof that
# the console works for a person). Layout coordinates are the 1600x900 ones.
#   bash tests/tools/console-walkthrough.sh [OUT_DIR]   (needs xvfb, xdotool, x11-apps, imagemagick)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-/tmp/netdrill-walkthrough}
mkdir -p "$out"
display=:${NETDRILL_WALK_DISPLAY:-91}
Xvfb "$display" -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb $app 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 1
"$root/build/netdrill" gui > "$out/console.log" 2>&1 &
app=$!
sleep 3
shot() { xwd -root | convert xwd:- "$out/$1.png"; echo "  $out/$1.png"; }
# A press held for a frame or two, as a hand does (a zero-length click can fall between two frames).
click() { xdotool mousemove "$1" "$2"; sleep 0.1; xdotool mousedown "${3:-1}"; sleep 0.1; xdotool mouseup "${3:-1}"; sleep 0.4; }
echo "1. the start screen: pick the commune fibre-cut drill, start it"
click 600 126; shot 01-start
click 267 355; sleep 3
echo "2. speed 5x (the drill's limit); the fibre is cut at 1 min"
click 394 17; sleep 16; shot 02-alarm
echo "3. zoom on the red site, pick the commune, ping it from its menu, acknowledge the alarm"
xdotool mousemove 425 389; for _ in $(seq 12); do xdotool click 4; sleep 0.05; done; sleep 0.3
click 152 219; click 152 219 3; click 174 257; sleep 2
click 750 645; sleep 1; shot 03-ping-ack
echo "4. its menu again: the restorations; switch it to its 4G backup"
click 152 219 3; click 215 320; click 1534 125; sleep 3; shot 04-restored
echo "5. declare the cut fibre as the cause (select it from the alarm list), open a ticket"
click 141 645; sleep 0.5; shot 05a-link-selected
click 1011 261; click 1128 261; sleep 1; shot 05b-declared
click 1410 57; click 1300 105
xdotool type --delay 20 "Dut cap quang xa Yen Hoa, da chuyen 4G"; click 1540 105; sleep 1; shot 05c-ticket
echo "6. end the drill: the debrief, with its score"
click 1471 20; sleep 2; shot 06-debrief
click 1294 17; sleep 1; shot 07-debrief-en
