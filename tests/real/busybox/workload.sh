# workload.sh (busybox) - sourced by tests/real/run.sh: runs script.sh with the busybox shell
# under test (ash, applets standalone) in the current (fresh) directory.
workload_busybox() {
    cp "$top/tests/real/busybox/script.sh" . && guest busybox sh script.sh
}
