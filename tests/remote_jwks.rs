//! Verifying against a live keys endpoint: a real server on 127.0.0.1 serves
//! the JWKS, and each test counts what the verifier asked for: the cache,
//! the cooldown under a burst of unknown kids from many threads, rotation,
//! stale keys while refreshes fail, timeouts, the size cap, the 404 wording,
//! and reuse across verifier constructions.
#![cfg(feature = "remote")]

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hcjwt::remote::{HttpOptions, RemoteJwksOptions};
use hcjwt::{
    Algorithm, ErrorKind, Minter, MinterOptions, SigningKey, User, Verifier, VerifierOptions,
};
use serde_json::json;
use support::{Reply, Server, silent_server};

fn key(file: &str, kid: &str) -> SigningKey {
    let pem = std::fs::read(format!(
        "{}/tests/fixtures/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    SigningKey::from_bytes(&pem, Some(Algorithm::RS256))
        .unwrap()
        .with_kid(kid)
}

fn first() -> SigningKey {
    key("keys/rsa2048.pem", "k1")
}

fn second() -> SigningKey {
    key("rfc/rfc7520_3.4_rsa_private.pem", "k2")
}

/// A JWKS as the help center publishes it: RSA members and a kid, no alg, no use.
fn jwks(keys: &[&SigningKey]) -> String {
    let keys: Vec<serde_json::Value> = keys
        .iter()
        .map(|key| {
            let jwk = serde_json::to_value(key.public_jwk().unwrap()).unwrap();
            json!({"kty": "RSA", "kid": jwk["kid"], "n": jwk["n"], "e": jwk["e"]})
        })
        .collect();
    json!({ "keys": keys }).to_string()
}

fn token(key: SigningKey) -> String {
    let minter = Minter::new(key, MinterOptions::default()).unwrap();
    minter
        .mint(&User::new().with_id(1).with_email("a@example.com"))
        .unwrap()
}

fn serving(body: String) -> Server {
    let body = Arc::new(Mutex::new(body));
    Server::start(move |_| Reply::json(200, body.lock().unwrap().clone()))
}

fn verifier(server: &Server, options: RemoteJwksOptions) -> Verifier {
    Verifier::from_jwks_url(
        &server.url("/keys.json"),
        &[Algorithm::RS256],
        VerifierOptions::default(),
        options,
    )
    .unwrap()
}

fn quick() -> RemoteJwksOptions {
    RemoteJwksOptions {
        http: HttpOptions {
            timeout: Duration::from_secs(2),
            ..HttpOptions::default()
        },
        ..RemoteJwksOptions::default()
    }
}

#[test]
fn keys_are_fetched_once_cached_and_shared_across_verifiers() {
    let server = serving(jwks(&[&first()]));
    let token = token(first());
    let verifier = verifier(&server, quick());
    assert_eq!(
        server.hits(),
        0,
        "nothing is fetched until a token needs keys"
    );
    for _ in 0..5 {
        verifier.verify(&token).unwrap();
    }
    assert_eq!(server.hits(), 1);
    // The per-request construction pattern: a new verifier, the same cache.
    for _ in 0..5 {
        self::verifier(&server, quick()).verify(&token).unwrap();
    }
    assert_eq!(server.hits(), 1);
    let status = verifier.key_source().unwrap().status();
    assert_eq!(status.key_ids, ["k1"]);
    assert_eq!(status.fetches, 1);
    assert!(status.fresh && status.last_error.is_none() && status.last_success.is_some());
}

#[test]
fn a_burst_of_unknown_kids_from_many_threads_refreshes_once_per_cooldown() {
    let server = serving(jwks(&[&first()]));
    let verifier = Arc::new(verifier(&server, quick()));
    verifier.verify(&token(first())).unwrap();
    assert_eq!(server.hits(), 1);
    let forged: Vec<String> = (0..8)
        .map(|thread| token(key("keys/rsa2048_pkcs1.pem", &format!("forged-{thread}"))))
        .collect();
    let workers: Vec<_> = forged
        .into_iter()
        .map(|token| {
            let verifier = verifier.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    let error = verifier.verify(&token).unwrap_err();
                    assert_eq!(error.kind(), ErrorKind::UnknownKid, "{error}");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(
        server.hits(),
        2,
        "200 tokens with unknown kids on 8 threads: one refresh in the cooldown"
    );
    let started = Instant::now();
    let error = verifier
        .verify(&token(key("keys/rsa2048.pem", "another-forgery")))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownKid);
    assert!(started.elapsed() < Duration::from_millis(500), "no network");
    assert_eq!(server.hits(), 2);
}

#[test]
fn a_rotated_key_is_used_as_soon_as_a_token_names_it_and_a_removed_one_stops() {
    let body = Arc::new(Mutex::new(jwks(&[&first()])));
    let shared = body.clone();
    let server = Server::start(move |_| Reply::json(200, shared.lock().unwrap().clone()));
    let options = RemoteJwksOptions {
        cache_ttl: Duration::from_millis(300),
        cooldown: Duration::from_millis(100),
        ..quick()
    };
    let verifier = verifier(&server, options);
    verifier.verify(&token(first())).unwrap();
    // The endpoint starts publishing k2: the first token naming it refreshes.
    *body.lock().unwrap() = jwks(&[&first(), &second()]);
    verifier.verify(&token(second())).unwrap();
    assert_eq!(server.hits(), 2);
    // k1 is withdrawn: after the next refresh it no longer verifies.
    *body.lock().unwrap() = jwks(&[&second()]);
    std::thread::sleep(Duration::from_millis(700));
    let error = verifier.verify(&token(first())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownKid, "{error}");
    verifier.verify(&token(second())).unwrap();
}

#[test]
fn stale_keys_serve_while_refreshes_fail_up_to_max_stale() {
    let server = serving(jwks(&[&first()]));
    let options = RemoteJwksOptions {
        cache_ttl: Duration::from_millis(200),
        cooldown: Duration::from_millis(50),
        max_stale: Duration::from_millis(900),
        ..quick()
    };
    let verifier = verifier(&server, options);
    let token = token(first());
    verifier.verify(&token).unwrap();
    server.answer(|_| Reply::json(500, "{\"error\": \"down\"}"));
    std::thread::sleep(Duration::from_millis(350));
    verifier
        .verify(&token)
        .expect("the last good keys still serve");
    let status = verifier.key_source().unwrap().status();
    assert!(
        status.last_error.as_deref().unwrap().contains("HTTP 500"),
        "{status:?}"
    );
    assert!(!status.fresh);
    std::thread::sleep(Duration::from_millis(1000));
    let error = verifier.verify(&token).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource, "{error}");
    assert!(error.to_string().contains("HTTP 500"), "{error}");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let base = silent_server();
    let options = RemoteJwksOptions {
        http: HttpOptions {
            timeout: Duration::from_millis(400),
            ..HttpOptions::default()
        },
        ..RemoteJwksOptions::default()
    };
    let verifier = Verifier::from_jwks_url(
        &format!("{base}/keys.json"),
        &[Algorithm::RS256],
        VerifierOptions::default(),
        options,
    )
    .unwrap();
    let started = Instant::now();
    let error = verifier.verify(&token(first())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource);
    assert!(error.to_string().contains("timeout"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn responses_over_the_size_cap_are_refused() {
    let padding = "x".repeat(8 * 1024);
    let server = serving(format!(r#"{{"keys": [], "padding": "{padding}"}}"#));
    let options = RemoteJwksOptions {
        http: HttpOptions {
            max_response_bytes: 1024,
            ..HttpOptions::default()
        },
        ..quick()
    };
    let error = verifier(&server, options)
        .verify(&token(first()))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource);
    assert!(
        error.to_string().contains("larger than 1024 bytes"),
        "{error}"
    );
}

#[test]
fn a_help_center_404_says_the_plan_lacks_help_center_jwts() {
    let server = Server::start(|_| Reply::json(404, r#"{"error": "InvalidEndpoint"}"#));
    let verifier =
        Verifier::for_help_center(&server.base, VerifierOptions::default(), quick()).unwrap();
    let error = verifier.verify(&token(first())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource);
    assert!(error.to_string().contains("Guide Enterprise"), "{error}");
    assert_eq!(
        server.seen()[0].url,
        "/api/v2/help_center/integration/keys.json"
    );
}

#[test]
fn help_center_keys_without_alg_verify_rs256_only() {
    let server = serving(jwks(&[&first()]));
    let verifier =
        Verifier::for_help_center(&server.base, VerifierOptions::default(), quick()).unwrap();
    verifier.verify(&token(first())).unwrap();
    let ps256 = SigningKey::from_bytes(
        &std::fs::read(format!(
            "{}/tests/fixtures/keys/rsa2048.pem",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        Some(Algorithm::PS256),
    )
    .unwrap()
    .with_kid("k1");
    assert_eq!(
        verifier.verify(&token(ps256)).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
}

#[test]
fn a_cache_control_max_age_wins_over_the_default_ttl() {
    let body = jwks(&[&first()]);
    let server = Server::start(move |_| {
        Reply::json(200, body.clone()).header("Cache-Control", "max-age=3600")
    });
    let options = RemoteJwksOptions {
        cache_ttl: Duration::from_millis(100),
        ..quick()
    };
    let verifier = verifier(&server, options);
    let token = token(first());
    verifier.verify(&token).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    verifier.verify(&token).unwrap();
    assert_eq!(server.hits(), 1, "the server said an hour");
}

#[test]
fn bad_key_sets_are_refused_and_named() {
    let private = std::fs::read_to_string(format!(
        "{}/tests/fixtures/rfc/rfc7515_a2_rsa_private.jwk.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for (body, expected) in [
        (format!(r#"{{"keys": [{private}]}}"#), "private member"),
        (
            r#"{"keys": [{"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]}"#
                .to_owned(),
            "private member k",
        ),
        (
            r#"{"keys": [{"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"}]}"#.to_owned(),
            "no usable key",
        ),
        ("not json".to_owned(), "not valid JSON"),
    ] {
        let server = serving(body);
        let error = verifier(&server, quick())
            .verify(&token(first()))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::KeySource);
        assert!(error.to_string().contains(expected), "{expected}: {error}");
    }
}

#[test]
fn only_https_urls_are_fetched_except_on_loopback() {
    for url in [
        "http://example.com/keys.json",
        "ftp://example.com/keys.json",
        "https://user:secret@example.com/keys.json",
        "not a url",
    ] {
        let error = Verifier::from_jwks_url(
            url,
            &[Algorithm::RS256],
            VerifierOptions::default(),
            RemoteJwksOptions::default(),
        )
        .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidOption, "{url}");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
    assert!(
        Verifier::for_help_center(
            "acme",
            VerifierOptions::default(),
            RemoteJwksOptions::default()
        )
        .is_ok()
    );
}
