-- calls.lua - the call- and indirect-branch-heavy benchmark: Lua 5.4's interpreter dispatches
-- every bytecode through a jump table, and this script adds method calls through metatables,
-- closures, varargs, a comparator-driven table.sort, string building and pcall.
-- Usage: lua calls.lua [N]   (N scales every part; default 200000). Deterministic output.
local N = tonumber(arg and arg[1]) or 200000

-- a linear congruential generator of our own, so no seed comes from the clock
local seed = 12345
local function rand(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end

-- shapes: a small class hierarchy, area() dispatched through __index chains
local Shape = {}
Shape.__index = Shape
function Shape.new(kind, a, b) return setmetatable({ kind = kind, a = a, b = b }, Shape) end
function Shape:scale(f) self.a = self.a * f; self.b = self.b * f; return self end

local Rect = setmetatable({}, { __index = Shape })
Rect.__index = Rect
function Rect.new(w, h) return setmetatable(Shape.new("rect", w, h), Rect) end
function Rect:area() return self.a * self.b end

local Tri = setmetatable({}, { __index = Shape })
Tri.__index = Tri
function Tri.new(b, h) return setmetatable(Shape.new("tri", b, h), Tri) end
function Tri:area() return self.a * self.b // 2 end

local Square = setmetatable({}, { __index = Rect })
Square.__index = Square
function Square.new(s) return setmetatable(Rect.new(s, s), Square) end

local shapes = {}
for i = 1, 1000 do
  local r = rand(3)
  if r == 0 then shapes[i] = Rect.new(rand(50) + 1, rand(50) + 1)
  elseif r == 1 then shapes[i] = Tri.new(rand(50) + 1, rand(50) + 1)
  else shapes[i] = Square.new(rand(50) + 1) end
end
local total_area = 0
for _ = 1, N // 200 do
  for i = 1, #shapes do total_area = total_area + shapes[i]:area() end
end
for i = 1, #shapes, 7 do shapes[i]:scale(2) end
for i = 1, #shapes do total_area = total_area + shapes[i]:area() end
print("shapes", total_area)

-- closures and higher-order functions
local function counter(step)
  local n = 0
  return function() n = n + step; return n end
end
local function compose(f, g) return function(...) return f(g(...)) end end
local function map(t, f) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
local function fold(t, f, acc) for i = 1, #t do acc = f(acc, t[i]) end return acc end
local inc3 = counter(3)
local sq_plus1 = compose(function(x) return x + 1 end, function(x) return x * x end)
local acc = 0
for _ = 1, N // 1000 do
  local t = {}
  for i = 1, 500 do t[i] = inc3() % 1000 end
  local m = map(t, sq_plus1)
  acc = (acc + fold(m, function(a, b) return (a + b) % 1000003 end, 0)) % 1000003
end
print("closures", acc)

-- varargs and select
local function sum_all(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
local vs = 0
for i = 1, N // 4 do vs = vs + sum_all(i, i % 7, 3, i % 11) end
print("varargs", vs)

-- recursion
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local fib_n = 18
local m = N
while m > 25000 do fib_n = fib_n + 1; m = m // 2 end
print("fib", fib_n, fib(fib_n))

-- sorting records with a comparator (a Lua call per comparison from C)
local recs = {}
for i = 1, N // 10 do recs[i] = { key = rand(100000), id = i } end
table.sort(recs, function(x, y)
  if x.key ~= y.key then return x.key < y.key end
  return x.id < y.id
end)
local chk = 0
for i = 1, #recs, 97 do chk = (chk * 31 + recs[i].key + recs[i].id) % 1000000007 end
print("sort", #recs, chk)

-- strings: formatting, concatenation through a buffer, pattern matching, gsub with a function
local parts = {}
for i = 1, N // 20 do parts[#parts + 1] = string.format("%d:%s", i, string.rep("ab", i % 5)) end
local text = table.concat(parts, ",")
local words, digits = 0, 0
for w in text:gmatch("[a-z]+") do words = words + #w end
for d in text:gmatch("%d+") do digits = digits + tonumber(d) % 97 end
local replaced = text:sub(1, 20000):gsub("(%d+)", function(d) return tostring(#d) end)
print("strings", #text, words, digits, #replaced)

-- errors through pcall
local function risky(i) if i % 5 == 0 then error({ code = i }) end return i end
local ok_sum, err_sum = 0, 0
for i = 1, N // 10 do
  local ok, v = pcall(risky, i)
  if ok then ok_sum = ok_sum + v else err_sum = err_sum + v.code end
end
print("pcall", ok_sum, err_sum)
