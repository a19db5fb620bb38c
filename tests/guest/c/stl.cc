/*
 * stl.cc - the C++ standard library containers and algorithms: vector (growth, insert,
 * erase), map/set (ordered iteration), unordered_map (hashing; printed in sorted order),
 * string operations, sort/stable_sort/partial_sort/nth_element/binary_search/unique,
 * accumulate/transform, lambdas and std::function, deque/list/priority_queue, and a word
 * frequency count. Output is ordered and deterministic.
 */
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <iostream>
#include <list>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

static uint32_t seed = 7;
static uint32_t rnd()
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::cout << "args:";
    for (auto &a : args)
        std::cout << " " << a;
    std::cout << "\n";

    // vector
    std::vector<int> v;
    size_t reallocations = 0, cap = v.capacity();
    for (int i = 0; i < 10000; i++) {
        v.push_back((int)(rnd() % 100000));
        if (v.capacity() != cap) {
            reallocations++;
            cap = v.capacity();
        }
    }
    std::cout << "vector size " << v.size() << " grew " << (reallocations > 5 ? "several" : "few") << " times\n";
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::cout << "sorted: is_sorted=" << std::is_sorted(sorted.begin(), sorted.end()) << " min=" << sorted.front()
              << " max=" << sorted.back() << " median=" << sorted[sorted.size() / 2] << "\n";
    const int smallest100 = sorted[100];
    auto last = std::unique(sorted.begin(), sorted.end());
    std::cout << "distinct values " << (last - sorted.begin()) << "\n";
    std::cout << "binary_search 500: " << std::binary_search(sorted.begin(), last, 500)
              << " lower_bound(50000) index " << (std::lower_bound(sorted.begin(), last, 50000) - sorted.begin())
              << "\n";
    std::vector<int> part = v;
    std::partial_sort(part.begin(), part.begin() + 5, part.end(), std::greater<int>());
    std::cout << "top5:";
    for (int i = 0; i < 5; i++)
        std::cout << " " << part[i];
    std::cout << "\n";
    std::vector<int> nth = v;
    std::nth_element(nth.begin(), nth.begin() + 100, nth.end());
    std::cout << "100th smallest " << nth[100] << " == " << smallest100 << "\n";
    long long sum = std::accumulate(v.begin(), v.end(), 0LL);
    std::vector<int> sq(v.size());
    std::transform(v.begin(), v.end(), sq.begin(), [](int x) { return x % 1000; });
    std::cout << "sum " << sum << " sum%1000 " << std::accumulate(sq.begin(), sq.end(), 0LL) << "\n";
    v.erase(std::remove_if(v.begin(), v.end(), [](int x) { return x % 2; }), v.end());
    v.insert(v.begin() + 3, {-1, -2, -3});
    std::cout << "after erase/insert: size " << v.size() << " v[2..6] " << v[2] << " " << v[3] << " " << v[4] << " "
              << v[5] << " " << v[6] << "\n";

    // stable_sort on pairs keeps equal keys in input order
    std::vector<std::pair<int, int>> pairs;
    for (int i = 0; i < 50; i++)
        pairs.push_back({(int)(rnd() % 5), i});
    std::stable_sort(pairs.begin(), pairs.end(), [](auto &a, auto &b) { return a.first < b.first; });
    bool stable = true;
    for (size_t i = 1; i < pairs.size(); i++)
        if (pairs[i - 1].first == pairs[i].first && pairs[i - 1].second > pairs[i].second)
            stable = false;
    std::cout << "stable_sort stable=" << stable << " first " << pairs[0].first << ":" << pairs[0].second << "\n";

    // map / set
    std::map<std::string, int> ages{{"zoe", 31}, {"adam", 45}, {"mia", 27}};
    ages["bob"] = 52;
    ages.erase("mia");
    ages.emplace("carl", 19);
    for (auto &[name, age] : ages)
        std::cout << name << "=" << age << " ";
    std::cout << "| lower_bound(b)=" << ages.lower_bound("b")->first << "\n";
    std::set<int> s;
    for (int i = 0; i < 1000; i++)
        s.insert((int)(rnd() % 500));
    std::cout << "set size " << s.size() << " first " << *s.begin() << " last " << *s.rbegin() << "\n";
    std::multimap<int, char> mm{{2, 'b'}, {1, 'a'}, {2, 'c'}, {1, 'd'}};
    for (auto &p : mm)
        std::cout << p.first << p.second << " ";
    std::cout << "count(2)=" << mm.count(2) << "\n";

    // unordered_map: word frequencies, printed sorted
    const std::string text =
        "the quick brown fox jumps over the lazy dog the dog barks and the fox runs quick quick";
    std::unordered_map<std::string, int> freq;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string::npos)
            end = text.size();
        freq[text.substr(pos, end - pos)]++;
        pos = end + 1;
    }
    std::vector<std::pair<std::string, int>> fv(freq.begin(), freq.end());
    std::sort(fv.begin(), fv.end(), [](auto &a, auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (auto &p : fv)
        std::cout << p.first << ":" << p.second << " ";
    std::cout << "\n";
    std::unordered_map<int, int> big;
    for (int i = 0; i < 50000; i++)
        big[(int)(rnd() % 20000)] += i;
    long long check = 0;
    for (auto &p : big)
        check += (long long)p.first * 31 + p.second;
    std::cout << "unordered_map size " << big.size() << " check " << check << " find(123) "
              << (big.find(123) != big.end()) << "\n";
    std::unordered_set<std::string> us{"x", "y", "x", "z"};
    std::cout << "unordered_set size " << us.size() << "\n";

    // strings
    std::string str = "Hello, World";
    str += "! Goodbye, World!";
    std::cout << str.size() << " " << str.find("World") << " " << str.rfind("World") << " "
              << str.substr(7, 5) << " " << str.replace(0, 5, "HELLO") << "\n";
    std::string rev(str.rbegin(), str.rend());
    std::transform(rev.begin(), rev.end(), rev.begin(), [](unsigned char c) { return (char)std::tolower(c); });
    std::cout << rev << " " << (str < rev) << " " << std::string(5, '*') << " " << str.compare(0, 5, "HELLO") << "\n";
    std::string longs;
    for (int i = 0; i < 1000; i++)
        longs += std::to_string(i);
    std::cout << "long string " << longs.size() << " " << longs.substr(1000, 10) << " "
              << std::hash<std::string>{}("stable") % 1000 << "\n";

    // other containers
    std::deque<int> dq;
    for (int i = 0; i < 10; i++)
        (i % 2 ? dq.push_back(i) : dq.push_front(i));
    std::list<int> li(dq.begin(), dq.end());
    li.sort();
    li.reverse();
    std::priority_queue<int> pq(dq.begin(), dq.end());
    std::cout << "deque:";
    for (int x : dq)
        std::cout << " " << x;
    std::cout << " list:";
    for (int x : li)
        std::cout << " " << x;
    std::cout << " pq top " << pq.top() << "\n";

    // std::function and recursion through it
    std::function<long(int)> fact = [&](int n) -> long { return n <= 1 ? 1 : n * fact(n - 1); };
    std::map<int, std::function<int(int, int)>> ops{
        {0, [](int a, int b) { return a + b; }}, {1, [](int a, int b) { return a * b; }},
        {2, [](int a, int b) { return a - b; }}};
    std::cout << "fact(20) " << fact(20) << " ops " << ops[0](6, 7) << " " << ops[1](6, 7) << " " << ops[2](6, 7)
              << "\n";
    return 0;
}
