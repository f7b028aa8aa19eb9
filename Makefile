# tradefin: the two commands a new machine needs are `make demo` and
# `make test`. Both install missing Debian packages first.
JOBS ?= $(shell nproc)
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
TSAN_DIR ?= build-tsan
FUZZ_DIR ?= build-fuzz
FUZZ_SMOKE_SECONDS ?= 6
CMAKE_FLAGS ?=

.PHONY: all deps build demo test test-asan test-tsan bench clean install fuzz fuzz-smoke

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Builds only the CLI, with the compiler's output in a log, so the story
# reads on its own.
demo: deps $(BUILD_DIR)/CMakeCache.txt
	@echo "demo: building the tradefin CLI (compiler output in $(BUILD_DIR)/demo-build.log)"
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target tradefin_cli > $(BUILD_DIR)/demo-build.log 2>&1 \
	  || { tail -40 $(BUILD_DIR)/demo-build.log; exit 1; }
	@scripts/demo $(BUILD_DIR)/bin/tradefin

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan
	$(MAKE) test-tsan
	$(MAKE) fuzz-smoke

$(ASAN_DIR)/CMakeCache.txt:
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug \
	  -DTRADEFIN_BUILD_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
	  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" $(CMAKE_FLAGS)

# The whole suite again under AddressSanitizer and UBSan (run by `make test`).
test-asan: deps $(ASAN_DIR)/CMakeCache.txt
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE 'consumer|hygiene|slow'

# The tests that run threads (ctest label "concurrency": one writer with
# concurrent readers on a store, concurrent validation) under
# ThreadSanitizer. Only the test programs that hold them are built.
# -Wno-tsan: Crypto++'s headers use std::atomic_thread_fence, which GCC
# warns TSan cannot model; the warning is about their code, not ours.
TSAN_TARGETS = xml_test document_test signing_test store_test workflow_test
$(TSAN_DIR)/CMakeCache.txt:
	cmake -S . -B $(TSAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTRADEFIN_BUILD_BENCH=OFF -DTRADEFIN_BUILD_CLI=OFF \
	  -DCMAKE_CXX_FLAGS="-fsanitize=thread -Wno-tsan" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
	  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" $(CMAKE_FLAGS)

test-tsan: deps $(TSAN_DIR)/CMakeCache.txt
	cmake --build $(TSAN_DIR) -j $(JOBS) --target $(TSAN_TARGETS)
	cd $(TSAN_DIR) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/tsan.supp \
	  ctest --output-on-failure -j $(JOBS) -L concurrency --no-tests=error

# libFuzzer targets (fuzz/, docs/testing.md "Fuzzing"): the library and the
# targets built with clang, ASan and UBSan in $(FUZZ_DIR). Not part of `build`.
# Warnings are errors in the release and ASan builds; here they are not, so
# a clang-only warning cannot stop a campaign.
$(FUZZ_DIR)/CMakeCache.txt:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTRADEFIN_BUILD_FUZZ=ON -DTRADEFIN_BUILD_TESTS=OFF -DTRADEFIN_BUILD_CLI=OFF \
	  -DTRADEFIN_BUILD_BENCH=OFF -DTRADEFIN_INSTALL=OFF \
	  -DTRADEFIN_WARNINGS_AS_ERRORS=OFF $(CMAKE_FLAGS)

fuzz:
	@scripts/install-deps --fuzz
	$(MAKE) $(FUZZ_DIR)/CMakeCache.txt
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_all

# Replays every seed corpus, then fuzzes each target a few seconds; fails on
# any crash, leak, UBSan report or input slower than 1 s.
fuzz-smoke: fuzz
	FUZZ_BUILD_DIR=$(FUZZ_DIR) scripts/fuzz smoke $(FUZZ_SMOKE_SECONDS)

bench: build
	@scripts/bench $(BUILD_DIR)

install: build
	cmake --install $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_DIR)
