// Crashes: a process running a long operation — a lead import, a bulk profile write, an agenda
// generation, an erasure — is killed (kill -9) at a random moment, again and again on the same
// archive. After every kill the archive opens through the library, PRAGMA integrity_check and
// foreign_key_check are clean, every operation the process saw return is there, and none is there
// in part: each is all or nothing, as documented (one transaction per call).
//
// Sizes: SNOWBALL_CRASH_KILLS kills per scenario (default 3; `make test-long` runs 50); the
// archive is restored from its starting copy every 10 kills. The moments come from
// SNOWBALL_CRASH_SEED (default: the clock), printed so that a failure can be replayed.
#include "snowball/archive.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/profiles.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace snowball;
using namespace snowball::testing;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kills_between_restores = 10;

int env_int(const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text != nullptr && *text != '\0' ? std::atoi(text) : fallback;
}

// Building the starting archives is not what is tested: no fsync per commit there.
OpenOptions quick() {
    OpenOptions o;
    o.synchronous_full = false;
    return o;
}

// `count` walk-in customers at XH: name prefix + i, mobile first_mobile + i.
std::vector<NewCustomer> visitors(int count, const std::string& name, long long first_mobile) {
    std::vector<NewCustomer> batch;
    for (int i = 0; i < count; ++i) {
        NewCustomer c;
        c.site = "XH";
        c.channel = Channel::visit;
        c.name = name + std::to_string(i);
        c.mobile = std::to_string(first_mobile + i);
        batch.push_back(c);
    }
    return batch;
}

// One kind of operation, run again and again (run number k counts from 0 after each restore).
class Scenario {
public:
    virtual ~Scenario() = default;
    virtual const char* name() const = 0;
    // Builds the starting archive (in the test process, before any fork).
    virtual void prepare(Archive& archive) = 0;
    // Run k, in the child process; returns when the operation returned.
    virtual void run(Archive& archive, int k) = 0;
    // After runs 0..k, of which acked[j] returned in the child: each one is there whole or not
    // at all, and there whole when acknowledged. `archive` is the recovered archive.
    virtual void check(Archive& archive, RawDb& db, const std::vector<bool>& acked) = 0;
};

// A lead list of 3,000 rows, imported in one call: "every valid row is filed in one transaction"
// (lead_import.hpp), so a list is in the archive whole or not at all.
class LeadImport : public Scenario {
public:
    static constexpr int rows = 3000;
    const char* name() const override { return "lead import"; }
    void prepare(Archive& archive) override { archive.sites().add({"XH", "祥和花园", ""}); }
    void run(Archive& archive, int k) override {
        std::string csv = "姓名,手机\n";
        for (int r = 0; r < rows; ++r)
            csv += "线索" + std::to_string(k) + "-" + std::to_string(r) + "," +
                   std::to_string(15000000000LL + k * 100000LL + r) + "\n";
        LeadImportOptions options;
        options.site = "XH";
        const LeadImportReport report = archive.leads().import_data(csv, options);
        if (report.imported != rows) throw std::runtime_error("imported " + std::to_string(report.imported));
    }
    void check(Archive&, RawDb& db, const std::vector<bool>& acked) override {
        std::int64_t present = 0;
        for (std::size_t k = 0; k < acked.size(); ++k) {
            const std::int64_t n = db.count("customers", "name LIKE '线索" + std::to_string(k) + "-%'");
            EXPECT_TRUE(n == 0 || n == rows) << "import " << k << " is in the archive in part: " << n << " rows";
            if (acked[k]) {
                EXPECT_EQ(n, rows) << "import " << k << " returned but is not in the archive";
            }
            present += n;
        }
        EXPECT_EQ(db.count("customers"), present);
        EXPECT_EQ(db.count("customer_phones"), present);
        // Numbers are taken in the import's transaction: a lost import leaves no gap.
        EXPECT_EQ(db.integer("SELECT coalesce(sum(last_seq), 0) FROM number_sequences"), present);
    }
};

// Two profile fields of 2,000 customers set in one set_many call ("many customers in one
// transaction (all or none)", profiles.hpp).
class BulkProfileWrite : public Scenario {
public:
    static constexpr int customers = 2000;
    const char* name() const override { return "bulk profile write"; }
    void prepare(Archive& archive) override {
        archive.sites().add({"XH", "祥和花园", ""});
        for (const Customer& c : archive.customers().add_many(visitors(customers, "业主", 18000000000LL)))
            ids_.push_back(c.id);
    }
    void run(Archive& archive, int k) override {
        std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>> updates;
        for (std::int64_t id : ids_)
            updates.push_back({id, {{"company", company(k)}, {"native_place", "籍贯" + std::to_string(k)}}});
        archive.profiles().set_many(updates);
    }
    void check(Archive&, RawDb& db, const std::vector<bool>& acked) override {
        int last = -1;
        for (std::size_t k = 0; k < acked.size(); ++k) {
            const std::int64_t n = db.count("profile_history", "field = 'company' AND new_value = '" + company(int(k)) + "'");
            const std::int64_t m =
                db.count("profile_history", "field = 'native_place' AND new_value = '籍贯" + std::to_string(k) + "'");
            EXPECT_TRUE(n == 0 || n == customers) << "write " << k << " is in the archive in part: " << n << " customers";
            EXPECT_EQ(n, m) << "write " << k << " set one field and not the other";
            if (acked[k]) {
                EXPECT_EQ(n, customers) << "write " << k << " returned but is not in the archive";
            }
            if (n == customers) last = int(k);
        }
        // Every customer holds the values of the last write that stands.
        EXPECT_EQ(db.count("profile_values", "field = 'company'"), last < 0 ? 0 : customers);
        if (last >= 0) {
            EXPECT_EQ(db.count("profile_values", "value = '" + company(last) + "'"), customers);
        }
    }

private:
    static std::string company(int k) { return "公司" + std::to_string(k); }
    std::vector<std::int64_t> ids_;
};

// The care agenda of a whole year for 1,500 customers with birthdays, generated in one call (one
// transaction: Store::write); run k covers another year. Generating a year again adds nothing
// (the agenda is idempotent), which tells what a complete year holds.
class AgendaGeneration : public Scenario {
public:
    static constexpr int customers = 1500;
    const char* name() const override { return "agenda generation"; }
    void prepare(Archive& archive) override {
        archive.sites().add({"XH", "祥和花园", ""});
        const std::int64_t consultant = archive.consultants().add({"XH", "李娜", ""}).id;
        std::vector<NewCustomer> batch = visitors(customers, "客户", 17000000000LL);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            batch[i].consultant_id = consultant;
            const int n = static_cast<int>(i);   // birthdays all over the year, one in five lunar
            batch[i].birthday = Birthday{n % 5 == 0, 1960 + n % 40, 1 + n % 12, 1 + n % 28, false};
        }
        archive.customers().add_many(batch);
        CareRule greet;
        greet.occasion = OccasionKind::birthday;
        greet.action = "call";
        greet.channel = "phone";
        greet.label.zh = "致电祝福";
        archive.calendar().set_policy("XH", {greet});
        complete_.clear();
    }
    void run(Archive& archive, int k) override { archive.calendar().agenda(query(k)); }
    void check(Archive& archive, RawDb& db, const std::vector<bool>& acked) override {
        if (acked.size() == 1) complete_.clear();   // restored
        const int k = int(acked.size()) - 1;
        const std::int64_t n = tasks(db, k);
        archive.calendar().agenda(query(k));   // completes the year, or adds nothing
        const std::int64_t whole = tasks(db, k);
        EXPECT_GT(whole, 0);
        EXPECT_TRUE(n == 0 || n == whole) << "year " << k << " is generated in part: " << n << " of " << whole << " tasks";
        if (acked[k]) {
            EXPECT_EQ(n, whole) << "year " << k << " returned but is not in the archive";
        }
        complete_.push_back(whole);
        for (int j = 0; j < k; ++j) EXPECT_EQ(tasks(db, j), complete_[j]) << "year " << j << " changed";
    }

private:
    static Date first_day(int k) { return Date(2027 + k, 1, 1); }
    static AgendaQuery query(int k) {
        return {first_day(k), Date(2027 + k, 12, 31), "XH", std::nullopt, true};
    }
    static std::int64_t tasks(RawDb& db, int k) {
        const std::string window =
            "BETWEEN '" + to_iso(first_day(k)) + "' AND '" + to_iso(Date(2027 + k, 12, 31)) + "'";
        return db.count("care_tasks", "task_date " + window) +
               db.integer("SELECT count(*) FROM care_task_members m JOIN care_task_groups g ON g.id = m.group_id "
                          "WHERE g.task_date " + window);
    }
    std::vector<std::int64_t> complete_;
};

// A customer with much on file (visits, profile history, family, complaints with notes) erased;
// run k erases the k-th. An erasure is one transaction: the customer is whole or gone.
class Erasure : public Scenario {
public:
    static constexpr int visits = 800;
    static constexpr int profile_writes = 40;
    static constexpr int tickets = 15;
    const char* name() const override { return "erasure"; }
    void prepare(Archive& archive) override {
        archive.sites().add({"XH", "祥和花园", ""});
        const std::int64_t consultant = archive.consultants().add({"XH", "李娜", ""}).id;
        ids_.clear();
        for (int i = 0; i <= kills_between_restores + 1; ++i) {
            NewCustomer c;
            c.site = "XH";
            c.channel = Channel::visit;
            c.name = "甄" + std::to_string(i);
            c.mobile = std::to_string(13900000000LL + i);
            c.consultant_id = consultant;
            c.note = "备注 " + std::to_string(i);
            const std::int64_t id = archive.customers().add(c).id;
            ids_.push_back(id);
            consent_to_sensitive(archive, id);   // the health field's separate consent
            for (int v = 0; v < visits; ++v) archive.customers().record_visit(id, {std::nullopt, std::nullopt, "来访"});
            for (int p = 0; p < profile_writes; ++p)
                archive.profiles().set_text(id, {{"company", "公司" + std::to_string(p)}, {"health", "记录" + std::to_string(p)}},
                                            consultant);
            for (int f = 0; f < 3; ++f) {
                NewFamilyMember m;
                m.relation = Relation::child;
                m.name = "孩子" + std::to_string(f);
                archive.family().add(id, m);
            }
            for (int t = 0; t < tickets; ++t) {
                NewTicket ticket;
                ticket.category = "service";
                ticket.customer_id = id;
                ticket.text = "投诉 " + std::to_string(t);
                const std::int64_t tid = archive.feedback().open(ticket).id;
                for (int n = 0; n < 3; ++n) archive.feedback().add_note(tid, "回访", consultant);
            }
        }
    }
    // The counts of the rows naming each customer, in the starting archive.
    void remember(RawDb& db) {
        before_.clear();
        for (std::int64_t id : ids_) before_.push_back(naming(db, id));
    }
    void run(Archive& archive, int k) override { archive.customers().remove(ids_.at(k)); }
    void check(Archive&, RawDb& db, const std::vector<bool>& acked) override {
        for (std::size_t i = 0; i < ids_.size(); ++i) {
            const std::int64_t id = ids_[i];
            const auto now = naming(db, id);
            const bool erased_row = db.count("customers", "id = " + std::to_string(id) + " AND deleted_at IS NOT NULL") == 1;
            const std::int64_t recorded =
                db.count("audit_log", "action = 'customer.erase' AND subject_id = " + std::to_string(id));
            if (i < acked.size() && acked[i]) {
                EXPECT_TRUE(erased_row) << "erasure " << i << " returned but the customer is on file";
            }
            if (!erased_row) {
                EXPECT_EQ(now, before_[i]) << "customer " << i << " is on file but not whole";
                EXPECT_EQ(recorded, 0) << "customer " << i << " is on file, yet the audit log records the erasure";
                continue;
            }
            EXPECT_LT(i, acked.size()) << "customer " << i << " was erased by nobody";
            EXPECT_EQ(recorded, 1) << "customer " << i << " is erased, without the audit log's record";
            for (const auto& [column, rows] : now)
                EXPECT_EQ(rows, 0) << "customer " << i << " is erased, yet " << column << " names them";
        }
    }

private:
    // Rows naming the customer, column by column (the audit log, which records the erasure, apart).
    static std::map<std::string, std::int64_t> naming(RawDb& db, std::int64_t id) {
        std::map<std::string, std::int64_t> out;
        for (const auto& [table, column] : customer_columns(db)) {
            if (table == "audit_log") continue;
            out[table + "." + column] = db.count("\"" + table + "\"", "\"" + column + "\" = " + std::to_string(id));
        }
        return out;
    }
    std::vector<std::int64_t> ids_;
    std::vector<std::map<std::string, std::int64_t>> before_;
};

// A rotation of the encryption key over 1,500 customers' sealed values (their smoking and health
// fields and the history of both), in one call: "re-seals every sealed value in one transaction"
// (profiles.hpp, Encryption). Runs alternate between two keys; after any kill exactly one of them
// opens the archive, and every sealed value opens with it.
class KeyRotation : public Scenario {
public:
    static constexpr int customers = 1500;
    const char* name() const override { return "key rotation"; }
    void prepare(Archive& archive) override {
        archive.sites().add({"XH", "祥和花园", ""});
        std::vector<std::pair<std::int64_t, std::map<std::string, FieldValue>>> updates;
        for (const Customer& c : archive.customers().add_many(visitors(customers, "烟民", 18600000000LL))) {
            consent_to_sensitive(archive, c.id);
            updates.push_back({c.id, {{"smoking", std::vector<std::string>{"cigarettes"}},
                                      {"health", "体检记录 " + std::to_string(c.id)}}});
        }
        archive.profiles().set_many(updates);
        Archive sealed = Archive::open(archive.path(), keyed(0));   // the first open with a key seals them
        if (sealed.encryption().status().sealed_values != 4 * customers) throw std::runtime_error("not sealed");
    }
    void run(Archive& archive, int) override {
        // The key in force is the one that opens the archive; the run rotates to the other.
        const int now = opens_with(archive.path());
        Archive keyed_archive = Archive::open(archive.path(), keyed(now));
        keyed_archive.encryption().rotate(key(1 - now));
    }
    void check(Archive& archive, RawDb& db, const std::vector<bool>& acked) override {
        const std::int64_t rotations = db.count("audit_log", "action = 'encryption.rotate'");
        const auto returned = std::count(acked.begin(), acked.end(), true);
        EXPECT_GE(rotations, returned) << "a rotation returned but the archive does not record it";
        EXPECT_LE(rotations, static_cast<std::int64_t>(acked.size()));
        const int expected = int(rotations % 2);
        EXPECT_EQ(expected, opens_with(archive.path())) << "the key in force is not the last rotation's";
        EXPECT_EQ(db.count("sealing_keys", "retired_at IS NULL"), 1);
        Archive keyed_archive = Archive::open(archive.path(), keyed(expected));
        EXPECT_EQ(4 * customers, keyed_archive.encryption().status().sealed_values);
        // Every sealed value opens under the key in force (one under the other key: a storage error).
        DistributionQuery q;
        q.field = "smoking";
        q.site = "XH";
        std::int64_t answered = 0;
        for (const auto& [stage, n] : keyed_archive.profiles().distribution(q).answered) answered += n;
        EXPECT_EQ(customers, answered);
        const std::int64_t first = ids(db).front();
        const auto history = keyed_archive.profiles().history(first, "health", {true, "核对"});
        ASSERT_EQ(1u, history.size());
        EXPECT_EQ("体检记录 " + std::to_string(first), std::get<std::string>(history[0].new_value));
    }

private:
    static std::string key(int which) { return std::string(64, which == 0 ? 'a' : 'b'); }
    static OpenOptions keyed(int which) {
        OpenOptions o = quick();
        o.encryption_key = key(which);
        return o;
    }
    // Which of the two keys opens the archive (-1: neither).
    static int opens_with(const std::string& path) {
        for (int which : {0, 1}) {
            try {
                Archive::open(path, keyed(which));
                return which;
            } catch (const Error& e) {
                if (e.status() != Status::invalid_argument) throw;
            }
        }
        return -1;
    }
    static std::vector<std::int64_t> ids(RawDb& db) {
        std::vector<std::int64_t> out;
        SQLite::Statement q(db.db(), "SELECT id FROM customers ORDER BY id");
        while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
        return out;
    }
};

void copy_archive(const std::string& from, const std::string& to) {
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(to + suffix);
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

struct Outcome {
    bool acked = false;    // the operation returned in the child
    bool killed = false;   // the kill came before the child's own end
    double seconds = 0;    // from the fork to the child's end
};

// Runs `scenario` run k in a child process, killed after `delay` (never, when nullopt).
Outcome run_child(Scenario& scenario, const std::string& path, int k, std::optional<std::chrono::microseconds> delay) {
    int ack[2];
    if (pipe(ack) != 0) throw std::runtime_error("pipe failed");
    std::fflush(nullptr);
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        close(ack[0]);
        int code = 0;
        try {
            Archive archive = Archive::open(path);
            scenario.run(archive, k);
            const char done = 'y';   // acknowledged: the call returned
            if (write(ack[1], &done, 1) != 1) code = 2;
        } catch (const Error& e) {
            std::fprintf(stderr, "%s %d: %s: %s\n", scenario.name(), k, status_name(e.status()), e.what());
            code = 1;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s %d: %s\n", scenario.name(), k, e.what());
            code = 1;
        }
        _exit(code);
    }
    close(ack[1]);
    Outcome outcome;
    int status = 0;
    if (delay) {
        std::this_thread::sleep_for(*delay);
        kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    char done = 0;
    outcome.acked = read(ack[0], &done, 1) == 1 && done == 'y';
    close(ack[0]);
    outcome.killed = WIFSIGNALED(status);
    EXPECT_TRUE(outcome.killed || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
        << scenario.name() << " " << k << " failed in the child (its message is on stderr)";
    return outcome;
}

// The archive after a crash: it opens through the library (which recovers it), it is sound, and
// the scenario's work is all or nothing.
void check_after(Scenario& scenario, const std::string& path, const std::vector<bool>& acked) {
    std::unique_ptr<Archive> archive;
    try {
        archive = std::make_unique<Archive>(Archive::open(path));
    } catch (const Error& e) {
        FAIL() << "the archive does not open after the kill: " << e.what();
    }
    {
        RawDb db(path);
        EXPECT_EQ(db.text("PRAGMA integrity_check"), "ok");
        EXPECT_EQ(db.count("pragma_foreign_key_check"), 0);
        scenario.check(*archive, db, acked);
    }
    archive.reset();
    EXPECT_EQ(RawDb(path).text("PRAGMA integrity_check"), "ok");
}

void kill_repeatedly(Scenario& scenario) {
    const int kills = env_int("SNOWBALL_CRASH_KILLS", 3);
    const unsigned seed = static_cast<unsigned>(
        env_int("SNOWBALL_CRASH_SEED", static_cast<int>(Clock::now().time_since_epoch().count() % 1000000007)));
    std::mt19937 random(seed);
    TempDir dir;
    const std::string start = dir.file("start.db");
    const std::string path = dir.file("archive.db");
    {
        Archive archive = Archive::open(start, quick());
        scenario.prepare(archive);
    }   // closed: the log is in the file, nothing crosses the fork
    if (auto* erasure = dynamic_cast<Erasure*>(&scenario)) {
        RawDb db(start);
        erasure->remember(db);
    }
    copy_archive(start, path);

    // Run 0 uninterrupted: how long a run takes, from the fork to its end.
    std::vector<bool> acked;
    const Outcome first = run_child(scenario, path, 0, std::nullopt);
    ASSERT_TRUE(first.acked) << scenario.name() << " failed without a kill";
    acked.push_back(true);
    check_after(scenario, path, acked);
    const auto expected = std::chrono::microseconds(static_cast<std::int64_t>(first.seconds * 1e6));

    int before_ack = 0, after_ack = 0, ended = 0;
    for (int kill = 1; kill <= kills && !::testing::Test::HasFatalFailure(); ++kill) {
        if ((kill - 1) % kills_between_restores == 0 && kill > 1) {
            copy_archive(start, path);
            acked.clear();
        }
        const int k = int(acked.size());
        const auto delay = std::chrono::microseconds(
            std::uniform_int_distribution<std::int64_t>(0, expected.count())(random));
        const Outcome o = run_child(scenario, path, k, delay);
        (o.killed ? (o.acked ? after_ack : before_ack) : ended)++;
        acked.push_back(o.acked);
        SCOPED_TRACE(std::string(scenario.name()) + ", kill " + std::to_string(kill) + " after " +
                     std::to_string(delay.count() / 1000) + " ms, seed " + std::to_string(seed));
        check_after(scenario, path, acked);
    }
    std::printf("CRASH %s: seed=%u run=%.0fms kills=%d killed-before-return=%d killed-after-return=%d "
                "ended-before-kill=%d\n",
                scenario.name(), seed, first.seconds * 1000, kills, before_ack, after_ack, ended);
}

} // namespace

TEST(Crash, LeadImportKilled) {
    LeadImport scenario;
    kill_repeatedly(scenario);
}

TEST(Crash, BulkProfileWriteKilled) {
    BulkProfileWrite scenario;
    kill_repeatedly(scenario);
}

TEST(Crash, AgendaGenerationKilled) {
    AgendaGeneration scenario;
    kill_repeatedly(scenario);
}

TEST(Crash, KeyRotationKilled) {
    KeyRotation scenario;
    kill_repeatedly(scenario);
}

TEST(Crash, ErasureKilled) {
    Erasure scenario;
    kill_repeatedly(scenario);
}
