// A string the C library hands back, freed with snowball_string_free. Without GoogleTest, so that
// the fuzz harnesses share it with the C API tests.
#pragma once

#include <snowball.h>

namespace snowball::testing {

class LibraryText {
public:
    LibraryText() = default;
    ~LibraryText() { snowball_string_free(text_); }
    LibraryText(const LibraryText&) = delete;
    LibraryText& operator=(const LibraryText&) = delete;

    // The address to pass as `char **out`; frees what a previous call left.
    char** ptr() {
        snowball_string_free(text_);
        text_ = nullptr;
        return &text_;
    }
    const char* str() const { return text_; }

private:
    char* text_ = nullptr;
};

} // namespace snowball::testing
