# workload.sh (busybox) - sourced by tests/real/run.sh: runs script.sh (applets: text tools, find,
# checksums, archives) and signals.sh (background jobs, wait, kill, traps) with the busybox
# shell under test (ash, applets standalone) in the current (fresh) directory.
REAL_WORKLOADS[busybox]="busybox busybox_signals"
workload_busybox() {
    cp "$top/tests/real/busybox/script.sh" . && guest busybox sh script.sh
}
workload_busybox_signals() {
    cp "$top/tests/real/busybox/signals.sh" . && guest busybox sh signals.sh
}
