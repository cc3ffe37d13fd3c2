// The write queue (src/archive/write_queue.hpp): the `-lock` file beside an archive, the busy
// timeout while another handle holds the turn, a holder killed in its turn, a stale file.
#include "archive/store.hpp"
#include "archive/write_queue.hpp"
#include "snowball/archive.hpp"
#include "snowball/customers.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

using namespace snowball;
using namespace snowball::testing;

namespace {

using Clock = std::chrono::steady_clock;

NewCustomer someone(const char* mobile) {
    NewCustomer c;
    c.site = "XH";
    c.name = "张伟";
    c.mobile = mobile;
    return c;
}

std::string archive_with_a_site(TempDir& dir) {
    const std::string path = dir.file("a.db");
    Archive::open(path).sites().add({"XH", "祥和花园", ""});
    return path;
}

} // namespace

TEST(WriteQueue, TheLockFileSitsBesideAWritableArchiveOnly) {
    TempDir dir;
    const std::string path = archive_with_a_site(dir);
    EXPECT_TRUE(std::filesystem::exists(path + "-lock"));
    EXPECT_EQ(std::filesystem::file_size(path + "-lock"), 4096u);
    EXPECT_TRUE(detail::WriteQueue(path).on());

    // A read-only handle needs none.
    const std::string copy = dir.file("copy.db");
    std::filesystem::copy_file(path, copy);
    OpenOptions read_only;
    read_only.read_only = true;
    EXPECT_EQ(Archive::open(copy, read_only).sites().list().size(), 1u);
    EXPECT_FALSE(std::filesystem::exists(copy + "-lock"));

    // Nor does an in-memory archive (it would be named ":memory:-lock").
    Archive memory = Archive::open(":memory:");
    memory.sites().add({"XH", "祥和花园", ""});
    EXPECT_FALSE(std::filesystem::exists(":memory:-lock"));
}

TEST(WriteQueue, AnotherHandleInItsTurnTooLongIsBusy) {
    TempDir dir;
    const std::string path = archive_with_a_site(dir);
    OpenOptions options;
    options.busy_timeout_ms = 200;
    Archive waiting = Archive::open(path, options);

    std::mutex m;
    std::condition_variable cv;
    bool in_turn = false, done = false;
    std::thread holder([&] {
        detail::Store store(path, OpenOptions{});
        store.write([&] {
            std::unique_lock<std::mutex> lock(m);
            in_turn = true;
            cv.notify_all();
            cv.wait(lock, [&] { return done; });
        });
    });
    {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return in_turn; });
    }
    const auto t0 = Clock::now();
    expect_error([&] { waiting.customers().add(someone("13800138000")); }, Status::busy, "", "beyond the busy timeout");
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    EXPECT_GE(waited, 150);
    EXPECT_LT(waited, 5000);
    // Reading is not held up by the queue.
    EXPECT_EQ(waiting.sites().list().size(), 1u);
    {
        std::lock_guard<std::mutex> lock(m);
        done = true;
    }
    cv.notify_all();
    holder.join();
    EXPECT_EQ(waiting.customers().add(someone("13800138000")).mobile, "13800138000");
}

TEST(WriteQueue, AWriterKilledInItsTurnDoesNotHoldTheOthers) {
    TempDir dir;
    const std::string path = archive_with_a_site(dir);
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    std::fflush(nullptr);
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        close(ready[0]);
        try {
            detail::Store store(path, OpenOptions{});
            store.write([&] {
                const char byte = 'x';
                if (write(ready[1], &byte, 1) != 1) _exit(2);
                for (;;) pause();   // in its turn (and in SQLite's write lock) until killed
            });
        } catch (...) {
        }
        _exit(3);
    }
    close(ready[1]);
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);

    // The turn the child held is free again (its owner died): taken at once, not after the wait.
    {
        detail::WriteQueue queue(path);
        ASSERT_TRUE(queue.on());
        const auto t0 = Clock::now();
        EXPECT_TRUE(queue.take(t0 + std::chrono::seconds(3)));
        EXPECT_LT(Clock::now() - t0, std::chrono::seconds(1));
        queue.give_back();
    }
    OpenOptions options;
    options.busy_timeout_ms = 5000;
    const auto t0 = Clock::now();
    Archive archive = Archive::open(path, options);
    EXPECT_EQ(archive.customers().add(someone("13800138000")).mobile, "13800138000");
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(2));
}

TEST(WriteQueue, AStaleLockFileIsMadeAnew) {
    TempDir dir;
    const std::string path = archive_with_a_site(dir);
    // What a copy from elsewhere, or a crash in the middle of setting it up, could leave.
    write_file(path + "-lock", std::string(4096, '\xff'));
    OpenOptions options;
    options.busy_timeout_ms = 2000;
    Archive archive = Archive::open(path, options);
    EXPECT_EQ(archive.customers().add(someone("13800138000")).mobile, "13800138000");
    Archive second = Archive::open(path, options);
    EXPECT_EQ(second.customers().add(someone("13900139000")).mobile, "13900139000");
    EXPECT_NE(read_file(path + "-lock"), std::string(4096, '\xff'));
}
