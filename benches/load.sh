#!/usr/bin/env bash
# The release binary on large cases, in tmux: time to first frame, how long a key takes to show
# on screen, peak memory (/usr/bin/time -v). Cases: 50 articles, a 20 MB article, 100,000
# annotations in 5 articles (written by `benches/load_hardening.rs`). Figures are wall-clock
# milliseconds from sending a key to the screen (text or colours) changing, polled every 5 ms,
# so ±10 ms.
#
#   benches/load.sh            (uses $CARGO_TARGET_DIR, else target/)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

cargo build --release --quiet
bin="$target/release/parallax"
work=$(mktemp -d)
sock="parallax-load-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tmux -L "$sock" -f /dev/null new-session -d -s keep "sleep 100000"
LOAD_CASE_DIR="$work" cargo bench --quiet --bench load_hardening

now() { date +%s%N; }
screen() { tmux -L "$sock" capture-pane -p -e -t run; }
ms_since() { echo $((($(now) - $1) / 1000000)); }

# Waits until the screen contains $1; prints the milliseconds since $2.
wait_for() {
    until screen | grep -qF -- "$1"; do sleep 0.005; done
    ms_since "$2"
}

# Waits until the screen no longer contains $1; prints the milliseconds since $2.
wait_gone() {
    while screen | grep -qF -- "$1"; do sleep 0.005; done
    ms_since "$2"
}

# Sends key $1 and prints how long until the screen differs from before.
key() {
    local before start
    before=$(screen)
    start=$(now)
    tmux -L "$sock" send-keys -t run "$1"
    while [ "$(screen)" = "$before" ]; do sleep 0.005; done
    ms_since "$start"
}

# run NAME PATH KEY...: starts the reader on PATH, times the first frame and each key.
run() {
    local name=$1 path=$2
    shift 2
    tmux -L "$sock" new-session -d -s run -x 200 -y 50 "bash --norc --noprofile"
    local start
    start=$(now)
    tmux -L "$sock" send-keys -t run "/usr/bin/time -v -o $work/$name.time $bin $path; echo EXIT=\$?" Enter
    printf '%-10s first frame %5s ms' "$name" "$(wait_for NORMAL "$start")"
    # Keys are timed once the entity analysis (a worker thread) is in, so that the second core
    # is free again; how long it took is shown too.
    printf ' | entities in %5s ms' "$(wait_gone "finding entities" "$start")"
    for k in "$@"; do
        printf ' | %s %s ms' "$k" "$(key "$k")"
    done
    tmux -L "$sock" send-keys -t run q
    # "EXIT=0", not "EXIT=": the command line itself shows "EXIT=$?" once the screen is back.
    wait_for "EXIT=0" "$(now)" >/dev/null
    printf ' | peak RSS %s MB\n' "$(($(awk '/Maximum resident/ {print $6}' "$work/$name.time") / 1024))"
    tmux -L "$sock" kill-session -t run
}

run fifty "$work/fifty" Tab l 9 s Space G g
run big "$work/big/big.txt" Space G g . . c j
run annotated "$work/annotated" c t f m j Escape u
