//! The CLI under real conditions: a keys endpoint over HTTPS whose
//! certificate a TLS-inspecting proxy's own authority signed (trusted
//! through SSL_CERT_FILE only), exit 3 when an endpoint can't be reached
//! and 1 when the input is at fault, output into a pipe the reader closed,
//! errors a person reads, and `check` with nothing to check.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::Arc;

use support::{assert_exit, examples, fixtures, hcjwt, hcjwt_with, text};

/// An HTTPS server on 127.0.0.1 with the fixture certificate, answering
/// every request with `body`; its port.
fn https_server(body: String) -> u16 {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = fixtures().join("tls");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let connection = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(connection, stream);
            let mut request = Vec::new();
            let mut buffer = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match tls.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.write_all(response.as_bytes());
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    port
}

fn signed() -> (String, String) {
    let pem = std::fs::read(fixtures().join("keys/rsa2048.pem")).unwrap();
    let key = hcjwt::SigningKey::from_bytes(&pem, None).unwrap();
    let minter = hcjwt::Minter::new(key, hcjwt::MinterOptions::default()).unwrap();
    let token = minter
        .mint(&hcjwt::User::new().with_id(1).with_email("a@example.com"))
        .unwrap();
    (token, serde_json::to_string(&minter.jwks()).unwrap())
}

#[test]
fn a_proxy_authority_is_trusted_through_ssl_cert_file() {
    let (token, jwks) = signed();
    let port = https_server(jwks);
    let url = format!("https://127.0.0.1:{port}/keys.json");
    let ca = fixtures().join("tls/ca.pem");
    let trusted = hcjwt_with(
        &["verify", "--jwks-url", &url, "--alg", "RS256", &token],
        &[("SSL_CERT_FILE", ca.to_str().unwrap())],
        None,
    );
    assert_exit(&trusted, 0);
    assert!(text(&trusted.stdout).contains("a@example.com"));
    // The same server without the authority: not trusted, and told apart
    // from a bad token.
    let untrusted = hcjwt_with(
        &["verify", "--jwks-url", &url, "--alg", "RS256", &token],
        &[(
            "SSL_CERT_FILE",
            fixtures().join("tls/server.pem").to_str().unwrap(),
        )],
        None,
    );
    assert_exit(&untrusted, 3);
    assert!(
        text(&untrusted.stderr)
            .to_lowercase()
            .contains("certificate"),
        "{}",
        text(&untrusted.stderr)
    );
}

#[test]
fn unreachable_is_3_and_refused_is_1() {
    let silent = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let held: Vec<_> = listener.incoming().take(8).collect();
            std::thread::sleep(std::time::Duration::from_secs(30));
            drop(held);
        });
        format!("http://127.0.0.1:{port}")
    };
    let env = [
        ("ZENDESK_EMAIL", "a@b.example"),
        ("ZENDESK_API_TOKEN", "t0ken"),
    ];
    let fetch = hcjwt_with(
        &["fetch", "claims", "--zendesk", &silent, "--timeout", "0.3"],
        &env,
        None,
    );
    assert_exit(&fetch, 3);
    // A token refused by its keys is the token's fault: 1.
    let (token, jwks) = signed();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jwks.json");
    std::fs::write(&file, jwks).unwrap();
    let tampered = format!("{}x", &token[..token.len() - 1]);
    let refused = hcjwt(&["verify", "--jwks", file.to_str().unwrap(), &tampered]);
    assert_exit(&refused, 1);
    let help = text(&hcjwt(&["--help"]).stdout);
    assert!(
        help.contains("3 a keys endpoint or the Zendesk API could not be reached"),
        "{help}"
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let fields: Vec<serde_json::Value> = (1..=20_000)
        .map(|id| serde_json::json!({"id": id, "key": format!("f{id}"), "title": "T", "type": "text"}))
        .collect();
    let file = dir.path().join("fields.json");
    std::fs::write(
        &file,
        serde_json::json!({ "user_fields": fields }).to_string(),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hcjwt"))
        .args(["show", "--fields", file.to_str().unwrap()])
        .current_dir(examples())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn errors_are_lines_a_person_reads_and_json_once() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("user.json");
    std::fs::write(&user, r#"{"user": {"id": "x", "email": ""}}"#).unwrap();
    let key = "keys/DEV-ONLY-rs256-private.pem";
    let human = hcjwt(&["mint", "--user", user.to_str().unwrap(), "--key", key]);
    assert_exit(&human, 1);
    let stderr = text(&human.stderr);
    assert!(
        stderr.contains("validation failed:\n  email: can't be blank\n  id: "),
        "{stderr}"
    );
    assert!(!stderr.contains("{\"errors\""), "{stderr}");
    let json = hcjwt(&[
        "--json",
        "mint",
        "--user",
        user.to_str().unwrap(),
        "--key",
        key,
    ]);
    let document: serde_json::Value = serde_json::from_slice(&json.stderr).unwrap();
    assert_eq!(document["kind"], "validation");
    assert_eq!(document["errors"]["email"][0], "can't be blank");
    let message = document["message"].as_str().unwrap();
    assert!(
        !message.contains('{') && !message.contains('\n'),
        "{message}"
    );
}

#[test]
fn check_with_nothing_to_check_is_a_usage_error() {
    let output = hcjwt(&["check"]);
    assert_exit(&output, 2);
    assert!(text(&output.stderr).contains("nothing to check"));
}

#[test]
fn fetch_prints_numbers_as_the_api_wrote_them() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let base = format!("http://{}", server.server_addr());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let body = r#"{"user":{"id":12345678901234567890123,"email":"a@example.com","user_fields":{"ratio":1.50}}}"#;
            let _ = request.respond(tiny_http::Response::from_string(body));
        }
    });
    let env = [
        ("ZENDESK_EMAIL", "a@b.example"),
        ("ZENDESK_API_TOKEN", "t0ken"),
    ];
    let fetched = hcjwt_with(&["fetch", "user", "7", "--zendesk", &base], &env, None);
    assert_exit(&fetched, 0);
    let text = text(&fetched.stdout);
    assert!(text.contains("\"id\": 12345678901234567890123"), "{text}");
    assert!(text.contains("\"ratio\": 1.50"), "{text}");
}
