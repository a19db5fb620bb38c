# signals.sh - busybox workload for tests/real/run.sh (workload busybox_signals), run as
# `busybox sh signals.sh` in a fresh directory: background jobs and `wait` (ash sleeps in
# rt_sigsuspend until SIGCHLD), children killed by signals, traps, nested shells, env -i.
# Kept apart from script.sh so that a hang here does not hide the applets' results.
PATH=/nonexistent-crossrun-real-path
export PATH
LC_ALL=C
export LC_ALL
section() { echo "== $1"; }
trap 'echo "trap on exit ran"' EXIT

section "processes and signals"
sleep 0.01 &
wait $!
echo "background job status $?"
sh -c 'exit 7'
echo "sh -c status $?"
sh -c 'kill -TERM $$; echo not reached'
echo "killed child status $?"
sh -c 'trap "echo caught USR1; exit 5" USR1; kill -USR1 $$; sleep 1; echo not reached'
echo "trap status $?"
echo "nested: $(sh -c 'echo $(echo $(echo deep))')"
env -i FOO=bar sh -c 'echo "env -i: $FOO"'
sleep 0.2 &
p1=$!
sleep 0.1 &
wait
echo "wait for all: status $?"
sh -c 'sleep 5' &
p2=$!
kill -TERM $p2
wait $p2
echo "interrupted job status $?"
i=0
while [ $i -lt 20 ]; do true & i=$((i + 1)); done
wait
echo "20 background jobs reaped"
(exit 3) &
wait $!
echo "subshell job status $?"
echo "pipeline: $(seq 1 1000 | sort -rn | head -n 2 | tr '\n' ' ')"
echo done
