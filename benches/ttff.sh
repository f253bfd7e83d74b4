#!/usr/bin/env bash
# Time to first frame of the release binary in a real terminal (tmux), against
# `vim -u NONE -O` on the same files, and peak memory on the 2 MB workload.
#
#   cargo build --release && benches/ttff.sh            # RUNS=15 by default
#   RUNS=31 POLL_MS=1 PARALLAX=path/to/parallax benches/ttff.sh
#
# Workloads:
#   W1  the five seed articles (../shared/seeds/*.txt, else assets/samples), 200x50
#   W2  five articles of 2 MB each (each seed repeated), 200x50
#
# How one run is timed: a fresh 200x50 tmux window running `bash --norc` in the workload's
# directory; the clock starts just before `send-keys` of the command line and stops when
# `capture-pane -p` first shows a text that only the finished first frame has:
#   parallax  " NORMAL " (the status bar, the last row the frame writes)
#   vim       the name of the last file (its status line, below the text of every window)
#   echo      the output of a builtin `printf` (the floor: tmux, bash and the polling)
#   cat       the output of `cat` on the first file (the floor plus one fork and exec)
# The command lines use a glob (`*.txt`), so the marker is never in the typed command itself.
# vim runs as `vim -u NONE --cmd 'set shortmess+=F' -O *.txt`: without shortmess+=F it stops at
# a "Press ENTER" prompt after the file-info messages of five files and never draws the frame.
# Programs are interleaved run by run, so machine noise hits all of them alike; one warm-up
# run each is not counted. Each poll is one `tmux capture-pane -p` (a fork and exec, 2–3 ms
# here), then a POLL_MS sleep; the echo line is what this costs, as the floor under every time.
# (A tmux control-mode client would poll without forks, but tmux then reads the programs'
# output several times slower: 20 kB of text took 29 ms instead of 7.)
#
# Memory (W2): VmHWM from /proc/PID/status as soon as the first frame shows (the entity pass
# starts on its own thread right after the frame, so a little of its memory may be counted),
# and again once the entity pass has finished: the peak of a session that reads and quits.
#
# Everything runs on a private tmux server (tmux -L, -f /dev/null) that is killed on exit,
# with config and data directories in a temporary directory that is removed on exit.

set -euo pipefail

RUNS=${RUNS:-15}
POLL_MS=${POLL_MS:-1}
WIDTH=200
HEIGHT=50
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PARALLAX=${PARALLAX:-${CARGO_TARGET_DIR:-$REPO/target}/release/parallax}
W2_BYTES=2000000

die() { echo "ttff: $*" >&2; exit 2; }
command -v tmux >/dev/null || die "needs tmux"
command -v vim >/dev/null || die "needs vim"
[[ -x $PARALLAX ]] || die "no binary at $PARALLAX: run \`cargo build --release\` first (or set PARALLAX)"
PARALLAX=$(cd "$(dirname "$PARALLAX")" && pwd)/$(basename "$PARALLAX")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/parallax-ttff.XXXXXX")
SOCKET="parallax-ttff-$$-$RANDOM"
tmx() { tmux -L "$SOCKET" -f /dev/null "$@"; }
SOCKET_PATH=""
cleanup() {
    tmx kill-server 2>/dev/null || true
    # tmux leaves the socket file of a killed server behind.
    [[ -n $SOCKET_PATH ]] && rm -f "$SOCKET_PATH"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# ---- workloads -------------------------------------------------------------------------------
SEEDS="$REPO/../shared/seeds"
shopt -s nullglob
seeds=("$SEEDS"/*.txt)
if ((${#seeds[@]} == 0)); then
    seeds=("$REPO"/assets/samples/*)
fi
((${#seeds[@]} > 0)) || die "no seed articles"
mkdir -p "$TMP/w1" "$TMP/w2" "$TMP/config" "$TMP/data"
for seed in "${seeds[@]}"; do
    name=$(basename "$seed")
    cat "$seed" >"$TMP/w1/$name"
    size=$(wc -c <"$seed")
    copies=$(((W2_BYTES + size - 1) / size))
    # The seed `copies` times over: a 2 MB article made of real news text.
    for ((k = 0; k < copies; k++)); do printf '%s\n' "$seed"; done | xargs cat >"$TMP/w2/$name"
done
glob_of() { # the glob that names the workload's files, e.g. *.txt
    local ext=${1##*.}
    [[ $ext == "$1" ]] && echo '*' || echo "*.$ext"
}
GLOB=$(glob_of "$(basename "${seeds[0]}")")
LAST_NAME=$(basename "${seeds[-1]}")
FIRST_NAME=$(basename "${seeds[0]}")
bytes_of() { cat "$1"/* | wc -c; }

# ---- tmux ------------------------------------------------------------------------------------
tmx new-session -d -s ttff -x "$WIDTH" -y "$HEIGHT" -c "$TMP" "bash --norc --noprofile"
SOCKET_PATH=$(tmx display-message -p '#{socket_path}')
tmx set-option -g status off >/dev/null
tmx set-option -g remain-on-exit off >/dev/null
mkfifo "$TMP/sleep"
exec {SLEEP}<>"$TMP/sleep"
nap() { read -r -t "$1" -u "$SLEEP" _ || true; } # sleeps without a fork
poll_sleep=$(printf '%d.%03d' $((POLL_MS / 1000)) $((POLL_MS % 1000)))
now_us() { local t=${EPOCHREALTIME/./}; echo "$((10#$t))"; }
REPLY_TEXT=""
screen() { REPLY_TEXT=$(tmx capture-pane -p -t "ttff:$WINDOW"); }

# Waits until the current window shows $1; sets ELAPSED_US since $2 (µs). Gives up after 20 s.
wait_for() {
    local start=$2
    while :; do
        screen
        if [[ $REPLY_TEXT == *"$1"* ]]; then
            ELAPSED_US=$(($(now_us) - start))
            return 0
        fi
        if (($(now_us) - start > 20000000)); then
            echo "ttff: timed out waiting for '$1'; screen:" >&2
            echo "$REPLY_TEXT" >&2
            exit 1
        fi
        nap "$poll_sleep"
    done
}

WINDOW=""
fresh_window() { # a new 200x50 window with a bash prompt in directory $1
    WINDOW=$(tmx new-window -d -P -F '#{window_index}' -t ttff -c "$1" "env PS1='READY\$ ' bash --norc --noprofile")
    local size
    size=$(tmx display-message -p -t "ttff:$WINDOW" '#{pane_width}x#{pane_height}')
    [[ $size == "${WIDTH}x${HEIGHT}" ]] || die "pane is $size, not ${WIDTH}x${HEIGHT}"
    wait_for 'READY$' "$(now_us)"
}
close_window() { tmx kill-window -t "ttff:$WINDOW"; }
pane_child() { # pid of the program the window's shell runs
    pgrep -P "$(tmx display-message -p -t "ttff:$WINDOW" '#{pane_pid}')" | head -n 1
}
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

ENV="XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data"
cmd_line() { # program, workload dir
    case $1 in
    parallax) echo "$ENV '$PARALLAX' $GLOB; printf '%s%s\\n' DO NE" ;;
    vim) echo "vim -u NONE --cmd 'set shortmess+=F' -O $GLOB; printf '%s%s\\n' DO NE" ;;
    echo) echo "printf '%s%s\\n' TTFF MARK" ;;
    cat) echo "cat $FIRST_NAME >/dev/null; printf '%s%s\\n' TTFF MARK" ;;
    esac
}
marker_of() {
    case $1 in
    parallax) echo " NORMAL " ;;
    vim) echo "$LAST_NAME" ;;
    echo | cat) echo "TTFFMARK" ;;
    esac
}
quit() {
    case $1 in
    parallax) tmx send-keys -t "ttff:$WINDOW" q ;;
    vim) tmx send-keys -t "ttff:$WINDOW" Escape ':qa!' Enter ;;
    *) return 0 ;;
    esac
    wait_for "DONE" "$(now_us)"
}

# One timed run of program $1 on workload dir $2; sets RUN_US (and HWM_* with MEASURE_MEMORY).
run_one() {
    local prog=$1 dir=$2 line marker start
    fresh_window "$dir"
    line=$(cmd_line "$prog")
    marker=$(marker_of "$prog")
    tmx send-keys -t "ttff:$WINDOW" -l "$line" # typed before the clock starts
    start=$(now_us)
    tmx send-keys -t "ttff:$WINDOW" Enter
    wait_for "$marker" "$start"
    RUN_US=$ELAPSED_US
    if [[ -n ${MEASURE_MEMORY:-} && $prog != echo && $prog != cat ]]; then
        local pid
        pid=$(pane_child)
        HWM_FIRST=$(hwm_kb "$pid")
        if [[ $prog == parallax ]]; then # the peak of the session: after the entity pass
            while screen && [[ $REPLY_TEXT == *"finding entities"* ]]; do nap 0.05; done
        fi
        HWM_PEAK=$(hwm_kb "$pid")
    fi
    quit "$prog"
    close_window
}

median_ms() { # µs values -> median in ms, 1 decimal
    printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}
range_ms() {
    printf '%s\n' "$@" | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.1f–%.1f", lo/1000, hi/1000}'
}

PROGRAMS=(parallax vim echo cat)
workload() { # name, dir, description
    local name=$1 dir=$2 desc=$3 i p
    declare -A times=()
    for p in "${PROGRAMS[@]}"; do run_one "$p" "$dir"; done # warm-up, not counted
    for ((i = 0; i < RUNS; i++)); do
        # Rotate the order so no program always follows the same one.
        for ((k = 0; k < ${#PROGRAMS[@]}; k++)); do
            p=${PROGRAMS[(i + k) % ${#PROGRAMS[@]}]}
            run_one "$p" "$dir"
            times[$p]+="$RUN_US "
        done
    done
    echo "$name: $desc, ${WIDTH}x${HEIGHT}, $RUNS runs, median (min–max)"
    local pm vm
    for p in "${PROGRAMS[@]}"; do
        # shellcheck disable=SC2086
        printf '  %-10s %6s ms  (%s)\n' "$p" "$(median_ms ${times[$p]})" "$(range_ms ${times[$p]})"
    done
    # shellcheck disable=SC2086
    pm=$(median_ms ${times[parallax]})
    # shellcheck disable=SC2086
    vm=$(median_ms ${times[vim]})
    awk -v p="$pm" -v v="$vm" 'BEGIN {printf "  parallax / vim = %.2f\n", p / v}'
    eval "MEDIAN_$name=$pm"
}

echo "binary: $PARALLAX"
echo "machine: $(nproc) cores; tmux $(tmux -V | cut -d' ' -f2); $(vim --version | head -n 1 | cut -d'(' -f1)"
echo "polling: tmux capture-pane, then $POLL_MS ms of sleep; echo and cat are the floor"
echo
workload W1 "$TMP/w1" "${#seeds[@]} seed articles, $(bytes_of "$TMP/w1") bytes"
echo
workload W2 "$TMP/w2" "${#seeds[@]} articles of ~2 MB, $(bytes_of "$TMP/w2") bytes"
awk -v a="$MEDIAN_W1" -v b="$MEDIAN_W2" 'BEGIN {printf "  W2 / W1 (parallax) = %.2f\n", b / a}'
echo
MEASURE_MEMORY=1
run_one parallax "$TMP/w2"
echo "W2 peak memory (VmHWM): parallax $((HWM_FIRST / 1024)) MB when the first frame shows, $((HWM_PEAK / 1024)) MB after the entity pass"
run_one vim "$TMP/w2"
echo "                        vim $((HWM_FIRST / 1024)) MB when its first frame shows"
