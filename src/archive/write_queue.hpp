// The queue for an archive's write lock: handles take turns to write, first come first served,
// across processes and threads.
//
// SQLite's own write lock is unfair: a writer that has just committed asks for it again at once
// and gets it, while the others sleep in the busy handler and look again only now and then. With
// many processes filing in a loop, one filing could wait ten seconds and more (docs/TESTING.md,
// "Load"). So every write transaction of a Snowball handle first takes its turn here, and only
// then runs BEGIN IMMEDIATE; SQLite's lock stays what keeps the archive consistent, the queue
// only decides who asks for it next.
//
// The queue lives in the file `<archive>-lock` beside the archive (docs/DATA_MODEL.md, "Files"):
// two process-shared robust mutexes, a gate and the turn. A writer takes the gate, then the turn,
// then lets the gate go; so the writer that has just let the turn go cannot take it back at once:
// the gate is held by the next one, already waiting for the turn. Waits are in the kernel
// (futexes), with a deadline (the busy timeout). A process killed while it holds either mutex
// does not leave it held: the kernel marks it "owner died" and the next one takes it over. The file
// holds no data: it is made anew whenever no handle has it open.
#pragma once

#include <chrono>
#include <string>

namespace snowball::detail {

class WriteQueue {
public:
    using Clock = std::chrono::steady_clock;

    // Opens (creating when needed) `<archive_path>-lock`. When the platform, the file system or the file's
    // permissions do not allow it, the queue is off: take() returns true at once and writers meet at
    // SQLite's lock only, as without the queue.
    explicit WriteQueue(const std::string& archive_path);
    ~WriteQueue();
    WriteQueue(const WriteQueue&) = delete;
    WriteQueue& operator=(const WriteQueue&) = delete;

    bool on() const { return shared_ != nullptr; }

    // Waits for this handle's turn to write, until `deadline`: false when the deadline came first.
    // The caller must not hold the turn already.
    bool take(Clock::time_point deadline);
    // Gives the turn to the next writer. Only after take() returned true.
    void give_back() noexcept;

private:
    struct Shared;
    int fd_ = -1;
    Shared* shared_ = nullptr;
    bool holding_ = false;   // this handle holds the turn
};

} // namespace snowball::detail
