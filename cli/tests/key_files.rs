//! Key files as a shell user has them: every form of a public key refused
//! as an HMAC secret (tokens forged by jsonwebtoken with the file's bytes as
//! the secret never verify), a DER key whose last byte is a newline read
//! intact by every subcommand, and a text secret from `hcjwt keygen` used
//! without `--alg`.

mod support;

use support::{assert_exit, fixtures, hcjwt, hcjwt_with, text};

const NOW: &str = "1700000000";

fn forge(secret: &[u8]) -> String {
    let claims = serde_json::json!({"iat": 1_700_000_000, "exp": 1_700_000_300, "email": "attacker@example.com"});
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[test]
fn no_key_form_verifies_a_token_forged_with_it_as_the_secret() {
    let dir = fixtures().join("key-forms");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "md") {
            continue;
        }
        let file = path.to_str().unwrap();
        let forged = forge(&std::fs::read(&path).unwrap());
        for algs in [
            &["--alg", "HS256"][..],
            &["--alg", "EdDSA", "--alg", "HS256"],
            &["--alg", "ES256", "--alg", "HS256"],
            &[],
        ] {
            let mut args = vec!["verify", "--key", file, "--now", NOW];
            args.extend_from_slice(algs);
            args.push(&forged);
            let output = hcjwt(&args);
            assert_exit(&output, 1);
            assert!(output.stdout.is_empty(), "{file}: nothing on stdout");
        }
        let refused = hcjwt(&["verify", "--key", file, "--alg", "HS256", &forged]);
        let message = text(&refused.stderr);
        assert!(
            message.contains("RS/HS confusion") || file.ends_with(".json"),
            "{file}: {message}"
        );
        let mixed = hcjwt(&[
            "verify", "--key", file, "--alg", "EdDSA", "--alg", "HS256", &forged,
        ]);
        if !file.ends_with("-bom.json") && !file.ends_with("-utf16.json") {
            assert!(
                text(&mixed.stderr).contains("mix HMAC (HS256) and public-key (EdDSA)"),
                "{file}"
            );
        }
        let mint = hcjwt(&[
            "mint",
            "--user",
            "user.json",
            "--key",
            file,
            "--alg",
            "HS256",
        ]);
        assert_exit(&mint, 1);
        checked += 1;
    }
    assert_eq!(checked, 27);
}

/// A PKCS#8 DER Ed25519 key whose last byte is a newline.
fn der_key_ending_in_newline() -> Vec<u8> {
    loop {
        let (_, der) = hcjwt::SigningKey::generate(hcjwt::Algorithm::EdDSA).unwrap();
        if der.last() == Some(&b'\n') {
            return der.to_vec();
        }
    }
}

#[test]
fn a_der_key_ending_in_a_newline_is_read_intact_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.der");
    std::fs::write(&key, der_key_ending_in_newline()).unwrap();
    let key = key.to_str().unwrap();
    let minted = hcjwt(&["mint", "--user", "user.json", "--key", key, "--now", NOW]);
    assert_exit(&minted, 0);
    let token = text(&minted.stdout).trim().to_owned();
    let verified = hcjwt(&["verify", "--key", key, "--now", NOW, &token]);
    assert_exit(&verified, 0);
    let inspected = hcjwt(&["inspect", "--key", key, "--now", NOW, &token]);
    assert!(
        text(&inspected.stdout).contains("signature: valid"),
        "{}",
        text(&inspected.stdout)
    );
    let jwks = hcjwt(&["jwks", "--key", key]);
    assert_exit(&jwks, 0);
}

#[test]
fn a_keygen_secret_works_without_alg_with_or_without_its_line_ending() {
    let dir = tempfile::tempdir().unwrap();
    let generated = hcjwt(&["keygen", "--alg", "HS256"]);
    assert_exit(&generated, 0);
    let secret = text(&generated.stdout);
    assert!(secret.ends_with('\n'));
    for (name, contents) in [
        ("lf", secret.clone()),
        ("crlf", secret.replace('\n', "\r\n")),
        ("bare", secret.trim_end().to_owned()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &contents).unwrap();
        let key = path.to_str().unwrap();
        let minted = hcjwt(&["mint", "--user", "user.json", "--key", key, "--now", NOW]);
        assert_exit(&minted, 0);
        let token = text(&minted.stdout).trim().to_owned();
        let header = hcjwt(&["decode", "--json", &token]);
        let decoded: serde_json::Value = serde_json::from_slice(&header.stdout).unwrap();
        assert_eq!(decoded["header"]["alg"], "HS256", "{name}");
        // jwt-cli's habit: verify with the secret file and no --alg.
        let verified = hcjwt(&["verify", "--key", key, "--now", NOW, &token]);
        assert_exit(&verified, 0);
        // The same secret from the environment agrees.
        let from_env = hcjwt_with(
            &["verify", "--secret-env", "SECRET", "--now", NOW, &token],
            &[("SECRET", secret.trim_end())],
            None,
        );
        assert_exit(&from_env, 0);
    }
}
