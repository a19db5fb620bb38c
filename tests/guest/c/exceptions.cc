/*
 * exceptions.cc - C++ exception handling (DWARF unwinding through libgcc): throw across
 * many frames with destructors run in order, catch by base class and by reference,
 * rethrow, nested try blocks, exceptions from constructors (partially built objects
 * cleaned up), std::runtime_error/logic_error what(), noexcept, std::exception_ptr,
 * std::nested_exception, and exceptions of non-class types.
 */
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

static std::string trace;

struct Guard {
    std::string name;
    explicit Guard(std::string n) : name(std::move(n)) { trace += "+" + name; }
    ~Guard() { trace += "-" + name; }
};

struct AppError : std::runtime_error {
    int code;
    AppError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};
struct NetError : AppError {
    NetError(const std::string &m) : AppError("net: " + m, 7) {}
};

static int deep(int n, int limit)
{
    Guard g("d" + std::to_string(n));
    if (n == limit)
        throw NetError("depth " + std::to_string(n));
    return deep(n + 1, limit) + 1;
}

struct Part {
    int id;
    explicit Part(int i) : id(i)
    {
        if (i == 3)
            throw std::logic_error("part 3 is bad");
        trace += "P" + std::to_string(i);
    }
    ~Part() { trace += "~P" + std::to_string(id); }
};
struct Machine {
    Part a{1}, b{2}, c{3}, d{4};
};

static void rethrower()
{
    try {
        throw std::out_of_range("index 99");
    } catch (const std::exception &e) {
        trace += "[inner:" + std::string(e.what()) + "]";
        throw;
    }
}

static void thrower_noexcept_ok() noexcept
{
    try {
        throw 5;
    } catch (int) {
    }
}

int main(int argc, char **argv)
{
    (void)argv;
    // 1. across frames, caught by base class reference
    try {
        deep(0, 6 + argc);
    } catch (const AppError &e) {
        std::printf("caught AppError code=%d what=\"%s\"\n", e.code, e.what());
    }
    std::printf("trace: %s\n", trace.c_str());
    trace.clear();

    // 2. catch order: most derived handler listed first wins
    for (int kind = 0; kind < 5; kind++) {
        try {
            switch (kind) {
            case 0: throw NetError("timeout");
            case 1: throw AppError("config", 2);
            case 2: throw std::invalid_argument("bad arg");
            case 3: throw 42;
            case 4: throw std::string("a string");
            }
        } catch (const NetError &e) {
            std::printf("kind %d: NetError %s\n", kind, e.what());
        } catch (const AppError &e) {
            std::printf("kind %d: AppError %s code %d\n", kind, e.what(), e.code);
        } catch (const std::logic_error &e) {
            std::printf("kind %d: logic_error %s\n", kind, e.what());
        } catch (int v) {
            std::printf("kind %d: int %d\n", kind, v);
        } catch (...) {
            std::printf("kind %d: something else\n", kind);
        }
    }

    // 3. rethrow
    try {
        rethrower();
    } catch (const std::out_of_range &e) {
        trace += "[outer:" + std::string(e.what()) + "]";
    }
    std::printf("rethrow: %s\n", trace.c_str());
    trace.clear();

    // 4. constructor failure: built members destroyed in reverse order
    try {
        Machine m;
        std::printf("not reached\n");
    } catch (const std::logic_error &e) {
        std::printf("ctor failure: %s, trace %s\n", e.what(), trace.c_str());
    }
    trace.clear();

    // 5. nested try blocks and exceptions thrown from a catch handler
    try {
        try {
            Guard g("inner");
            throw std::runtime_error("first");
        } catch (const std::runtime_error &e) {
            Guard h("handler");
            throw std::runtime_error(std::string("second after ") + e.what());
        }
    } catch (const std::exception &e) {
        std::printf("nested: %s, trace %s\n", e.what(), trace.c_str());
    }
    trace.clear();

    // 6. exception_ptr and nested_exception
    std::exception_ptr saved;
    try {
        throw AppError("saved for later", 11);
    } catch (...) {
        saved = std::current_exception();
    }
    try {
        std::rethrow_exception(saved);
    } catch (const AppError &e) {
        std::printf("exception_ptr: %s %d\n", e.what(), e.code);
    }
    try {
        try {
            throw std::runtime_error("low level");
        } catch (...) {
            std::throw_with_nested(std::runtime_error("high level"));
        }
    } catch (const std::exception &e) {
        std::printf("nested_exception: %s", e.what());
        try {
            std::rethrow_if_nested(e);
        } catch (const std::exception &inner) {
            std::printf(" <- %s", inner.what());
        }
        std::printf("\n");
    }

    // 7. standard library exceptions
    try {
        std::vector<int> v(3);
        (void)v.at(10);
    } catch (const std::out_of_range &) {
        std::printf("vector::at threw out_of_range\n");
    }
    try {
        std::string s = "abc";
        (void)s.substr(5);
    } catch (const std::out_of_range &) {
        std::printf("string::substr threw out_of_range\n");
    }
    try {
        (void)std::stoi("not a number");
    } catch (const std::invalid_argument &) {
        std::printf("stoi threw invalid_argument\n");
    }
    thrower_noexcept_ok();

    // 8. many throws in a loop (unwinder caches)
    long total = 0;
    for (int i = 0; i < 2000; i++) {
        try {
            if (i % 3 == 0)
                throw i;
            total += i;
        } catch (int v) {
            total -= v;
        }
    }
    std::printf("loop total %ld\n", total);

    // 9. unique_ptr cleanup during unwinding
    static int destroyed = 0;
    struct Tracked {
        ~Tracked() { destroyed++; }
    };
    try {
        auto p1 = std::make_unique<Tracked>();
        auto p2 = std::make_unique<Tracked>();
        std::vector<std::unique_ptr<Tracked>> many;
        for (int i = 0; i < 10; i++)
            many.push_back(std::make_unique<Tracked>());
        throw std::runtime_error("cleanup");
    } catch (...) {
        std::printf("unique_ptr destroyed during unwind: %d\n", destroyed);
    }
    return 0;
}
