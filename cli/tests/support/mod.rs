//! Running the `hcjwt` binary as a shell user does: in `examples/`, with the
//! environment and standard input a test gives, capturing both outputs.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The demo data the README's first command uses.
pub fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// The shared fixtures of the core's tests.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Runs `hcjwt args...` in `examples/` with no standard input.
pub fn hcjwt(args: &[&str]) -> Output {
    hcjwt_with(args, &[], None)
}

/// Runs `hcjwt args...` in `examples/` with `env` set and `stdin` piped in.
pub fn hcjwt_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hcjwt"));
    command
        .args(args)
        .current_dir(examples())
        // The caller's Zendesk credentials never reach a test's hcjwt.
        .env_remove("ZENDESK_EMAIL")
        .env_remove("ZENDESK_API_TOKEN")
        .env_remove("ZENDESK_OAUTH_TOKEN")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("hcjwt runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        // hcjwt stops reading at its size cap: a broken pipe is expected then.
        if let Err(error) = child.stdin.take().unwrap().write_all(bytes) {
            assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
        }
    }
    child.wait_with_output().unwrap()
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the exit code, showing stderr when it differs.
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// Asserts that standard error says `needle`, showing it when it does not.
pub fn assert_stderr_has(output: &Output, needle: &str) {
    let stderr = text(&output.stderr);
    assert!(stderr.contains(needle), "{needle:?} not in: {stderr}");
}
