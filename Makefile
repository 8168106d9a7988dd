# Each target is a plain command you can copy.
.PHONY: test test-rust lint demo

# Every test suite (Rust now; C and Python join as their bindings land).
test: lint test-rust

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test-rust:
	cargo test --workspace

demo:
	cargo run -q -p hcjwt-cli -- check --claims examples/claims.json --fields examples/fields.json --user examples/user.json
