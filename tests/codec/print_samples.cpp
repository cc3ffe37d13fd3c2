// Prints the codec's catalogue as JSON: for every record type its keys and two samples, one with
// every field filled and one with every optional empty. The Python suite reads it
// (tests/python/test_records.py) to prove that every record round-trips C++ → JSON → Python → JSON.
#include "codec/catalogue.hpp"

#include <iostream>

int main() {
    using snowball::codec::json;
    json out = json::object();
    for (const auto& r : snowball::codec::catalogue())
        out[r.name] = {{"keys", r.keys}, {"filled", r.sample(true)}, {"empty", r.sample(false)}};
    std::cout << snowball::codec::dump(out) << "\n";
    return 0;
}
