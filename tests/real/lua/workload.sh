# workload.sh (lua) - sourced by tests/real/run.sh: runs our Lua script workload.lua with the
# Lua 5.4 interpreter under test, in the current (fresh) directory.
workload_lua() {
    cp "$top/tests/real/lua/workload.lua" . && guest lua workload.lua
}
