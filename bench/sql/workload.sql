-- workload.sql - the SQLite benchmark: an in-memory database filled from a generator of our own
-- (a recursive CTE running a linear congruential generator), then indexed look-ups, joins,
-- grouping, sorting, updates, deletes, window functions and string functions.
-- scripts/bench.sh replaces @ROWS@ with the row count. Every result is an integer or text, so
-- the output does not depend on how a platform prints floating point.
PRAGMA journal_mode = OFF;
PRAGMA cache_size = -65536;
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INT, product INT, qty INT, price INT, note TEXT);
WITH RECURSIVE gen(i, x) AS (
  SELECT 1, 20240601
  UNION ALL
  SELECT i + 1, (x * 1103515245 + 12345) % 2147483648 FROM gen WHERE i < @ROWS@
)
INSERT INTO orders
SELECT i, x % 5000, (x / 5000) % 800, 1 + (x / 4000000) % 20, 100 + (x / 7) % 9900,
       printf('n%04d-%s', x % 9973, substr('abcdefghijklmnopqrstuvwxyz', 1 + x % 26, 3))
FROM gen;
CREATE TABLE products(id INTEGER PRIMARY KEY, category INT, name TEXT);
WITH RECURSIVE p(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM p WHERE i < 799)
INSERT INTO products SELECT i, (i * 37) % 23, 'product-' || i FROM p;

SELECT 'rows', count(*), sum(qty), sum(qty * price) FROM orders;
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_product_qty ON orders(product, qty);

SELECT 'lookup', count(*), sum(o.price) FROM orders o
 WHERE o.customer IN (SELECT (value * 97) % 5000 FROM generate_series(1, 400));
SELECT 'top-customers', customer, count(*), sum(qty * price) AS spent FROM orders
 GROUP BY customer ORDER BY spent DESC, customer LIMIT 5;
SELECT 'by-category', p.category, count(*), sum(o.qty), CAST(avg(o.price) * 100 AS INTEGER)
  FROM orders o JOIN products p ON p.id = o.product
 GROUP BY p.category ORDER BY p.category;
SELECT 'range', count(*), max(id) FROM orders WHERE product BETWEEN 100 AND 140 AND qty > 15;
SELECT 'like', count(*) FROM orders WHERE note LIKE 'n1%-c%';
SELECT 'distinct-notes', count(DISTINCT note) FROM orders;

UPDATE orders SET price = price + 1 WHERE customer % 7 = 3;
DELETE FROM orders WHERE qty = 1 AND product % 3 = 0;
SELECT 'after-update', count(*), sum(price) FROM orders;

SELECT 'window', sum(rk), max(running) FROM (
  SELECT rank() OVER (PARTITION BY customer ORDER BY price DESC, id) AS rk,
         sum(qty) OVER (PARTITION BY product ORDER BY id ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS running
    FROM orders);
SELECT 'sorted', group_concat(id, ',') FROM (
  SELECT id FROM orders ORDER BY note DESC, price, id LIMIT 12);
SELECT 'strings', sum(length(upper(note) || replace(note, 'n', 'xyz'))), count(*)
  FROM orders WHERE instr(note, 'q') > 0;
