-- workload.lua - a deterministic Lua 5.4 workload for tests/real/run.sh: its output under crossrun
-- must equal the native x86_64 build's byte for byte. Exercises tables, the string library
-- (gsub/format/patterns/pack), closures, coroutines, metatables, integer and float maths, goto,
-- varargs, utf8, to-be-closed variables and error handling. Never prints an address, never
-- depends on pairs() order over string keys (hash seeds vary per run), never reads the clock.

local out = {}
local function say(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  io.write(table.concat(parts, " "), "\n")
end

local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) < type(b)
  end)
  return ks
end

-- 1. tables ---------------------------------------------------------------------------------
say("== tables")
do
  local t = {}
  for i = 1, 1000 do t[i] = i * i end
  say("#t", #t, t[1], t[500], t[1000])
  table.insert(t, 1, -1); table.insert(t, 7); say("after insert", #t, t[1], t[2], t[#t])
  say("remove", table.remove(t), table.remove(t, 1), #t)
  local m = table.move(t, 1, 5, 3, {})
  say("move", m[1], m[3], m[7])
  say("concat", table.concat({1, 2.5, "x", 4}, ","), table.concat({}, ","), table.concat({"a","b","c"}, "-", 2, 3))
  local u = table.pack(1, nil, 3)
  say("pack", u.n, u[1], u[2], u[3], select("#", table.unpack(u, 1, u.n)))
  -- sort with comparator, stable tie-breaks
  local recs = {}
  for i = 1, 200 do recs[i] = { key = (i * 7919) % 101, id = i } end
  table.sort(recs, function(a, b) if a.key ~= b.key then return a.key > b.key end return a.id < b.id end)
  local s = {}
  for i = 1, 10 do s[#s + 1] = recs[i].key .. ":" .. recs[i].id end
  say("sort", table.concat(s, " "))
  -- hash part with mixed keys
  local h = { alpha = 1, beta = 2, [3.0] = "three", [true] = "yes", [-7] = "neg" }
  h.gamma = 3; h.alpha = nil
  local ks = sorted_keys(h)
  local kd = {}
  for _, k in ipairs(ks) do kd[#kd + 1] = tostring(k) .. "=" .. tostring(h[k]) end
  say("hash", table.concat(kd, " "), math.type(next({[3.0] = 1})))
  -- a big hash, counted
  local big = {}
  for i = 1, 20000 do big["k" .. (i % 5003)] = (big["k" .. (i % 5003)] or 0) + i end
  local n, sum = 0, 0
  for _, v in pairs(big) do n = n + 1; sum = sum + v end
  say("big", n, sum)
end

-- 2. strings --------------------------------------------------------------------------------
say("== strings")
do
  local text = "The quick brown fox jumps over the lazy dog; 42 foxes, 3.5 dogs, 0x1F cats."
  say(text:upper()); say(text:lower():reverse())
  say("len", #text, text:len(), ("x"):rep(5, "-"), ("ab"):rep(0))
  say("sub", text:sub(5, 9), text:sub(-5), text:sub(-100, 3), text:sub(10, 5) == "")
  say("find", text:find("fox"), text:find("o", 20, true), text:find("(%d+)%s+(%a+)"))
  say("match", text:match("(%d+%.%d+)"), text:match("0x(%x+)"), text:match("^(%w+)"))
  local words = {}
  for w in text:gmatch("%a+") do words[#words + 1] = w end
  say("gmatch", #words, words[1], words[#words])
  for k, v in ("a=1, bb=22, ccc=333"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end
  io.write("\n")
  say("gsub", (text:gsub("o", "0")), select(2, text:gsub("%s", "")))
  say("gsub fn", (text:gsub("%d+", function(d) return "<" .. tonumber(d) * 2 .. ">" end)))
  say("gsub tbl", (("$name is $age"):gsub("%$(%w+)", { name = "Ada", age = 36 })))
  say("gsub n", (("aaaa"):gsub("a", "b", 2)), (("hello world"):gsub("(%w+) (%w+)", "%2 %1")))
  say("balanced", ("f(a(b)c) g(d)"):match("%b()"), ("THE (quick) fox"):find("%f[%a]%a+%f[%A]", 5))
  say("anchors", ("  trim me  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
  say("classes", ("a1 B2_c3!"):gsub("[%w_]", "."), ("x-y"):gsub("[%-]", "+"))
  say("format", string.format("%5d|%-5d|%05d|%x|%X|%o|%c|%q", 42, 42, 42, 255, 255, 8, 65, "a\nb\"c\0"))
  say("format f", string.format("%.3f %10.2f %-10.4e %g %g %g", math.pi, -2.5, 12345.6789, 1e20, 0.1, 100))
  say("format g", string.format("%.17g %.14g %a %s %s", 0.1, 2 / 3, 1.0, 1e100, -0.0))
  say("format i", string.format("%i %d %s %s", math.mininteger, math.maxinteger, 7 // 2, 7 / 2))
  say("format s", string.format("[%10s][%-10s][%.3s]", "right", "left", "truncate"))
  say("byte/char", ("ABC"):byte(1, -1), string.char(72, 105, 33))
  say("tostring", tostring(10), tostring(10.0), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(2^63))
  say("tonumber", tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("777", 8), tonumber("x"))
  say("coerce", "10" + 5, "3.5" * 2, 10 .. 20, "0x10" + 0)
  -- a long string built by pieces, then hashed by a checksum of its bytes
  local pieces = {}
  for i = 1, 3000 do pieces[i] = string.format("%04d:%s;", i, ("abcdefghij"):sub(1 + i % 10)) end
  local long = table.concat(pieces)
  local h = 0
  for i = 1, #long, 7 do h = (h * 31 + long:byte(i)) & 0xffffffff end
  say("long", #long, h)
end

-- 3. string.pack -----------------------------------------------------------------------------
say("== pack")
do
  local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
  say(hex(string.pack("<i4>i4=i2", 0x01020304, 0x01020304, -2)))
  say(hex(string.pack("<I8j", 0xdeadbeef, math.mininteger)))
  say(hex(string.pack("<d", 1.5)), hex(string.pack(">f", -0.25)), hex(string.pack("<n", math.pi)))
  say(hex(string.pack("z", "hi")), hex(string.pack("s1", "abc")), hex(string.pack("<s4", "xyz")))
  say(hex(string.pack("!8<b i8", 1, 2)), string.packsize("!8<b i8"), string.packsize("i3 i7"))
  local packed = string.pack("<i3 I5 s2 d z", -100000, 2^39 + 7, "str", 2.75, "end")
  say("unpack", string.unpack("<i3 I5 s2 d z", packed))
  say("unpack at", string.unpack("<i2", "\1\0\2\0", 3))
  say("overflow", pcall(string.pack, "i1", 200))
end

-- 4. closures --------------------------------------------------------------------------------
say("== closures")
do
  local function counter(start, step)
    local n = start
    return function() n = n + step; return n end, function() return n end
  end
  local inc, get = counter(10, 3)
  inc(); inc()
  say("counter", inc(), get())
  local fs = {}
  for i = 1, 5 do fs[i] = function() return i * i end end
  say("loop capture", fs[1](), fs[3](), fs[5]())
  local function compose(...)
    local fns = { ... }
    return function(x) for i = #fns, 1, -1 do x = fns[i](x) end return x end
  end
  say("compose", compose(function(x) return x + 1 end, function(x) return x * 2 end)(5))
  local function memo(f)
    local cache = {}
    return function(n) local v = cache[n]; if v == nil then v = f(n); cache[n] = v end return v end
  end
  local fib
  fib = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
  say("fib", fib(80), fib(90))
  local function vsum(...)
    local s = 0
    for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
    return s, select("#", ...)
  end
  say("varargs", vsum(1, 2, nil, 4), vsum())
  -- deep recursion, and a tail call that must not grow the stack
  local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
  local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + 1) end
  say("recursion", depth(10000), tail(1000000, 0))
end

-- 5. coroutines ------------------------------------------------------------------------------
say("== coroutines")
do
  local function gen(n)
    return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end return "done" end)
  end
  local g = gen(4)
  for _ = 1, 5 do io.write(table.concat({ tostring(g()) }, ","), " ") end
  io.write("\n")
  local co = coroutine.create(function(a, b)
    say("  start", a, b)
    local c = coroutine.yield(a + b)
    say("  got", c)
    local d, e = coroutine.yield(c * 2)
    say("  got", d, e)
    error("boom")
  end)
  say("resume", coroutine.resume(co, 1, 2))
  say("status", coroutine.status(co))
  say("resume", coroutine.resume(co, 10))
  local ok, err = coroutine.resume(co, "x", "y")
  say("resume", ok, err, coroutine.status(co))
  say("dead", coroutine.resume(co))
  say("isyieldable", coroutine.isyieldable(), coroutine.running() ~= nil)
  -- producer/consumer pipeline with a filter
  local function producer() return coroutine.create(function()
    for i = 1, 30 do coroutine.yield(i) end
  end) end
  local function filter(src) return coroutine.create(function()
    while true do
      local ok2, v = coroutine.resume(src)
      if not v then return end
      if v % 3 == 0 then coroutine.yield(v * 10) end
    end
  end) end
  local f, got = filter(producer()), {}
  while true do
    local ok3, v = coroutine.resume(f)
    if not ok3 or v == nil then break end
    got[#got + 1] = v
  end
  say("pipeline", table.concat(got, " "))
  -- yield across pcall
  local co2 = coroutine.wrap(function()
    local ok4, e = pcall(function() coroutine.yield(1); error({ code = 7 }) end)
    coroutine.yield(ok4, type(e) == "table" and e.code)
    return "end"
  end)
  say("pcall yield", co2(), co2(), co2())
  local closeme = coroutine.create(function() coroutine.yield() end)
  coroutine.resume(closeme)
  say("close", coroutine.close(closeme), coroutine.status(closeme))
end

-- 6. metatables ------------------------------------------------------------------------------
say("== metatables")
do
  local V = {}
  V.__index = V
  local function vec(x, y) return setmetatable({ x = x, y = y }, V) end
  V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
  V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
  V.__mul = function(a, b)
    if type(a) == "number" then return vec(a * b.x, a * b.y) end
    if type(b) == "number" then return vec(a.x * b, a.y * b) end
    return a.x * b.x + a.y * b.y
  end
  V.__unm = function(a) return vec(-a.x, -a.y) end
  V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
  V.__lt = function(a, b) return a:len2() < b:len2() end
  V.__le = function(a, b) return a:len2() <= b:len2() end
  V.__len = function(a) return 2 end
  V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
  V.__concat = function(a, b) return tostring(a) .. tostring(b) end
  V.__call = function(self, k) return self[k] end
  V.__idiv = function(a, n) return vec(a.x // n, a.y // n) end
  V.__mod = function(a, n) return vec(a.x % n, a.y % n) end
  function V:len2() return self.x * self.x + self.y * self.y end
  local a, b = vec(1, 2), vec(3, -4)
  say("arith", tostring(a + b), tostring(a - b), a * b, tostring(2 * a), tostring(-b))
  say("cmp", a == vec(1, 2), a ~= b, a < b, b <= a, #a, a("y"))
  say("concat", a .. b, tostring(vec(7, 9) // 2), tostring(vec(7, -9) % 4))
  -- __index chain and __newindex proxy
  local base = { greet = function(self) return "hi " .. self.name end, kind = "base" }
  local mid = setmetatable({ kind = "mid" }, { __index = base })
  local obj = setmetatable({ name = "obj" }, { __index = mid })
  say("inherit", obj:greet(), obj.kind, rawget(obj, "kind"))
  local log = {}
  local store = {}
  local proxy = setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. k; return store[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. k; store[k] = v end,
  })
  proxy.a = 1; proxy.b = proxy.a + 1; local _ = proxy.zzz
  say("proxy", store.a, store.b, rawget(proxy, "a"), table.concat(log, ","))
  -- default values and read-only tables
  local defaults = setmetatable({}, { __index = function() return 0 end })
  defaults.x = defaults.x + 5
  say("defaults", defaults.x, defaults.y)
  local ro = setmetatable({}, { __newindex = function() error("read-only table", 2) end })
  local ok, err = pcall(function() ro.x = 1 end)
  say("readonly", ok, err)
  -- __close
  do
    local trace = {}
    do
      local x <close> = setmetatable({}, { __close = function(_, e) trace[#trace + 1] = "closed x " .. tostring(e) end })
      local y <close> = setmetatable({}, { __close = function() trace[#trace + 1] = "closed y" end })
      trace[#trace + 1] = "body"
    end
    say("close order", table.concat(trace, "; "))
  end
  say("getmetatable", getmetatable("abc").__index == string, getmetatable(a) == V)
end

-- 7. integer and float maths -----------------------------------------------------------------
say("== maths")
do
  say("ints", math.maxinteger + 1 == math.mininteger, math.mininteger // -1, math.maxinteger * 2)
  say("div", 7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2)
  say("fdiv", 1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 3 / 2, math.huge // 1)
  say("mod float", 5.5 % 2, -5.5 % 2, 5 % math.huge, -5 % math.huge)
  say("pcall div0", pcall(function() return 1 // 0 end))
  say("pcall mod0", pcall(function() return 1 % 0 end))
  say("bits", 0xff & 0x0f, 0xf0 | 0x0f, 0xff ~ 0x0f, ~0, 1 << 63, 1 << 64, -1 >> 1, 3.0 | 0)
  say("shift", 1 << -1, 2 >> -1, 0x8000000000000000 >> 63)
  say("types", math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0), math.tointeger(3.5))
  say("conv", 2^53, 2^53 + 1, math.floor(-3.5), math.ceil(-3.5), math.floor(2^62), math.fmod(-7, 3), math.fmod(7, -3))
  say("ult", math.ult(1, -1), math.abs(math.mininteger), math.abs(-2.5), math.max(3, 7.5, -1), math.min(3, 7.5, -1))
  say("cmp mixed", 1 == 1.0, 2^63 == math.maxinteger, math.maxinteger < 2^63, -2^63 == math.mininteger)
  say("sqrt", math.sqrt(2), math.sqrt(144), 2 ^ 0.5, 10 ^ -2, (-8) ^ (1 / 3) ~= (-8) ^ (1 / 3))
  say("float exact", 0.1 + 0.2, 0.1 + 0.2 == 0.3, 1e308 * 10, -1e308 * 10, 5e-324, 5e-324 / 2)
  -- transcendental functions: printed with 12 significant digits so that a 1-ulp libm
  -- difference between the hosts' libms does not show
  local tr = {}
  for _, x in ipairs({ 0.5, 1, 2, 10, 100 }) do
    tr[#tr + 1] = string.format("%.12g/%.12g/%.12g/%.12g/%.12g", math.sin(x), math.cos(x), math.exp(x / 10), math.log(x), math.atan(x, 3))
  end
  say("trans", table.concat(tr, " "))
  say("log", math.log(8, 2), math.log(100, 10), math.log(1), string.format("%.12g", math.log(2.5, 7)))
  -- integer work: sieve, gcd, modular exponentiation, collatz
  local N = 30000
  local sieve, count, last = {}, 0, 0
  for i = 2, N do
    if not sieve[i] then
      count = count + 1; last = i
      for j = i * i, N, i do sieve[j] = true end
    end
  end
  say("primes", count, last)
  local function gcd(x, y) while y ~= 0 do x, y = y, x % y end return x end
  say("gcd", gcd(1071, 462), gcd(2^40 // 1 | 0, 6^10 // 1 | 0))
  local function powmod(b, e, m)
    local r = 1; b = b % m
    while e > 0 do
      if e & 1 == 1 then r = r * b % m end
      b = b * b % m; e = e >> 1
    end
    return r
  end
  say("powmod", powmod(2, 1000000, 1000000007), powmod(3, 123456789, 998244353))
  local longest, arg = 0, 0
  for i = 1, 3000 do
    local n, steps = i, 0
    while n ~= 1 do if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end steps = steps + 1 end
    if steps > longest then longest, arg = steps, i end
  end
  say("collatz", arg, longest)
  -- float accumulation: a Mandelbrot set in text
  local rows = {}
  for y = -1.2, 1.2, 0.2 do
    local row = {}
    for x = -2.0, 0.6, 0.08 do
      local zr, zi, k = 0.0, 0.0, 0
      while k < 60 and zr * zr + zi * zi < 4 do zr, zi = zr * zr - zi * zi + x, 2 * zr * zi + y; k = k + 1 end
      row[#row + 1] = (" .:-=+*#%@"):sub(k % 10 + 1, k % 10 + 1)
    end
    rows[#rows + 1] = table.concat(row)
  end
  say(table.concat(rows, "\n"))
  -- a fixed-seed random stream (xoshiro256**, the same on every host)
  math.randomseed(42)
  local r = {}
  for i = 1, 8 do r[i] = math.random(1000) end
  say("random", table.concat(r, " "), math.random(5, 5), string.format("%.10f", math.random()))
  local acc = 0.0
  for i = 1, 100000 do acc = acc + 1 / (i * i) end
  say("basel", string.format("%.15f", acc), string.format("%.15f", math.sqrt(acc * 6)))
end

-- 8. goto, errors, utf8, load ----------------------------------------------------------------
say("== misc")
do
  local i, odds = 0, {}
  ::top::
  i = i + 1
  if i > 10 then goto done end
  if i % 2 == 0 then goto top end
  odds[#odds + 1] = i
  goto top
  ::done::
  say("goto", table.concat(odds, ","))
  say("error str", pcall(error, "plain", 0))
  say("error lvl", select(2, pcall(function() error("here") end)))
  say("error tbl", select(2, pcall(error, setmetatable({}, { __tostring = function() return "E!" end }))) ~= nil)
  say("xpcall", xpcall(function() local t = nil; return t.x end, function(m) return "handled: " .. m end))
  say("arith err", pcall(function() return {} + 1 end))
  say("call err", pcall(function() local f = 5; f() end))
  say("assert", pcall(assert, false, "assertion msg"), pcall(assert, 1, 2))
  say("utf8", utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), #utf8.char(128512))
  local cps = {}
  for _, c in utf8.codes("aé€😀") do cps[#cps + 1] = c end
  say("codes", table.concat(cps, " "), utf8.codepoint("héllo", 1, -1))
  say("utf8 offset", utf8.offset("aé€😀", 3), utf8.offset("aé€😀", -1), utf8.charpattern)
  local chunk = load("local a, b = ... return a * b + x", "=chunk", "t", { x = 100 })
  say("load", chunk(6, 7), load("return 1 +")) 
  say("select", select(-1, 1, 2, 3), select(2, "a", "b", "c"))
  say("string lib", ("%d items"):format(3), ("abc"):upper(), #"\u{10FFFF}")
  say("integer for", (function() local s = 0 for k = 10, 1, -3 do s = s * 10 + k end return s end)())
  say("float for", (function() local s = {} for k = 0, 1, 0.25 do s[#s + 1] = k end return table.concat(s, " ") end)())
  say("os", os.getenv("CROSSRUN_REAL_NO_SUCH_VAR"), type(os.clock()), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
  say("collectgarbage", type(collectgarbage("count")), collectgarbage("step", 0) ~= nil)
end
say("== end")
