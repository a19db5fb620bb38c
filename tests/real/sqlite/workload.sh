# workload.sh (sqlite) - sourced by tests/real/run.sh: runs workload.sql through the sqlite3 shell
# under test on a new database file in the current (fresh) directory, then prints the size and
# SHA-256 of the database file it left (SQLite writes the same bytes for the same statements).
workload_sqlite() {
    guest sqlite3 test.db <"$top/tests/real/sqlite/workload.sql"
    local status=$?
    echo "sqlite3 exit status $status"
    echo "database: $(wc -c <test.db) bytes, sha256 $(sha256sum <test.db | cut -d' ' -f1)"
    ls test.db* | sort
}
