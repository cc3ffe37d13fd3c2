#include "archive/write_queue.hpp"

#if defined(__linux__)

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <new>

#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace snowball::detail {

namespace {

constexpr char magic[16] = "snowball-queue1";
constexpr off_t file_size = 4096;
// Bytes locked with open-file-description locks (fcntl F_OFD_*), past the mapped part: whoever
// sets the file up holds `setup_byte`; every open handle holds `users_byte` shared, so that the one
// that finds no other user knows the file may be made anew.
constexpr off_t setup_byte = file_size;
constexpr off_t users_byte = file_size + 1;

bool ofd_lock(int fd, short type, off_t at, bool wait) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = at;
    lock.l_len = 1;
    lock.l_pid = 0;
    for (;;) {
        if (fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &lock) == 0) return true;
        if (errno != EINTR) return false;
    }
}

bool init_mutex(pthread_mutex_t* m) {
    pthread_mutexattr_t attr;
    if (pthread_mutexattr_init(&attr) != 0) return false;
    const bool ok = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED) == 0 &&
                    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST) == 0 &&
                    // A thread that asks again for what it holds (two handles of one archive nested
                    // in one thread) gets EDEADLK, not a hang.
                    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK) == 0 &&
                    pthread_mutex_init(m, &attr) == 0;
    pthread_mutexattr_destroy(&attr);
    return ok;
}

// 0 once held (taking over from a holder that died), else ETIMEDOUT or another error.
int lock_until(pthread_mutex_t* m, const timespec& deadline) {
    // pthread_mutex_timedlock, whose deadline is on the wall clock, rather than
    // pthread_mutex_clocklock: ThreadSanitizer knows the former only (make test-tsan). A change
    // of the wall clock during a wait lengthens or shortens that one wait.
    const int rc = pthread_mutex_timedlock(m, &deadline);
    if (rc == EOWNERDEAD) {
        // The holder died holding it. The mutex guards no data (SQLite's lock keeps the archive
        // consistent): take it over as it is.
        pthread_mutex_consistent(m);
        return 0;
    }
    return rc;
}

// `deadline` as a time of the wall clock, as pthread_mutex_timedlock takes it.
timespec wall_clock_deadline(WriteQueue::Clock::time_point deadline) {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - WriteQueue::Clock::now()).count();
    if (left < 0) left = 0;
    const std::int64_t ns = static_cast<std::int64_t>(now.tv_nsec) + left % 1000000000;
    timespec out{};
    out.tv_sec = now.tv_sec + static_cast<time_t>(left / 1000000000 + ns / 1000000000);
    out.tv_nsec = static_cast<long>(ns % 1000000000);
    return out;
}

} // namespace

struct WriteQueue::Shared {
    char magic[16];
    std::uint32_t mutex_size;   // the layout of the mutexes that follow
    pthread_mutex_t gate;
    pthread_mutex_t turn;
};

WriteQueue::WriteQueue(const std::string& archive_path) {
    struct stat archive {};
    if (stat(archive_path.c_str(), &archive) != 0) return;
    const std::string lock_path = archive_path + "-lock";
    // The archive's permissions, as SQLite gives its -wal and -shm files.
    fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, archive.st_mode & 0777);
    if (fd_ < 0) return;
    if (geteuid() == 0) {
        // As SQLite does for its own files: a root process does not leave a file others cannot open.
        if (fchown(fd_, archive.st_uid, archive.st_gid) != 0) {
        }
    }
    void* memory = MAP_FAILED;
    bool ok = ofd_lock(fd_, F_WRLCK, setup_byte, true);
    if (ok) {
        struct stat file {};
        if (ofd_lock(fd_, F_WRLCK, users_byte, false)) {
            // No other handle has the file open: make it anew (it may come from a copy, or hold
            // mutexes of processes long gone).
            ok = ftruncate(fd_, 0) == 0 && ftruncate(fd_, file_size) == 0;
            if (ok) memory = mmap(nullptr, file_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
            ok = ok && memory != MAP_FAILED;
            if (ok) {
                auto* shared = new (memory) Shared{};
                shared->mutex_size = sizeof(pthread_mutex_t);
                ok = init_mutex(&shared->gate) && init_mutex(&shared->turn);
                if (ok) std::memcpy(shared->magic, magic, sizeof magic);
            }
        } else {
            ok = fstat(fd_, &file) == 0 && file.st_size >= file_size;
            if (ok) memory = mmap(nullptr, file_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
            ok = ok && memory != MAP_FAILED;
            if (ok) {
                const auto* shared = static_cast<const Shared*>(memory);
                ok = std::memcmp(shared->magic, magic, sizeof magic) == 0 &&
                     shared->mutex_size == sizeof(pthread_mutex_t);
            }
        }
        ok = ofd_lock(fd_, F_RDLCK, users_byte, false) && ok;
        ofd_lock(fd_, F_UNLCK, setup_byte, false);
    }
    if (ok) {
        shared_ = static_cast<Shared*>(memory);
        return;
    }
    if (memory != MAP_FAILED) munmap(memory, file_size);
    close(fd_);
    fd_ = -1;
}

WriteQueue::~WriteQueue() {
    if (shared_ != nullptr) {
        give_back();
        munmap(shared_, file_size);
    }
    if (fd_ >= 0) close(fd_);   // lets go of the users byte
}

bool WriteQueue::take(Clock::time_point deadline) {
    if (shared_ == nullptr) return true;
    holding_ = false;
    const timespec until = wall_clock_deadline(deadline);
    int rc = lock_until(&shared_->gate, until);
    if (rc == ETIMEDOUT) return false;
    if (rc != 0) return true;   // e.g. EDEADLK: go on to SQLite's lock without a turn
    rc = lock_until(&shared_->turn, until);
    pthread_mutex_unlock(&shared_->gate);
    if (rc == ETIMEDOUT) return false;
    holding_ = rc == 0;
    return true;
}

void WriteQueue::give_back() noexcept {
    if (shared_ == nullptr || !holding_) return;
    holding_ = false;
    pthread_mutex_unlock(&shared_->turn);
}

} // namespace snowball::detail

#else // no robust process-shared mutexes: writers meet at SQLite's lock only

namespace snowball::detail {

struct WriteQueue::Shared {};
WriteQueue::WriteQueue(const std::string&) {}
WriteQueue::~WriteQueue() = default;
bool WriteQueue::take(Clock::time_point) { return true; }
void WriteQueue::give_back() noexcept {}

} // namespace snowball::detail

#endif
