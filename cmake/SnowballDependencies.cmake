# Every dependency comes from a Debian 12 package (see the README for the list and why).
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)          # libsqlite3-dev
find_package(SQLiteCpp 3.2 REQUIRED)    # libsqlitecpp-dev
find_package(Boost 1.74 REQUIRED)       # libboost-date-time-dev, libboost-graph-dev (header-only parts)
find_package(nlohmann_json 3.11 REQUIRED) # nlohmann-json3-dev: JSON at the C boundary
find_package(Iconv REQUIRED)            # glibc's iconv: GB18030 and UTF-16 CSV files
list(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR})
find_package(Sodium REQUIRED)           # libsodium-dev: the audit chain's SHA-256 (cmake/FindSodium.cmake)
find_package(PostgreSQL REQUIRED)       # libpq-dev: the group view's connection to PostgreSQL
if(SNOWBALL_BUILD_CLI)
  find_package(CLI11 2.1 REQUIRED CONFIG) # libcli11-dev: the snowball command's arguments (header-only)
endif()
