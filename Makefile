# Each target is a plain command you can copy. `make test` is the one command
# that runs every suite on a fresh machine: `setup` installs what is missing.
.PHONY: test setup lint test-rust test-c test-python wheel bench bench-check bench-compare bench-instructions \
	fuzz-smoke miri header check-header install demo dist

PREFIX ?= /usr/local
CC ?= cc
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
SONAME := $(shell scripts/c-soname.sh)
# The prefix written into hcjwt.pc: PREFIX, or ${pcfiledir}/../.. for a
# relocatable tarball (make dist).
PC_PREFIX ?= $(PREFIX)
C_WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Werror -g
C_LIBS := -lpthread -ldl -lm
CTEST := target/ctest
VENV := target/python-venv
export CARGO_BUILD_JOBS ?= 2

# Every test suite: Rust, C (sanitizers, valgrind, C++, pkg-config), Python.
test: setup lint test-rust test-c test-python

# Debian packages (as root), pinned cargo tools, the Python virtualenv.
setup:
	scripts/setup.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p hcjwt --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -p hcjwt --no-deps --features remote

test-rust:
	cargo test --workspace --features hcjwt/remote

# The C suite: header freshness, ASan+UBSan on a debug build (with the forced
# panic), valgrind on the release build, the header as C++17, and an install
# used through pkg-config.
test-c: check-header
	mkdir -p $(CTEST)
	cargo build -p hcjwt-capi --features test-panic
	$(CC) $(C_WARNINGS) -fsanitize=address,undefined -fno-omit-frame-pointer -DHCJWT_TEST_PANIC -Iinclude \
		tests/c/test_hcjwt.c target/debug/libhcjwt.a $(C_LIBS) -o $(CTEST)/test_hcjwt_asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 RUST_BACKTRACE=0 $(CTEST)/test_hcjwt_asan .
	$(CC) $(C_WARNINGS) -fsanitize=address,undefined -fno-omit-frame-pointer -Iinclude \
		tests/c/test_hostile.c target/debug/libhcjwt.a -ljwt $(C_LIBS) -o $(CTEST)/test_hostile_asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(CTEST)/test_hostile_asan .
	cargo build --release -p hcjwt-capi
	$(CC) $(C_WARNINGS) -O2 -Iinclude tests/c/test_hcjwt.c target/release/libhcjwt.a $(C_LIBS) -o $(CTEST)/test_hcjwt_release
	valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --error-exitcode=99 $(CTEST)/test_hcjwt_release .
	$(CC) $(C_WARNINGS) -O2 -Iinclude tests/c/test_hostile.c target/release/libhcjwt.a -ljwt $(C_LIBS) -o $(CTEST)/test_hostile_release
	valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --error-exitcode=99 $(CTEST)/test_hostile_release .
	g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -Iinclude tests/c/header.cpp target/release/libhcjwt.a $(C_LIBS) -o $(CTEST)/header_cpp
	$(CTEST)/header_cpp
	rm -rf $(CTEST)/prefix
	$(MAKE) install PREFIX=$(CURDIR)/$(CTEST)/prefix
	scripts/c-package-check.sh $(CTEST)/prefix

# The abi3 wheel, built once and installed into target/python-venv.
wheel:
	scripts/wheel.sh

# pytest (warnings are errors) and mypy's stubtest against the installed
# wheel, the one released; run from the tests folder so `import hcjwt` finds
# the wheel, not the source, and with no cargo or rustc on PATH, as a user's
# machine has. The stamp tells scripts/dist.sh this wheel passed.
NO_RUST_PATH = $(shell echo "$$PATH" | tr ':' '\n' | grep -v -e cargo -e rustup | paste -sd: -)
test-python: wheel
	cd bindings/python/tests && env PATH="$(NO_RUST_PATH)" ../../../$(VENV)/bin/python -m pytest -q -p no:cacheprovider .
	cd bindings/python/tests && ../../../$(VENV)/bin/python -m mypy.stubtest hcjwt --allowlist ../stubtest-allowlist.txt
	touch target/wheels/.tested

# Criterion: hcjwt vs jsonwebtoken vs the floor per algorithm, verify, stages, threads.
bench:
	cargo bench --features remote --bench mint

# Instruction counts under valgrind against the committed baseline
# (benches/instructions.json): more than 5% over fails. After an intended
# change: scripts/instructions.sh --update.
bench-instructions:
	scripts/instructions.sh

# What CI runs: the benches compile and the peer comparison works (one short round).
bench-check: wheel
	cargo bench --features remote --no-run
	$(VENV)/bin/python benches/compare.py --quick

# The full peer comparison: writes BENCHMARKS.md and benches/chart.svg.
bench-compare: wheel
	$(VENV)/bin/python benches/compare.py

# Each fuzz target for FUZZ_SECONDS (needs a nightly toolchain and cargo-fuzz).
FUZZ_SECONDS ?= 20
FUZZ_TARGETS := verify claims_json fields_json user_values keys capi inspect return_to
fuzz-smoke:
	scripts/fuzz-seeds.sh
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		PATH=$(CURDIR)/target/tools/bin:$$PATH cargo +nightly fuzz run -O $$target -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 || exit 1; \
	done

# The C binding's pointer plumbing under Miri (needs nightly with the miri component).
miri:
	MIRIFLAGS=-Zmiri-disable-isolation cargo +nightly miri test -p hcjwt-capi --lib

header:
	scripts/gen-header.sh

check-header:
	scripts/gen-header.sh --check

# Every release artifact into dist/, each checked (scripts/dist.sh; RELEASING.md).
dist:
	scripts/dist.sh

# Installs lib/libhcjwt.so.VERSION (stripped; SONAME $(SONAME), linked from it and
# from libhcjwt.so), libhcjwt.a, include/hcjwt.h and lib/pkgconfig/hcjwt.pc
# under PREFIX.
install:
	cargo build --release -p hcjwt-capi
	install -d $(PREFIX)/lib/pkgconfig $(PREFIX)/include
	install -m 644 target/release/libhcjwt.a $(PREFIX)/lib/
	strip --strip-unneeded -o $(PREFIX)/lib/libhcjwt.so.$(VERSION) target/release/libhcjwt.so
	chmod 755 $(PREFIX)/lib/libhcjwt.so.$(VERSION)
	ln -sf libhcjwt.so.$(VERSION) $(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(PREFIX)/lib/libhcjwt.so
	install -m 644 include/hcjwt.h $(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PC_PREFIX)|' -e 's|@VERSION@|$(VERSION)|' bindings/c/hcjwt.pc.in > $(PREFIX)/lib/pkgconfig/hcjwt.pc

demo:
	cargo run -q -p hcjwt-cli -- mint --user examples/user.json --claims examples/claims.json --fields examples/fields.json --key examples/keys/DEV-ONLY-rs256-private.pem
