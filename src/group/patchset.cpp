#include "group/patchset.hpp"

#include "snowball/error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <cstring>

namespace snowball::detail::group {

ChangeReader::ChangeReader(const std::string& bytes, Status status, std::string what, std::string field)
    : status_(status), what_(std::move(what)), field_(std::move(field)) {
    // SQLite reads the bytes only; its signature takes them writable.
    if (sqlite3changeset_start(&it_, static_cast<int>(bytes.size()),
                               bytes.empty() ? nullptr : const_cast<char*>(bytes.data())) != SQLITE_OK) {
        sqlite3changeset_finalize(it_);
        it_ = nullptr;
        throw Error(status_, what_ + " is not a changeset", field_);
    }
}

ChangeReader::~ChangeReader() {
    if (it_ != nullptr) sqlite3changeset_finalize(it_);
}

bool ChangeReader::next() {
    const int rc = sqlite3changeset_next(it_);
    if (rc == SQLITE_ROW) {
        sqlite3changeset_op(it_, &table, &columns, &op, &indirect);
        unsigned char* pk = nullptr;
        int n = 0;
        sqlite3changeset_pk(it_, &pk, &n);
        key_flags.assign(pk, pk + n);
        return true;
    }
    if (rc == SQLITE_DONE) return false;
    throw Error(status_, what_ + "'s changeset is damaged", field_);
}

sqlite3_value* ChangeReader::old_value(int i) {
    sqlite3_value* v = nullptr;
    sqlite3changeset_old(it_, i, &v);
    return v;
}

sqlite3_value* ChangeReader::new_value(int i) {
    sqlite3_value* v = nullptr;
    sqlite3changeset_new(it_, i, &v);
    return v;
}

std::vector<sqlite3_value*> ChangeReader::key() {
    std::vector<sqlite3_value*> out(static_cast<std::size_t>(columns), nullptr);
    for (int i = 0; i < columns; ++i)
        if (key_flags[static_cast<std::size_t>(i)]) out[static_cast<std::size_t>(i)] = op == SQLITE_INSERT ? new_value(i) : old_value(i);
    return out;
}

std::string ChangeReader::row() {
    std::string out = table;
    out += '\0';
    for (sqlite3_value* v : key())
        if (v != nullptr) PatchsetWriter::append_value(out, v);
    return out;
}


namespace {

// SQLite's varint (the record format's): big-endian groups of 7 bits, the high bit set on all but
// the last; a ninth byte, when needed, carries 8 bits.
void varint(std::string& out, std::uint64_t v) {
    unsigned char buf[10];
    if (v & (0xff000000ULL << 32)) {
        buf[8] = static_cast<unsigned char>(v);
        v >>= 8;
        for (int i = 7; i >= 0; --i) {
            buf[i] = static_cast<unsigned char>((v & 0x7f) | 0x80);
            v >>= 7;
        }
        out.append(reinterpret_cast<const char*>(buf), 9);
        return;
    }
    int n = 0;
    do {
        buf[n++] = static_cast<unsigned char>((v & 0x7f) | 0x80);
        v >>= 7;
    } while (v != 0);
    buf[0] &= 0x7f;
    while (n > 0) out += static_cast<char>(buf[--n]);
}

void big_endian(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

} // namespace

void PatchsetWriter::append_value(std::string& out, sqlite3_value* value) {
    if (value == nullptr) {
        out += '\0';   // undefined: a column an update leaves alone
        return;
    }
    const int type = sqlite3_value_type(value);
    out += static_cast<char>(type);
    switch (type) {
    case SQLITE_INTEGER:
        big_endian(out, static_cast<std::uint64_t>(sqlite3_value_int64(value)));
        break;
    case SQLITE_FLOAT: {
        const double r = sqlite3_value_double(value);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &r, sizeof bits);
        big_endian(out, bits);
        break;
    }
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
        const void* p = type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(value)) : sqlite3_value_blob(value);
        const int n = sqlite3_value_bytes(value);
        if (p == nullptr && n > 0) throw Error(Status::no_memory, "group: cannot read a value of the outbox");
        varint(out, static_cast<std::uint64_t>(n));
        if (n > 0) out.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
        break;
    }
    default:   // SQLITE_NULL: the type byte only
        break;
    }
}

void PatchsetWriter::table(const std::string& name, const std::vector<unsigned char>& pk) {
    if (header_written_ && name == name_ && pk == pk_) return;
    name_ = name;
    pk_ = pk;
    header_written_ = false;
}

void PatchsetWriter::change(int op, bool indirect) {
    if (!header_written_) {
        out_ += 'P';
        varint(out_, pk_.size());
        out_.append(reinterpret_cast<const char*>(pk_.data()), pk_.size());
        out_ += name_;
        out_ += '\0';
        header_written_ = true;
    }
    out_ += static_cast<char>(op);
    out_ += static_cast<char>(indirect ? 1 : 0);
}

void PatchsetWriter::insert(const std::vector<sqlite3_value*>& values, bool indirect) {
    change(SQLITE_INSERT, indirect);
    for (sqlite3_value* v : values) append_value(out_, v);
}

void PatchsetWriter::update(const std::vector<sqlite3_value*>& key, const std::vector<sqlite3_value*>& changed,
                            bool indirect) {
    change(SQLITE_UPDATE, indirect);
    for (std::size_t i = 0; i < pk_.size(); ++i) append_value(out_, pk_[i] ? key[i] : changed[i]);
}

void PatchsetWriter::remove(const std::vector<sqlite3_value*>& key, bool indirect) {
    change(SQLITE_DELETE, indirect);
    for (std::size_t i = 0; i < pk_.size(); ++i)
        if (pk_[i]) append_value(out_, key[i]);
}

} // namespace snowball::detail::group
