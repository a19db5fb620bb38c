# script.sh - busybox workload for tests/real/run.sh, run as `busybox sh script.sh` in a fresh
# directory. PATH points nowhere, so every command is a shell builtin or a busybox applet (the
# build enables FEATURE_SH_STANDALONE: applets run in-process, in a forked child, or by
# re-executing /proc/self/exe). Output must equal the native x86_64 busybox's byte for byte, so
# nothing here prints a time, a PID, a host name, the machine name or an unsorted directory list.
PATH=/nonexistent-crossrun-real-path
export PATH
LC_ALL=C
export LC_ALL
section() { echo "== $1"; }

section "shell"
x=0 i=0
while [ $i -lt 300 ]; do x=$((x + i * i % 7)); i=$((i + 1)); done
echo "loop $x"
case "hello.tar.gz" in *.tar.gz) echo "case glob ok" ;; *) echo "case glob BAD" ;; esac
s="The quick brown fox"
echo "${#s}|${s#The }|${s%fox}|${s%% *}|${s##* }|${s:4:5}|${s/quick/slow}|${t:-default}"
set -- a b "c d"
echo "$# $2 $3"
for a in "$@"; do printf '[%s]' "$a"; done
echo
f() { local v=$1; echo "func $v $((v * 2))"; return 3; }
f 21
echo "ret $?"
echo $((7 / 2)) $((-7 % 3)) $((1 << 40)) $((0x1f | 0100)) $((2 ** 10)) $((10 > 3 ? 1 : 0))
test 3 -lt 5 && [ "abc" = abc ] && [ -z "" ] && [ -n x ] && [ ! -e /nonexistent ] && echo "test ok"
[ 10 -ge 10 ] || echo "test BAD"
printf '%5s|%-5s|%05d|%x|%o|%c|%%|%s\n' ab cd 42 255 8 xyz "two words"
printf '%.3f %e %g\n' 3.14159 12345.678 0.0001
v=$(echo nested $(echo command) substitution)
echo "$v" "`echo backticks`"
IFS=: read -r first second rest <<EOF
one:two:three:four
EOF
echo "read: $first / $second / $rest"
n=0
while read -r line; do n=$((n + ${#line})); done <<EOF
line one
line two is longer
EOF
echo "read loop $n"
(cd / && echo "subshell in $(pwd)")
echo "still in a fresh dir: $(pwd | grep -c crossrun-real)"
{ echo grouped; echo output; } | wc -l
trap 'echo "trap on exit ran"' EXIT
false || echo "or-list ok"
true && echo "and-list ok"
unset x
echo "unset: ${x-gone}"

section "seq and awk"
seq 1 2000 >nums
wc -l <nums
seq 5 -1 1 | tr '\n' ' '
echo
seq -s, 0 0.5 3
awk '{ s += $1; if ($1 % 7 == 0) c++ } END { printf "sum=%d c=%d avg=%.3f\n", s, c, s / NR }' nums
awk 'BEGIN { for (i = 1; i <= 8; i++) printf "%d %s %.4f %d\n", i, substr("abcdefghij", i, 3), sqrt(i), int(i * 2.7) }'
awk 'BEGIN { r = 7; for (i = 0; i < 600; i++) { r = (r * 1103 + 17) % 65536; print "w" (r % 37) } }' >words
awk '{ c[$1]++ } END { for (k in c) print k, c[k] }' words | sort -k2,2nr -k1,1 | head -n 5
awk -v OFS=- '{ $1 = $1 } NR <= 3 { print NR, NF, $0, length($0), toupper($0) }' words
awk 'BEGIN { split("a:b:c", p, ":"); printf "%s%s%s %d\n", p[3], p[2], p[1], index("hello", "ll"); x = "banana"; n = gsub(/an/, "AN", x); print x, n; print match("foobar", /ob+/), RSTART, RLENGTH }'
awk 'NR % 500 == 0 { printf "%s:%s ", NR, $0 } END { print "" }' nums

section "sed"
printf 'alpha beta\ngamma delta\nepsilon\nzeta eta theta\n' >greek
sed -n '2p' greek
sed 's/a/A/g' greek
sed -e '1d' -e 's/\(e\)\([a-z]\)/\2\1/' greek
sed '/gamma/,$ s/^/> /' greek
sed = greek | sed 'N;s/\n/ /'
sed -n '$=' nums
sed -i 's/beta/BETA/; /epsilon/d' greek
cat greek
sed 'y/abc/xyz/' greek
sed -E 's/([a-z]+) ([a-z]+)/\2 \1/' greek

section "grep"
grep -c a greek
grep -n -i 'DELTA' greek
grep -v e greek
grep -E '^(al|ze)' greek
grep -o '[aeiou][a-z]' greek | head -n 5
grep -w eta greek
grep -F -x 'epsilon' greek || echo "no epsilon (deleted)"
grep -c '^1' nums
grep -e 19 -e 77 nums | tail -n 3

section "sort uniq cut tr head tail wc"
sort words | uniq -c | sort -k1,1nr -k2,2 | head -n 4
sort -u words | wc -l
sort -n -r nums | head -n 3
printf '3,c,x\n1,a,z\n2,b,y\n10,a,w\n' >csv
sort -t, -k2,2 -k1,1n csv
sort -t, -k1,1n csv | cut -d, -f1,3
uniq -d <<EOF
a
a
b
c
c
c
EOF
cut -c2-4 greek
cut -d' ' -f2 greek
tr a-z A-Z <greek
tr -d aeiou <greek
echo "a   b    c" | tr -s ' '
head -n 3 nums
tail -n 2 nums
tail -c 10 nums
head -c 20 nums | od -An -c
wc -l -w -c <greek
wc <nums

section "expr"
expr 6 \* 7
expr length "hello world"
expr substr "abcdef" 2 3
expr "abcabc" : 'a\(.*\)c'
expr 10 / 3 + 10 % 3
expr 3 \< 10
expr index "hello" l

section "find"
mkdir -p tree/a/b tree/c tree/d
for d in tree/a tree/a/b tree/c; do
    for k in 1 2 3; do echo "file $k in $d" >"$d/f$k.txt"; done
done
seq 1 100 >tree/a/b/data.dat
: >tree/d/empty.txt
ln -s ../c/f1.txt tree/a/link.txt
find tree | sort
find tree -type f -name '*.txt' | sort
find tree -type d | sort
find tree -type f -size +0 | sort
find tree -type f -empty
find tree -type l
find tree -name 'f2*' -exec cat {} \; | sort
find tree -maxdepth 1 | sort
find tree -type f | sort | xargs wc -l | tail -n 1

section "md5sum sha256sum"
find tree -type f | sort | xargs md5sum >sums
cat sums
md5sum -c sums | sort
sha256sum nums
sha1sum greek
echo "broken" >>tree/c/f1.txt
md5sum -c sums >check.out 2>/dev/null
echo "md5sum -c status $?"
grep -v ': OK$' check.out

section "tar gzip"
gzip -9 <nums >nums.gz
md5sum <nums.gz
gzip -t nums.gz && echo "gzip -t ok"
gunzip -c nums.gz | md5sum
zcat nums.gz | tail -n 1
tar -cf tree.tar tree
tar -tf tree.tar | sort
tar -cf - tree | gzip -1 >tree.tgz
mkdir out
tar -xzf tree.tgz -C out
(cd out && find . -type f | sort | xargs md5sum)
diff -r tree out/tree && echo "tar round trip identical"
bzip2 <nums | bunzip2 | cmp - nums && echo "bzip2 round trip ok"
rm nums.gz && gzip nums && ls nums* && gunzip nums.gz && ls nums*

section "misc applets"
basename /a/b/c.txt .txt
dirname /a/b/c.txt
date -u -d @86400 '+%Y-%m-%d %H:%M:%S %a'
echo hello | od -An -tx1
printf 'abc\ndef\n' | rev
printf '1\n2\n3\n' | paste -s -d+
echo "12345678901234567890" | fold -w 7
printf 'b\na\nc\n' >l1
printf 'a\nc\nd\n' >l2
sort l1 | comm - l2
diff l1 l2 | grep '^[<>]'
cmp l1 l2; echo "cmp status $?"
yes word | head -n 3
printf 'x\ty\n' | expand -t 4 | od -An -c
echo "one two three" | xargs -n 1 echo item
dd if=nums bs=100 skip=2 count=1 2>/dev/null | wc -c
nl -ba greek 2>/dev/null || cat -n greek
echo $((0x7fffffffffffffff + 1))
printf '%s\n' "a b" c | while read -r w; do echo "<$w>"; done
hexdump -C greek | head -n 2
ls tree/a | sort
du -s tree >/dev/null && echo "du ok"
mkdir -p m && chmod 751 m && ls -ld m | cut -c1-10
touch -d '2001-02-03 04:05:06' m/t && date -u -r m/t '+%Y %m %d %H %M %S'
realpath tree/a/link.txt | sed 's|.*/tree/|tree/|'
readlink tree/a/link.txt
