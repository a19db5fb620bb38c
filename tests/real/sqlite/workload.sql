-- workload.sql - a deterministic SQLite workload for tests/real/run.sh, run as
-- `sqlite3 DB < workload.sql` on a fresh database file; the output under crossrun must equal the
-- native x86_64 build's byte for byte. Tables filled by recursive CTEs (10k rows), joins,
-- aggregates, indexes (and the plans that use them), window functions, printf of floats,
-- transactions, triggers, views, JSON, and a file-backed database large enough to page.
-- Nothing here reads the clock or random().
.bail on
.headers on
.mode list
.separator |
PRAGMA page_size = 4096;
PRAGMA journal_mode = WAL;
PRAGMA cache_size = 200;

CREATE TABLE customer (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  balance REAL NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  day INTEGER NOT NULL,
  amount REAL NOT NULL,
  qty INTEGER NOT NULL,
  note TEXT
);

-- 500 customers and 10,000 orders from a linear congruential sequence (no random())
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)
INSERT INTO customer
SELECT i,
       'cust' || printf('%04d', i),
       CASE i % 5 WHEN 0 THEN 'north' WHEN 1 THEN 'south' WHEN 2 THEN 'east' WHEN 3 THEN 'west' ELSE 'centre' END,
       (i * 37 % 1000) / 7.0
FROM c;
WITH RECURSIVE seq(i, r) AS (
  SELECT 1, 12345
  UNION ALL
  SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM seq WHERE i < 10000
)
INSERT INTO orders
SELECT i,
       1 + r % 500,
       1 + (r / 500) % 365,
       round(((r / 7) % 100000) / 100.0 + 0.5, 2),
       1 + (r / 11) % 9,
       CASE WHEN r % 13 = 0 THEN NULL ELSE 'n' || (r % 97) END
FROM seq;
COMMIT;

SELECT count(*) AS orders, sum(qty) AS items, printf('%.2f', sum(amount)) AS total,
       printf('%.6f', avg(amount)) AS mean, min(amount), max(amount), count(note) AS with_note
FROM orders;

-- aggregates per group, HAVING, ORDER BY expressions
SELECT c.region, count(*) AS n, printf('%10.3f', sum(o.amount)) AS total,
       printf('%.4e', avg(o.amount * o.qty)) AS mean_line, max(o.qty) AS maxq
FROM orders o JOIN customer c ON c.id = o.customer_id
GROUP BY c.region HAVING count(*) > 100 ORDER BY total DESC;

-- indexes: the plan, then queries that use them
CREATE INDEX orders_by_customer ON orders(customer_id, day);
CREATE INDEX orders_by_amount ON orders(amount);
CREATE UNIQUE INDEX customer_by_name ON customer(name);
ANALYZE;
EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer_id = 42 ORDER BY day;
SELECT id, day, amount, qty FROM orders WHERE customer_id = 42 ORDER BY day, id;
SELECT count(*), printf('%.2f', sum(amount)) FROM orders WHERE amount BETWEEN 100 AND 200;
SELECT name FROM customer WHERE name >= 'cust0490' ORDER BY name LIMIT 5;

-- joins: inner, left with no match, self join, subqueries, EXISTS / IN
SELECT c.id, c.name, count(o.id) AS n
FROM customer c LEFT JOIN orders o ON o.customer_id = c.id AND o.day <= 3
GROUP BY c.id ORDER BY n DESC, c.id LIMIT 8;
SELECT count(*) AS customers_without_big_orders FROM customer c
WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.amount > 990);
SELECT a.id, b.id, a.amount FROM orders a JOIN orders b
  ON a.customer_id = b.customer_id AND a.day = b.day AND a.id < b.id
ORDER BY a.id, b.id LIMIT 6;
SELECT region, (SELECT count(*) FROM customer c2 WHERE c2.region = c1.region AND c2.balance > c1.balance) AS richer
FROM customer c1 WHERE id IN (1, 2, 3, 4, 5) ORDER BY id;

-- window functions
SELECT customer_id, day, amount,
       row_number() OVER w AS rn,
       rank() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rnk,
       printf('%.2f', sum(amount) OVER w) AS running,
       printf('%.3f', avg(amount) OVER (PARTITION BY customer_id ORDER BY day ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)) AS smooth,
       lag(day) OVER w AS prev_day, lead(amount, 2, -1) OVER w AS next2
FROM orders WHERE customer_id IN (7, 8)
WINDOW w AS (PARTITION BY customer_id ORDER BY day, id)
ORDER BY customer_id, day, id;
SELECT region, name, balance, ntile(4) OVER (ORDER BY balance, id) AS quartile,
       printf('%.4f', percent_rank() OVER (ORDER BY balance, id)) AS pr,
       printf('%.4f', cume_dist() OVER (PARTITION BY region ORDER BY balance)) AS cd,
       first_value(name) OVER (PARTITION BY region ORDER BY balance DESC, id) AS top
FROM customer WHERE id % 50 = 0 ORDER BY id;
SELECT day / 30 AS month, count(*) AS n, printf('%.2f', sum(amount)) AS total,
       printf('%.2f', sum(sum(amount)) OVER (ORDER BY day / 30)) AS cumulative,
       dense_rank() OVER (ORDER BY count(*) DESC) AS busiest
FROM orders GROUP BY day / 30 ORDER BY month;

-- printf of floats, rounding, integer/real conversions, math functions
SELECT printf('%f|%.0f|%.1f|%.15g|%e|%g|%g', 3.14159265358979, 2.5, 0.05, 0.1, 123456.789, 1e-5, 1e20);
SELECT printf('%8.3f|%-8.2f|%+d|%05d|%x|%o|%c|%%|%s', -1.5, 2.25, 42, 42, 255, 8, 'xyz', 'text');
SELECT printf('%!.20g', 0.1), printf('%.30f', 1.0 / 3), printf('%lld', 9223372036854775807), printf('%,d', 1234567);
SELECT round(2.5), round(-2.5), round(1.005, 2), round(123.456, -1), cast(7.9 AS INTEGER), cast('12abc' AS INTEGER), 7 / 2, 7 / 2.0, 7 % 3, -7 % 3;
SELECT 9223372036854775807 + 1, 1e308 * 10, -1e308 * 10, 1 / 0, abs(-9223372036854775807), typeof(1 / 0), typeof(2 * 1.5);
SELECT printf('%.10f', sqrt(2)), printf('%.10f', exp(1)), printf('%.10f', ln(10)), printf('%.10f', pi()), pow(2, 10), floor(-2.5), ceil(-2.5), printf('%.10f', sin(1) * sin(1) + cos(1) * cos(1));
SELECT sum(x), total(x), printf('%.17g', sum(x * 0.1)) FROM (WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 1000) SELECT x FROM s);

-- strings
SELECT upper('mixed Case'), lower('MIXED'), length('héllo'), length(x'00ff'), substr('abcdef', 2, 3), substr('abcdef', -2),
       replace('a-b-c', '-', '+'), trim('  x  ') || '|', instr('hello', 'll'), hex('AZ'), quote('it''s'), char(72, 105), unicode('é');
SELECT group_concat(name, ',') FROM (SELECT name FROM customer WHERE id <= 6 ORDER BY id DESC);
SELECT 'abc' LIKE 'A%', 'abc' GLOB 'A*', 'a_c' LIKE 'a\_c' ESCAPE '\', coalesce(NULL, NULL, 'z'), nullif(1, 1), ifnull(NULL, 'd'), iif(1 > 2, 'y', 'n');

-- updates, deletes, triggers, views, upsert, RETURNING
CREATE TABLE audit (seq INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER order_deleted AFTER DELETE ON orders BEGIN
  INSERT INTO audit(what) VALUES ('deleted ' || old.id);
END;
CREATE VIEW big_spenders AS
  SELECT customer_id, sum(amount) AS spent FROM orders GROUP BY customer_id HAVING sum(amount) > 12000;
BEGIN;
UPDATE orders SET amount = amount * 2 WHERE day = 100;
DELETE FROM orders WHERE id % 1000 = 0;
COMMIT;
SELECT count(*) FROM audit;
SELECT group_concat(what, ';') FROM audit;
SELECT customer_id, printf('%.2f', spent) FROM big_spenders ORDER BY spent DESC LIMIT 5;
CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER);
INSERT INTO kv VALUES ('a', 1), ('b', 2);
INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT(k) DO UPDATE SET v = v + excluded.v;
INSERT INTO kv VALUES ('d', 4) RETURNING k, v * 100;
SELECT * FROM kv ORDER BY k;
SAVEPOINT sp;
DELETE FROM kv;
ROLLBACK TO sp;
RELEASE sp;
SELECT count(*) FROM kv;

-- JSON
SELECT json_object('id', id, 'name', name, 'balance', round(balance, 2)) FROM customer WHERE id IN (1, 2) ORDER BY id;
SELECT json_group_array(day) FROM (SELECT day FROM orders WHERE customer_id = 3 ORDER BY day LIMIT 5);
SELECT key, value FROM json_each('{"x": [1, 2.5, "s"], "y": null, "z": {"k": true}}') ORDER BY key;
SELECT json_extract('{"a": {"b": [10, 20, 30]}}', '$.a.b[1]'), json_array_length('[1,2,3,4]'), json_valid('{bad');

-- a larger table that spills out of the 200-page cache, sorted without an index, then integrity
CREATE TABLE wide (id INTEGER PRIMARY KEY, payload TEXT, k INTEGER);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000)
INSERT INTO wide SELECT i, printf('%.*c', 100 + i % 200, 'x') || i, (i * 7919) % 5003 FROM s;
SELECT count(*), sum(length(payload)), max(k) FROM wide;
SELECT id, k, length(payload) FROM wide ORDER BY k DESC, id LIMIT 5;
SELECT k % 10 AS bucket, count(*), sum(length(payload)) FROM wide GROUP BY bucket ORDER BY bucket;
DELETE FROM wide WHERE id % 3 = 0;
VACUUM;
PRAGMA integrity_check;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT count(*) FROM wide;
SELECT count(*), printf('%.2f', sum(amount)) FROM orders;
