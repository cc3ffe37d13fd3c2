// Field tables: a record's JSON form, listed once.
//
// A codec source file lists each record's fields in a specialisation of Record<T>:
//
//     template <> struct Record<Visit> {
//         static auto fields() {
//             return std::make_tuple(out("id", &Visit::id), out("customer_id", &Visit::customer_id),
//                                    field("date", &Visit::date), ...);
//         }
//     };
//     SNOWBALL_CODEC_WRITER(Visit)      // json(visit) writes it
//     SNOWBALL_CODEC_READER(NewVisit)   // codec::read<NewVisit>(document, path) reads it strictly
//
// and its header declares the same with SNOWBALL_CODEC_WRITES / SNOWBALL_CODEC_READS, so that any
// file may write or read the record (nested records included) without seeing its table. Values are
// written through nlohmann's adl_serializer (enums as their keys, dates as ISO text, an empty
// optional as null) and read through Reads<T>, which names the key at fault by its whole path.
#pragma once

#include "codec/json.hpp"
#include "codec/reader.hpp"
#include "snowball/error.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace snowball::codec {

// Reading one value of type T at `field`: specialised for every type a record holds.
template <class T, class Enable = void>
struct Reads;

template <class T>
T read(const json& value, const std::string& field) {
    T out{};
    Reads<T>::read(value, field, out);
    return out;
}

// A record's sample, every field filled (`engaged` false: every optional empty): what the round
// trip of every record through the C API and Python is tested with.
template <class T, class Enable = void>
struct Samples;

// The table of a record type.
template <class T>
struct Record;

// ---------------------------------------------------------------------------------------------
// Field kinds

enum class Use {
    both,       // written, and read when given (absent or null: the default stays)
    required,   // written, and must be given on input
    output,     // written only: what the core computes (ids, times)
    input,      // read only: what only a caller gives
};

template <class T, class M>
struct Member {
    const char* key;
    M T::*member;
    Use use;
};

// Written only, from the whole record.
template <class T, class F>
struct Computed {
    const char* key;
    F get;
};

// A member with a JSON form of its own: write(member) → json, read(json, field, member&).
template <class T, class M, class W, class R>
struct Custom {
    const char* key;
    M T::*member;
    W write;
    R read;
    Use use;
};

template <class T, class M>
constexpr Member<T, M> field(const char* key, M T::*member) { return {key, member, Use::both}; }
template <class T, class M>
constexpr Member<T, M> required(const char* key, M T::*member) { return {key, member, Use::required}; }
template <class T, class M>
constexpr Member<T, M> out(const char* key, M T::*member) { return {key, member, Use::output}; }
template <class T, class M>
constexpr Member<T, M> in(const char* key, M T::*member) { return {key, member, Use::input}; }
template <class T, class F>
constexpr Computed<T, F> computed(const char* key, F get) { return {key, get}; }
template <class T, class M, class W, class R>
constexpr Custom<T, M, W, R> custom(const char* key, M T::*member, W write, R read, Use use = Use::both) {
    return {key, member, write, read, use};
}

// A text that is empty when there is nothing: written as null, read from null or text.
template <class T>
auto nullable_text(const char* key, std::string T::*member, Use use = Use::output) {
    return custom(
        key, member, [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); },
        [](const json& j, const std::string& f, std::string& s) { s = j.is_null() ? std::string() : text_value(j, f); }, use);
}

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T, class M>
bool writes(const Member<T, M>& f) { return f.use != Use::input; }
template <class T, class F>
bool writes(const Computed<T, F>&) { return true; }
template <class T, class M, class W, class R>
bool writes(const Custom<T, M, W, R>& f) { return f.use != Use::input; }
template <class T, class M>
bool reads(const Member<T, M>& f) { return f.use != Use::output; }
template <class T, class F>
bool reads(const Computed<T, F>&) { return false; }
template <class T, class M, class W, class R>
bool reads(const Custom<T, M, W, R>& f) { return f.use != Use::output; }

template <class T, class M>
void write_one(json& out, const T& value, const Member<T, M>& f) {
    if (f.use != Use::input) out[f.key] = value.*(f.member);
}
template <class T, class F>
void write_one(json& out, const T& value, const Computed<T, F>& f) {
    out[f.key] = f.get(value);
}
template <class T, class M, class W, class R>
void write_one(json& out, const T& value, const Custom<T, M, W, R>& f) {
    if (f.use != Use::input) out[f.key] = f.write(value.*(f.member));
}

template <class T, class M>
void read_one(const Reader& r, T& value, const Member<T, M>& f) {
    if (f.use == Use::output) return;
    const std::string at = r.field(f.key);
    if constexpr (is_optional<M>::value) {
        // Present, even as null, decides: null empties an optional (and clears an update's value).
        if (r.given(f.key)) Reads<M>::read(r.get(f.key) ? *r.get(f.key) : json(nullptr), at, value.*(f.member));
        else if (f.use == Use::required) throw_invalid(at, "is required");
    } else if (const json* j = r.get(f.key)) {
        Reads<M>::read(*j, at, value.*(f.member));
    } else if (f.use == Use::required) {
        throw_invalid(at, "is required");
    }
}
template <class T, class F>
void read_one(const Reader&, T&, const Computed<T, F>&) {}
template <class T, class M, class W, class R>
void read_one(const Reader& r, T& value, const Custom<T, M, W, R>& f) {
    if (f.use == Use::output) return;
    const std::string at = r.field(f.key);
    if (r.given(f.key)) {
        const json* j = r.get(f.key);
        if (j || is_optional<M>::value) f.read(j ? *j : json(nullptr), at, value.*(f.member));
    } else if (f.use == Use::required) {
        throw_invalid(at, "is required");
    }
}

template <class T>
std::vector<std::string_view> input_keys() {
    std::vector<std::string_view> keys;
    std::apply([&](const auto&... f) { ((reads(f) ? void(keys.emplace_back(f.key)) : void()), ...); }, Record<T>::fields());
    return keys;
}

} // namespace detail

// The record as a JSON object, its keys in the table's order.
template <class T>
json write_fields(const T& value) {
    json out = json::object();
    std::apply([&](const auto&... f) { (detail::write_one(out, value, f), ...); }, Record<T>::fields());
    return out;
}

// Reads the record from a JSON object: every key must be one it reads.
template <class T>
void read_fields(const json& document, const std::string& path, T& value) {
    static const std::vector<std::string_view> keys = detail::input_keys<T>();
    const Reader r(document, path, keys);
    std::apply([&](const auto&... f) { (detail::read_one(r, value, f), ...); }, Record<T>::fields());
}

// The keys a record's JSON form carries, in order.
template <class T>
std::vector<std::string> output_keys() {
    std::vector<std::string> keys;
    std::apply([&](const auto&... f) { ((detail::writes(f) ? void(keys.emplace_back(f.key)) : void()), ...); }, Record<T>::fields());
    return keys;
}

// ---------------------------------------------------------------------------------------------
// Reading values

template <>
struct Reads<std::string> {
    static void read(const json& j, const std::string& f, std::string& out) { out = text_value(j, f); }
};
template <>
struct Reads<bool> {
    static void read(const json& j, const std::string& f, bool& out) { out = boolean_value(j, f); }
};
template <>
struct Reads<int> {
    static void read(const json& j, const std::string& f, int& out) { out = int32_value(j, f); }
};
template <>
struct Reads<std::int64_t> {
    static void read(const json& j, const std::string& f, std::int64_t& out) { out = integer_value(j, f); }
};
template <>
struct Reads<std::uint64_t> {
    static void read(const json& j, const std::string& f, std::uint64_t& out) { out = unsigned_value(j, f); }
};
template <>
struct Reads<double> {
    static void read(const json& j, const std::string& f, double& out) { out = number_value(j, f); }
};
template <>
struct Reads<Date> {
    static void read(const json& j, const std::string& f, Date& out) { out = parse_date(text_value(j, f), f); }
};
template <class T>
struct Reads<std::optional<T>> {
    static void read(const json& j, const std::string& f, std::optional<T>& out) {
        if (j.is_null()) {
            // An optional optional (an update): null is "clear it", which is a value.
            if constexpr (detail::is_optional<T>::value) out = T{};
            else out.reset();
            return;
        }
        out = codec::read<T>(j, f);
    }
};
template <class T>
struct Reads<std::vector<T>> {
    static void read(const json& j, const std::string& f, std::vector<T>& out) {
        array_value(j, f);
        out.clear();
        out.reserve(j.size());
        for (std::size_t i = 0; i < j.size(); ++i) out.push_back(codec::read<T>(j[i], at_index(f, i)));
    }
};
template <class T>
struct Reads<std::map<std::string, T>> {
    static void read(const json& j, const std::string& f, std::map<std::string, T>& out) {
        if (!j.is_object()) throw_invalid(f, "must be an object");
        out.clear();
        for (auto it = j.begin(); it != j.end(); ++it) out.emplace(it.key(), codec::read<T>(*it, join(f, it.key())));
    }
};

// ---------------------------------------------------------------------------------------------
// Samples

namespace detail {

// The values samples are made of: a text that reads as a timestamp too (records keep their times
// as text), a date, numbers that survive a round trip exactly.
inline const char* const sample_text = "2026-01-02T03:04:05Z";

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class T>
struct is_map<std::map<std::string, T>> : std::true_type {};

template <class T>
T sample_value(bool engaged) {
    if constexpr (std::is_same_v<T, std::string>) {
        return sample_text;
    } else if constexpr (std::is_same_v<T, bool>) {
        return true;
    } else if constexpr (std::is_enum_v<T>) {
        // The second value where there is one: a value other than the default.
        const char* second = to_string(static_cast<T>(1));
        return second && *second ? static_cast<T>(1) : static_cast<T>(0);
    } else if constexpr (std::is_integral_v<T>) {
        return 7;
    } else if constexpr (std::is_floating_point_v<T>) {
        return 1.5;
    } else if constexpr (std::is_same_v<T, Date>) {
        return Date(2026, 1, 2);
    } else if constexpr (is_optional<T>::value) {
        if (!engaged) return T{};
        return T{sample_value<typename T::value_type>(engaged)};
    } else if constexpr (is_vector<T>::value) {
        return T{sample_value<typename T::value_type>(engaged)};
    } else if constexpr (is_map<T>::value) {
        return T{{"key", sample_value<typename T::mapped_type>(engaged)}};
    } else {
        return Samples<T>::make(engaged);
    }
}

template <class T, class M>
void sample_one(T& value, const Member<T, M>& f, bool engaged) {
    value.*(f.member) = sample_value<M>(engaged);
}
template <class T, class F>
void sample_one(T&, const Computed<T, F>&, bool) {}
template <class T, class M, class W, class R>
void sample_one(T& value, const Custom<T, M, W, R>& f, bool engaged) {
    value.*(f.member) = sample_value<M>(engaged);
}

} // namespace detail

// A record with every field of its table filled.
template <class T>
T sample_fields(bool engaged) {
    T value{};
    std::apply([&](const auto&... f) { (detail::sample_one(value, f, engaged), ...); }, Record<T>::fields());
    return value;
}

template <class... V>
struct Samples<std::variant<std::monostate, V...>> {
    // The first alternative that holds a value.
    static std::variant<std::monostate, V...> make(bool engaged) {
        using First = std::tuple_element_t<0, std::tuple<V...>>;
        return detail::sample_value<First>(engaged);
    }
};

// ---------------------------------------------------------------------------------------------
// The catalogue of the records the codec writes (for the layers' round-trip test and documents):
// each codec source file opens with SNOWBALL_CODEC_MODULE(name), and every SNOWBALL_CODEC_WRITER
// in it adds its record to the module's part (codec/catalogue.hpp lists the modules).

struct RecordType {
    const char* name;   // the C++ name without its namespace: "Customer", "ArchiveNumber"
    std::vector<std::string> keys;
    json (*sample)(bool engaged);
};

} // namespace snowball::codec

// ---------------------------------------------------------------------------------------------
// Declaring and defining records and enums

// Dates as ISO text; an empty optional as null.
namespace nlohmann {
template <>
struct adl_serializer<boost::gregorian::date> {
    static void to_json(json& j, const boost::gregorian::date& d);
};
template <class T>
struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& v) {
        if (v) j = *v;
        else j = nullptr;
    }
};
} // namespace nlohmann

// In a header (global scope): the record snowball::T can be written (json(value)) anywhere.
#define SNOWBALL_CODEC_WRITES(T)                                                 \
    template <>                                                                  \
    struct nlohmann::adl_serializer<snowball::T> {                               \
        static void to_json(nlohmann::json& j, const snowball::T& value);        \
    };                                                                           \
    template <>                                                                  \
    struct snowball::codec::Samples<snowball::T> {                               \
        static snowball::T make(bool engaged);                                   \
    };

// In a header (global scope): the record snowball::T can be read (codec::read<T>(document, path)).
#define SNOWBALL_CODEC_READS(T)                                                                   \
    template <>                                                                                   \
    struct snowball::codec::Reads<snowball::T> {                                                  \
        static void read(const nlohmann::json& j, const std::string& field, snowball::T& value);  \
    };

#define SNOWBALL_CODEC_BOTH(T) SNOWBALL_CODEC_WRITES(T) SNOWBALL_CODEC_READS(T)

namespace snowball::codec {
// "ArchiveNumber" of "numbering::ArchiveNumber".
inline const char* record_name(const char* qualified) {
    const char* name = qualified;
    for (const char* p = qualified; *p; ++p)
        if (*p == ':') name = p + 1;
    return name;
}
} // namespace snowball::codec

// At the top of a codec source file (global scope): its part of the catalogue.
#define SNOWBALL_CODEC_MODULE(name)                                                                   \
    namespace {                                                                                       \
    std::vector<snowball::codec::RecordType>& module_records_() {                                     \
        static std::vector<snowball::codec::RecordType> records;                                      \
        return records;                                                                               \
    }                                                                                                 \
    }                                                                                                 \
    void snowball::codec::catalogue_##name(std::vector<snowball::codec::RecordType>& all) {           \
        all.insert(all.end(), module_records_().begin(), module_records_().end());                    \
    }

#define SNOWBALL_CODEC_JOIN2(a, b) a##b
#define SNOWBALL_CODEC_JOIN(a, b) SNOWBALL_CODEC_JOIN2(a, b)

// In a codec source file (global scope), after Record<T>: the writer, the sample, the catalogue
// entry. T is the record's name within namespace snowball ("Customer", "numbering::ArchiveNumber").
#define SNOWBALL_CODEC_WRITER(T)                                                                      \
    void nlohmann::adl_serializer<snowball::T>::to_json(nlohmann::json& j, const snowball::T& value) { \
        j = snowball::codec::write_fields(value);                                                     \
    }                                                                                                 \
    snowball::T snowball::codec::Samples<snowball::T>::make(bool engaged) {                           \
        return snowball::codec::sample_fields<snowball::T>(engaged);                                  \
    }                                                                                                 \
    namespace {                                                                                       \
    [[maybe_unused]] const bool SNOWBALL_CODEC_JOIN(catalogued_, __LINE__) = (module_records_().push_back( \
        {snowball::codec::record_name(#T), snowball::codec::output_keys<snowball::T>(),               \
         [](bool engaged) { return nlohmann::json(snowball::codec::Samples<snowball::T>::make(engaged)); }}), \
                                                     true);                                           \
    }

#define SNOWBALL_CODEC_READER(T)                                                                        \
    void snowball::codec::Reads<snowball::T>::read(const nlohmann::json& j, const std::string& field,     \
                                                   snowball::T& value) {                                 \
        snowball::codec::read_fields(j, field, value);                                                  \
    }

// In a header (global scope): the enum snowball::E, written as its key (to_string) and read by its
// parser (snowball::parser: keys and aliases).
#define SNOWBALL_CODEC_ENUM(E, parser)                                                              \
    template <>                                                                                     \
    struct nlohmann::adl_serializer<snowball::E> {                                                  \
        static void to_json(nlohmann::json& j, snowball::E value) { j = snowball::to_string(value); } \
    };                                                                                              \
    template <>                                                                                     \
    struct snowball::codec::Reads<snowball::E> {                                                    \
        static void read(const nlohmann::json& j, const std::string& field, snowball::E& value) {   \
            value = snowball::parser(snowball::codec::text_value(j, field), field);                 \
        }                                                                                           \
    };
