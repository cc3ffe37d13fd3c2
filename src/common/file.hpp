// Reading a file the host names (an import, a bundle) whole.
#pragma once

#include <string>

namespace snowball::file {

// The file's bytes, in one read. Throws Status::not_found when it cannot be opened and
// Status::storage when it cannot be read (a directory, an I/O error), each naming `field`.
std::string read_all(const std::string& path, const std::string& field = "path");

} // namespace snowball::file
