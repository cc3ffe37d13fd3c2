// A PostgreSQL server of the test's own: initdb into a temporary folder, started on 127.0.0.1 on a
// free port, stopped and removed at the end. As root (CI), the server runs as the `postgres` user
// that Debian's postgresql package creates (PostgreSQL refuses to run as root).
//
// When it cannot start, why() says so and the tests skip loudly (ctest reports them as skipped,
// never passed): `make test` installs postgresql-15, so in CI it always runs.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace snowball::testing {

class TempPostgres {
public:
    TempPostgres() {
        bindir_ = output("pg_config --bindir 2>/dev/null");
        while (!bindir_.empty() && (bindir_.back() == '\n' || bindir_.back() == ' ')) bindir_.pop_back();
        if (bindir_.empty() || !std::filesystem::exists(bindir_ + "/initdb")) bindir_ = "/usr/lib/postgresql/15/bin";
        if (!std::filesystem::exists(bindir_ + "/initdb") || !std::filesystem::exists(bindir_ + "/pg_ctl")) {
            why_ = "PostgreSQL 15's initdb and pg_ctl are not installed (Debian postgresql-15; make test installs it)";
            return;
        }
        std::string pattern = (std::filesystem::temp_directory_path() / "snowball-pg-XXXXXX").string();
        if (!mkdtemp(pattern.data())) {
            why_ = "cannot make a temporary folder for PostgreSQL";
            return;
        }
        dir_ = pattern;
        if (geteuid() == 0) {
            passwd* pw = getpwnam("postgres");
            if (pw == nullptr) {
                why_ = "running as root and there is no postgres user to run PostgreSQL as";
                return;
            }
            if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
                why_ = "cannot give the temporary folder to the postgres user";
                return;
            }
            as_ = "runuser -u postgres -- ";
        }
        port_ = free_port();
        const std::string data = dir_ + "/data";
        if (!run(bindir_ + "/initdb -D " + data + " -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N")) {
            why_ = "initdb failed: " + log_tail(dir_ + "/initdb.log");
            return;
        }
        const std::string options = "-p " + std::to_string(port_) + " -k " + dir_ +
                                    " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                    " -c full_page_writes=off -c max_connections=50";
        if (!run(bindir_ + "/pg_ctl -D " + data + " -o '" + options + "' -l " + dir_ + "/server.log -w -t 60 start")) {
            why_ = "the server did not start: " + log_tail(dir_ + "/server.log");
            return;
        }
        started_ = true;
    }
    ~TempPostgres() {
        if (started_) run(bindir_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop");
        if (!dir_.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(dir_, ignored);
        }
    }
    TempPostgres(const TempPostgres&) = delete;
    TempPostgres& operator=(const TempPostgres&) = delete;

    bool ok() const { return started_; }
    const std::string& why() const { return why_; }
    int port() const { return port_; }
    // A libpq connection string to database `db` of this server.
    std::string conninfo(const std::string& db = "postgres") const {
        return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + db;
    }
    // Runs `sql` through psql as the server's superuser; true when it worked.
    bool psql(const std::string& sql, const std::string& db = "postgres") const {
        const std::string file = dir_ + "/statement.sql";
        std::ofstream(file) << sql;
        return std::system(("psql -q -X -v ON_ERROR_STOP=1 '" + conninfo(db) + "' -f " + file + " >/dev/null 2>&1").c_str()) == 0;
    }
    // The single value `sql` returns, as psql prints it (unaligned, no headers).
    std::string value(const std::string& sql, const std::string& db = "postgres") const {
        const std::string file = dir_ + "/query.sql";
        std::ofstream(file) << sql;
        std::string out = output("psql -q -X -A -t '" + conninfo(db) + "' -f " + file + " 2>&1");
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }

private:
    static std::string output(const std::string& command) {
        std::string out;
        std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
        if (!p) return out;
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p.get())) > 0) out.append(buf, n);
        return out;
    }
    bool run(const std::string& command) const {
        const std::string log = dir_ + "/initdb.log";
        return std::system((as_ + command + " >>" + log + " 2>&1").c_str()) == 0;
    }
    static std::string log_tail(const std::string& file) {
        std::ifstream in(file);
        std::stringstream s;
        s << in.rdbuf();
        std::string text = s.str();
        return text.size() > 600 ? text.substr(text.size() - 600) : text;
    }
    static int free_port() {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        int port = 0;
        if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
            port = ntohs(addr.sin_port);
        if (fd >= 0) close(fd);
        return port;
    }

    std::string bindir_, dir_, as_, why_;
    int port_ = 0;
    bool started_ = false;
};

} // namespace snowball::testing
