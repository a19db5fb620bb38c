/*
 * iostreams.cc - C++ iostreams: cout with manipulators (width, fill, precision, fixed,
 * scientific, hex/oct/showbase, boolalpha, left/right/internal), stringstream parsing and
 * formatting round trips, getline, string conversions (to_string/stod/stoll), and mixing
 * cout with printf (sync_with_stdio keeps them ordered).
 */
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    std::cout << "argc=" << argc << " argv[0] ends with " << std::string(argv[0]).substr(std::string(argv[0]).rfind('/') + 1)
              << '\n';
    std::cout << "[" << std::setw(8) << 42 << "] [" << std::left << std::setw(8) << 42 << "] ["
              << std::right << std::setfill('0') << std::setw(8) << -42 << "]" << std::setfill(' ') << '\n';
    std::cout << "[" << std::internal << std::setw(8) << -42 << "]" << std::right << '\n';
    std::cout << std::hex << 255 << " " << std::showbase << 255 << " " << std::oct << 8 << " "
              << std::uppercase << std::hex << 0xabcdef << std::nouppercase << std::noshowbase << std::dec
              << '\n';
    std::cout << std::boolalpha << true << " " << false << std::noboolalpha << " " << true << '\n';
    double pi = 3.14159265358979323846;
    std::cout << pi << " " << std::setprecision(3) << pi << " " << std::fixed << pi << " "
              << std::scientific << pi << " " << std::setprecision(10) << std::fixed << pi << '\n';
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6);
    std::cout << 1e21 << " " << 1e-7 << " " << 100.0 << " " << 0.1 + 0.2 << " "
              << std::setprecision(17) << 0.1 + 0.2 << std::setprecision(6) << '\n';
    std::cout << std::numeric_limits<double>::infinity() << " " << -std::numeric_limits<double>::infinity()
              << " " << std::numeric_limits<long long>::min() << " "
              << std::numeric_limits<unsigned long long>::max() << '\n';
    std::printf("printf in between\n");
    std::cout << "cout after printf" << std::endl;

    // stringstream formatting and parsing
    std::ostringstream os;
    os << "values:";
    for (int i = 1; i <= 5; i++)
        os << ' ' << i * i * 1.5;
    std::cout << os.str() << '\n';
    std::istringstream is("10 20.5 word 0x1f -7 tail of the line\nsecond line\n\nfourth");
    int a;
    double b;
    std::string w;
    int h, neg;
    is >> a >> b >> w >> std::hex >> h >> std::dec >> neg;
    std::string rest;
    std::getline(is, rest);
    std::cout << "parsed: " << a << " " << b << " " << w << " " << h << " " << neg << " rest=\"" << rest << "\"\n";
    std::vector<std::string> lines;
    for (std::string line; std::getline(is, line);)
        lines.push_back(line);
    std::cout << "remaining lines: " << lines.size();
    for (auto &l : lines)
        std::cout << " [" << l << "]";
    std::cout << '\n';
    std::istringstream bad("12abc");
    int x = 0;
    bad >> x;
    std::string after;
    bad >> after;
    std::cout << "partial parse: " << x << " then \"" << after << "\" eof=" << bad.eof() << '\n';
    std::istringstream fail_in("abc");
    fail_in >> x;
    std::cout << "failed parse: fail=" << fail_in.fail() << " x=" << x << '\n';

    // round trips
    int ok = 0;
    for (int i = 0; i < 500; i++) {
        double v = (i * 7919 % 1000) / 7.0 - 50.0;
        std::stringstream ss;
        ss << std::setprecision(17) << v;
        double back;
        ss >> back;
        ok += back == v;
    }
    std::cout << "round trips " << ok << "/500\n";
    std::cout << std::to_string(123) << " " << std::to_string(-4.5) << " " << std::stod("2.5e3") << " "
              << std::stoll("-9000000000") << " " << std::stoul("ff", nullptr, 16) << '\n';

    // a formatted table
    struct Row { const char *name; int qty; double price; };
    const Row rows[] = { {"widget", 4, 3.5}, {"gadget", 12, 10.125}, {"thingamajig", 1, 999.999} };
    double total = 0;
    for (const Row &r : rows) {
        std::cout << std::left << std::setw(12) << r.name << std::right << std::setw(4) << r.qty
                  << std::setw(10) << std::fixed << std::setprecision(2) << r.price << '\n';
        total += r.qty * r.price;
    }
    std::cout << std::setw(26) << total << '\n';
    std::cerr << "this goes to stderr and is not compared\n";
    return 0;
}
