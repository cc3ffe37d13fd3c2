# Snowball — the two commands of the quick start, on a fresh Debian 12 machine as root:
#   make demo   install what is missing, build, run the sales-office demo
#   make test   the same set-up, then every test
#   make test-long   the reliability suites at full size (load, kill -9), some 6–8 minutes
# Also: make build, make bench, make fuzz [FUZZ_SECONDS=60], make install PREFIX=/usr/local, make clean.

BUILD    ?= build
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX   ?= /usr/local
DEMO_DB  ?= $(BUILD)/demo/sales-office.db

# Debian 12 packages the build and the tests need (see README: Dependencies).
PACKAGES = cmake g++ make pkg-config libsqlite3-dev libsqlitecpp-dev libboost-date-time-dev \
           libboost-graph-dev libgtest-dev nlohmann-json3-dev libsodium-dev libcli11-dev \
           python3-vobject python3-icalendar libpq-dev postgresql-15
# Only `make bench` needs these: matplotlib for the report's plots, GNU time for the scaling part's
# peak memory, networkx, the referral graph's peer (when Python lacks it). The npm peers (the
# calendar's, graphology) are installed by the benchmark itself into the build directory.
# Only `make fuzz` needs these: clang and libFuzzer.
FUZZ_PACKAGES = clang-14 libfuzzer-14-dev
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = phone archive_no date lunar ics lead_import capi_json
BENCH_PACKAGES = python3-matplotlib time $(shell python3 -c 'import networkx' >/dev/null 2>&1 || echo python3-networkx)
# The archive sizes of the scaling part (customers); 4,000,000 is opt-in:
# make bench SCALING=10000,100000,1000000,4000000
SCALING ?= 10000,100000,1000000

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps bench-deps fuzz-deps configure build demo test test-long test-asan test-tsan fuzz bench install clean

all: build

# Installs the missing packages only; apt's package lists are fetched first when needed.
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	python3 -m pip --version >/dev/null 2>&1 || missing="$$missing python3-pip"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

bench-deps: deps
	$(call install_missing,$(BENCH_PACKAGES))

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSNOWBALL_WERROR=ON

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@mkdir -p $(dir $(DEMO_DB))
	$(BUILD)/examples/sales_desk $(DEMO_DB)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The reliability suites at their full sizes (docs/TESTING.md): 16 processes × 5,000 filings with
# readers and checkpoints, and 50 kill -9 in each of the five crash scenarios. `make test` runs the
# same tests small (16 × 300 filings, 3 kills each).
test-long: build
	cd $(BUILD) && SNOWBALL_LOAD_WRITERS=16 SNOWBALL_LOAD_FILINGS=5000 SNOWBALL_CRASH_KILLS=50 \
	  ctest --output-on-failure --verbose -R '^reliability\.'

# The C++ and C tests under AddressSanitizer + UndefinedBehaviorSanitizer, and the tests that use
# threads under ThreadSanitizer. The Python suite and the examples load the library into programs
# built without the sanitizer runtime, so they run in `make test` only.
test-asan: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSNOWBALL_SANITIZE=address,undefined \
	      -DSNOWBALL_BUILD_EXAMPLES=OFF -DSNOWBALL_WERROR=ON
	cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -E 'python'

test-tsan: deps
	cmake -S . -B $(BUILD)-tsan -DCMAKE_BUILD_TYPE=Debug -DSNOWBALL_SANITIZE=thread \
	      -DSNOWBALL_BUILD_EXAMPLES=OFF -DSNOWBALL_WERROR=ON
	cmake --build $(BUILD)-tsan -j $(JOBS)
	cd $(BUILD)-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) -R '[Tt]hread|[Cc]oncurren|[Pp]rocess'

# Each fuzz harness (tests/fuzz) for FUZZ_SECONDS seconds under libFuzzer, ASan and UBSan, starting
# from a copy of its corpus in $(BUILD)-fuzz/corpus (the repository's corpus does not grow by
# itself: docs/TESTING.md says how to merge new inputs). A crash stops with the input saved in
# $(BUILD)-fuzz/findings.
fuzz-deps: deps
	$(call install_missing,$(FUZZ_PACKAGES))

fuzz: fuzz-deps
	cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
	      -DCMAKE_C_COMPILER=clang-14 \
	      -DCMAKE_CXX_COMPILER=clang++-14 -DSNOWBALL_FUZZ=ON -DSNOWBALL_BUILD_TESTS=OFF \
	      -DSNOWBALL_BUILD_EXAMPLES=OFF -DSNOWBALL_INSTALL=OFF -DSNOWBALL_WERROR=ON
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzzers
	@mkdir -p $(BUILD)-fuzz/findings
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf $(BUILD)-fuzz/corpus/$$t && mkdir -p $(BUILD)-fuzz/corpus && \
	  cp -r tests/fuzz/corpus/$$t $(BUILD)-fuzz/corpus/$$t && \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s" && \
	  $(BUILD)-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)-fuzz/findings/$$t- $(BUILD)-fuzz/corpus/$$t || exit 1; \
	done

bench: bench-deps
	cmake -S . -B $(BUILD)-bench -DCMAKE_BUILD_TYPE=Release -DSNOWBALL_BUILD_BENCH=ON \
	      -DSNOWBALL_BUILD_TESTS=OFF -DSNOWBALL_BUILD_EXAMPLES=OFF
	cmake --build $(BUILD)-bench -j $(JOBS)
	python3 bench/run.py --build $(BUILD)-bench
	python3 bench/run.py --build $(BUILD)-bench --scaling $(SCALING)
	python3 bench/report.py

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(BUILD)-bench $(BUILD)-asan $(BUILD)-tsan $(BUILD)-fuzz
