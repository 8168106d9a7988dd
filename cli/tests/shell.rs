//! Shell habits: completion scripts for bash, zsh and fish, and `--help`
//! that lists every enumerated option's values and shows examples.

use std::process::{Command, Output};

fn hcjwt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hcjwt"))
        .args(args)
        .output()
        .expect("hcjwt runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn completions_cover_every_command_and_value() {
    for shell in ["bash", "zsh", "fish"] {
        let output = hcjwt(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        for word in [
            "mint",
            "verify",
            "inspect",
            "sso-form",
            "fetch",
            "RS256",
            "EdDSA",
            "help_center",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    // The bash script parses.
    let script = stdout(&hcjwt(&["completions", "bash"]));
    let check = Command::new("bash")
        .args(["-n", "-c", &script])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(hcjwt(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn help_lists_possible_values_and_examples() {
    let mint = stdout(&hcjwt(&["mint", "--help"]));
    assert!(mint.contains("possible values: help_center, sso"), "{mint}");
    assert!(mint.contains("RS256") && mint.contains("EdDSA"));
    assert!(mint.contains("Examples:"));
    let verify = stdout(&hcjwt(&["verify", "--help"]));
    assert!(verify.contains("Examples:") && verify.contains("--help-center"));
    let fetch = stdout(&hcjwt(&["fetch", "--help"]));
    assert!(fetch.contains("fields") && fetch.contains("claims") && fetch.contains("user"));
}
