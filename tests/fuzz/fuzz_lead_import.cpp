// The lead-list import (客资) of CSV files as Excel writes them: UTF-8 with or without BOM, GB18030,
// UTF-16; commas, tabs or semicolons; quoted cells. The input is the file. Each one is imported
// twice through the C API into the seeded archive, as a dry run and for real, and must show:
//   - each call returns OK or a documented error with a message; an OK report is JSON;
//   - the dry run predicts the import: the same rows, and the same rows rejected for the same reasons;
//   - every row read is either filed or rejected, and each filed row has its customer id.
#include "fuzz_support.hpp"

namespace {

using nlohmann::json;
using snowball::fuzz::require;

// The report of one import, or null when the import failed as a whole.
json import(snowball_archive* archive, const std::string& file, bool dry_run) {
    const char* options = dry_run ? R"({"site": "XH", "consultant_id": 2, "dry_run": true})"
                                  : R"({"site": "XH", "consultant_id": 2})";
    snowball::fuzz::Out out;
    const int rc = snowball_lead_import_data(out.ptr(), archive, file.data(), file.size(), options, nullptr, nullptr);
    snowball::fuzz::check_call("snowball_lead_import_data", rc, out.str());
    return rc == SNOWBALL_OK ? json::parse(out.str()) : json();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    snowball_archive* archive = snowball::fuzz::SeededArchive::next();
    const std::string file(reinterpret_cast<const char*>(data), size);

    const json dry = import(archive, file, true);
    const json real = import(archive, file, false);
    require(dry.is_null() == real.is_null(), "a dry run fails exactly when the import fails", file);
    if (real.is_null()) return 0;

    require(dry.at("imported") == 0 && dry.at("customer_ids").empty(), "a dry run files nobody", dry.dump());
    require(dry.at("rows") == real.at("rows") && dry.at("rejected") == real.at("rejected") &&
                dry.at("encoding") == real.at("encoding") && dry.at("columns") == real.at("columns"),
            "the dry run predicts the import", dry.dump() + "\n" + real.dump());
    const auto rows = real.at("rows").get<std::int64_t>();
    const auto imported = real.at("imported").get<std::int64_t>();
    require(imported + static_cast<std::int64_t>(real.at("rejected").size()) == rows,
            "every row is filed or rejected", real.dump());
    require(static_cast<std::int64_t>(real.at("customer_ids").size()) == imported,
            "every row filed has its customer", real.dump());
    return 0;
}
