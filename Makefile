# The commands people type; each wraps CMake/Ninja (DESIGN.md "Conventions", after DuckDB).
JOBS ?= $(shell nproc)
BUILD ?= build
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 30

.PHONY: all deps build demo serve test e2e release asan fuzz asan-fuzz bench format clean golden

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Runs the main job, `gpaikit check`, on a bundled example and writes its report.
demo: build
	@scripts/demo $(BUILD)

# The public compliance site on a scratch copy of the frontier example (docs/portal.md); PORT=8080.
serve: build
	@scripts/serve $(BUILD)

# Unit tests beside their sources, conformance suites and end-to-end golden tests.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Only the end-to-end cases (tests/e2e/cases, docs/architecture.md "Tests"); CASES=name... for some.
e2e: build
	tests/e2e/run-cases --gpaikit $(BUILD)/src/cli/gpaikit $(CASES)

# The Release build (-O3, as a package is built; warnings are errors there too) and its unit tests.
# The Python module is left out: its tests are not unit tests, and `make test` builds it at -O2.
release: deps
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGPAIKIT_PYTHON=OFF $(CMAKE_FLAGS)
	cmake --build build-release -j $(JOBS)
	cd build-release && ctest --output-on-failure -j $(JOBS) -L unit

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer, built with clang.
asan: deps
	CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DGPAIKIT_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit

# Builds every libFuzzer target with clang and runs each for FUZZ_SECONDS.
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DGPAIKIT_FUZZ=ON -DGPAIKIT_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS)
	scripts/run-fuzzers build-fuzz $(FUZZ_SECONDS)

# What CI runs instead of `make asan` and `make fuzz`: one clang build with ASan+UBSan that also
# builds the fuzzers (Debug, so they run slower than `make fuzz`'s; a smoke run, not a campaign),
# the unit tests under the sanitizers, then each fuzzer for FUZZ_SECONDS. Saves a whole build.
asan-fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-asan-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DGPAIKIT_SANITIZE=ON -DGPAIKIT_FUZZ=ON $(CMAKE_FLAGS)
	cmake --build build-asan-fuzz -j $(JOBS)
	cd build-asan-fuzz && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit
	scripts/run-fuzzers build-asan-fuzz $(FUZZ_SECONDS)

# Benchmarks (Google Benchmark and comparison scripts that print ratios).
bench: deps
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DGPAIKIT_BENCH=ON \
	  -DGPAIKIT_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-bench -j $(JOBS)
	scripts/run-benchmarks build-bench

# Rewrites every end-to-end expectation (tests/golden, and each case's exit, stdout, stderr and
# compared files) from the current build; review the diff! CASES=name... for some cases only.
golden: build
	GPAIKIT_UPDATE_GOLDEN=1 tests/e2e/run-cases --gpaikit $(BUILD)/src/cli/gpaikit $(CASES)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-release build-asan build-fuzz build-asan-fuzz build-bench
