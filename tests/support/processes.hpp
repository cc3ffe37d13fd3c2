// Forked processes for the multi-process tests (concurrency, load, crashes): run children and
// expect each to exit with 0. Fork only while no archive or SQLite connection is open: nothing
// may cross the fork.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace snowball::testing {

// Forks `workers` processes, each running `child(w)` (whose return value is its exit code), and
// expects every one to exit with 0.
template <class F>
void run_processes(int workers, F&& child) {
    std::fflush(nullptr);   // nothing buffered is written twice
    std::vector<pid_t> pids;
    for (int w = 0; w < workers; ++w) {
        const pid_t pid = fork();
        ASSERT_NE(pid, -1) << "fork failed";
        if (pid == 0) {
            int code = 3;
            try {
                code = child(w);
            } catch (...) {
                code = 4;
            }
            std::fflush(nullptr);
            _exit(code);
        }
        pids.push_back(pid);
    }
    for (std::size_t w = 0; w < pids.size(); ++w) {
        int status = 0;
        ASSERT_EQ(waitpid(pids[w], &status, 0), pids[w]);
        EXPECT_TRUE(WIFEXITED(status)) << "worker " << w << " died" << (WIFSIGNALED(status) ? " of a signal" : "");
        if (WIFEXITED(status)) {
            EXPECT_EQ(WEXITSTATUS(status), 0) << "worker " << w << " failed (its message is on stderr)";
        }
    }
}

} // namespace snowball::testing
