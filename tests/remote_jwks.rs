//! Verifying against a live keys endpoint: a real server on 127.0.0.1 serves
//! the JWKS, and each test counts what the verifier asked for: the cache,
//! the cooldown under a burst of unknown kids from many threads, rotation
//! (to another key or another algorithm), stale keys while refreshes fail,
//! a first fetch that fails and recovers, a burst behind a failing fetch
//! (single flight), redirects, timeouts, the size cap, the 404 wording, the
//! option ranges, and reuse across verifier constructions. Time moves by a
//! clock the test holds, never by sleeping.
#![cfg(feature = "remote")]

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hcjwt::remote::{Clock, HttpOptions, RemoteJwks, RemoteJwksOptions};
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

/// A clock the test moves.
struct TestClock {
    start: Instant,
    offset: Mutex<Duration>,
}

impl TestClock {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            start: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        })
    }

    fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> Instant {
        self.start + *self.offset.lock().unwrap()
    }
}

/// A verifier of its own source, on `clock`.
fn clocked(server: &Server, options: RemoteJwksOptions, clock: &Arc<TestClock>) -> Verifier {
    let source = RemoteJwks::with_clock(&server.url("/keys.json"), options, clock.clone()).unwrap();
    Verifier::from_key_source(
        Arc::new(source),
        &[Algorithm::RS256],
        VerifierOptions::default(),
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
    let error = verifier
        .verify(&token(key("keys/rsa2048.pem", "another-forgery")))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownKid);
    assert_eq!(server.hits(), 2, "within the cooldown: no fetch");
}

#[test]
fn a_rotated_key_is_used_as_soon_as_a_token_names_it_and_a_removed_one_stops() {
    let body = Arc::new(Mutex::new(jwks(&[&first()])));
    let shared = body.clone();
    let server = Server::start(move |_| Reply::json(200, shared.lock().unwrap().clone()));
    let clock = TestClock::new();
    let verifier = clocked(&server, quick(), &clock);
    verifier.verify(&token(first())).unwrap();
    // The endpoint starts publishing k2: the first token naming it refreshes.
    *body.lock().unwrap() = jwks(&[&first(), &second()]);
    verifier.verify(&token(second())).unwrap();
    assert_eq!(server.hits(), 2);
    // k1 is withdrawn: after the cache expires it no longer verifies.
    *body.lock().unwrap() = jwks(&[&second()]);
    clock.advance(Duration::from_secs(601));
    let error = verifier.verify(&token(first())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownKid, "{error}");
    verifier.verify(&token(second())).unwrap();
    assert_eq!(server.hits(), 3);
}

#[test]
fn a_kid_rotated_to_another_algorithm_refreshes_at_once() {
    let ec = SigningKey::from_bytes(
        &std::fs::read(format!(
            "{}/tests/fixtures/keys/p256.pem",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        None,
    )
    .unwrap()
    .with_kid("k1");
    let body = Arc::new(Mutex::new(
        json!({"keys": [ec.public_jwk().unwrap()]}).to_string(),
    ));
    let shared = body.clone();
    let server = Server::start(move |_| Reply::json(200, shared.lock().unwrap().clone()));
    let clock = TestClock::new();
    let source = RemoteJwks::with_clock(&server.url("/keys.json"), quick(), clock.clone()).unwrap();
    let verifier = Verifier::from_key_source(
        Arc::new(source),
        &[Algorithm::ES256, Algorithm::RS256],
        VerifierOptions::default(),
    )
    .unwrap();
    let minted = |key: SigningKey| {
        Minter::new(key, MinterOptions::default())
            .unwrap()
            .mint(&User::new().with_id(1).with_email("a@example.com"))
            .unwrap()
    };
    verifier.verify(&minted(ec)).unwrap();
    // k1 is now an RSA key: a fresh cache of the EC key must not refuse it
    // for the day the cache lasts.
    *body.lock().unwrap() = jwks(&[&first()]);
    verifier
        .verify(&minted(first()))
        .expect("the new algorithm refreshes");
    assert_eq!(server.hits(), 2);
}

#[test]
fn stale_keys_serve_while_refreshes_fail_up_to_max_stale() {
    let server = serving(jwks(&[&first()]));
    let clock = TestClock::new();
    let options = RemoteJwksOptions {
        cache_ttl: Duration::from_secs(60),
        cooldown: Duration::from_secs(10),
        max_stale: Duration::from_secs(300),
        ..quick()
    };
    let verifier = clocked(&server, options, &clock);
    let token = token(first());
    verifier.verify(&token).unwrap();
    server.answer(|_| Reply::json(500, "{\"error\": \"down\"}"));
    clock.advance(Duration::from_secs(61));
    verifier
        .verify(&token)
        .expect("the last good keys still serve");
    let status = verifier.key_source().unwrap().status();
    assert!(
        status.last_error.as_deref().unwrap().contains("HTTP 500"),
        "{status:?}"
    );
    assert!(!status.fresh && status.next_attempt.is_some());
    assert_eq!(server.hits(), 2);
    // Within the cooldown the stale keys serve without a fetch.
    verifier.verify(&token).unwrap();
    assert_eq!(server.hits(), 2);
    clock.advance(Duration::from_secs(300));
    let error = verifier.verify(&token).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource, "{error}");
    assert!(error.to_string().contains("HTTP 500"), "{error}");
}

#[test]
fn a_first_fetch_that_fails_is_retried_within_seconds_not_after_the_cooldown() {
    let server = Server::start(|_| Reply::json(503, "{}"));
    let clock = TestClock::new();
    let verifier = clocked(&server, quick(), &clock);
    let token = token(first());
    let error = verifier.verify(&token).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource);
    assert!(error.to_string().contains("HTTP 503"), "{error}");
    // Within the backoff: the failure at once, no fetch.
    assert_eq!(
        verifier.verify(&token).unwrap_err().kind(),
        ErrorKind::KeySource
    );
    assert_eq!(server.hits(), 1);
    let wait = until_next_attempt(&verifier);
    assert!(
        wait <= Duration::from_millis(1250),
        "about 1 s, jittered: {wait:?}"
    );
    // The endpoint recovers; a second later the keys are fetched.
    server.answer({
        let body = jwks(&[&first()]);
        move |_| Reply::json(200, body.clone())
    });
    clock.advance(Duration::from_millis(1300));
    verifier.verify(&token).expect("recovered within seconds");
    assert_eq!(server.hits(), 2);
    let status = verifier.key_source().unwrap().status();
    assert!(status.next_attempt.is_none() && status.last_error.is_none());
}

/// How long until the key source's next attempt, as its status says.
fn until_next_attempt(verifier: &Verifier) -> Duration {
    let next = verifier.key_source().unwrap().status().next_attempt;
    next.expect("an attempt is due")
        .duration_since(std::time::SystemTime::now())
        .unwrap_or_default()
}

#[test]
fn the_backoff_without_keys_doubles_up_to_the_cooldown() {
    let server = Server::start(|_| Reply::json(500, "{}"));
    let clock = TestClock::new();
    let verifier = clocked(&server, quick(), &clock);
    let token = token(first());
    let mut waits = Vec::new();
    for _ in 0..8 {
        let before = server.hits();
        verifier.verify(&token).unwrap_err();
        assert_eq!(server.hits(), before + 1);
        let wait = until_next_attempt(&verifier);
        waits.push(wait.as_secs_f64());
        clock.advance(wait + Duration::from_millis(100));
    }
    // 1, 2, 4, 8, 16 s (each within a quarter), then the cooldown of 30 s.
    for (wait, expected) in waits
        .iter()
        .zip([1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0])
    {
        assert!(
            *wait >= expected * 0.74 && *wait <= expected * 1.26,
            "{waits:?}"
        );
    }
}

#[test]
fn a_burst_behind_a_failing_fetch_shares_its_one_result() {
    let server = Server::start(|_| {
        // A host in trouble: slow, then an error.
        std::thread::sleep(Duration::from_millis(300));
        Reply::json(502, "{}")
    });
    let clock = TestClock::new();
    let verifier = Arc::new(clocked(&server, quick(), &clock));
    let token = Arc::new(token(first()));
    let workers: Vec<_> = (0..50)
        .map(|_| {
            let (verifier, token) = (verifier.clone(), token.clone());
            std::thread::spawn(move || verifier.verify(&token).unwrap_err())
        })
        .collect();
    for worker in workers {
        let error = worker.join().unwrap();
        assert_eq!(error.kind(), ErrorKind::KeySource);
        assert!(error.to_string().contains("HTTP 502"), "{error}");
    }
    assert_eq!(server.hits(), 1, "fifty callers, one fetch");
}

#[test]
fn a_key_set_follows_no_redirect() {
    let elsewhere = serving(jwks(&[&first()]));
    let target = elsewhere.url("/keys.json");
    let server = Server::start(move |_| Reply::json(302, "{}").header("Location", &target));
    let error = verifier(&server, quick())
        .verify(&token(first()))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeySource);
    assert!(error.to_string().contains("follows no redirect"), "{error}");
    assert_eq!(elsewhere.hits(), 0, "the redirect target is never asked");
    let same_host = Server::start(|_| Reply::json(301, "{}").header("Location", "/other.json"));
    let error = verifier(&same_host, quick())
        .verify(&token(first()))
        .unwrap_err();
    assert!(error.to_string().contains("follows no redirect"), "{error}");
    assert_eq!(same_host.hits(), 1);
}

#[test]
fn options_out_of_range_are_refused_before_any_fetch() {
    let huge = Duration::from_secs(u64::MAX);
    for (name, options) in [
        (
            "cooldown",
            RemoteJwksOptions {
                cooldown: Duration::ZERO,
                ..quick()
            },
        ),
        (
            "cache_ttl",
            RemoteJwksOptions {
                cache_ttl: Duration::ZERO,
                ..quick()
            },
        ),
        (
            "cache_ttl",
            RemoteJwksOptions {
                cache_ttl: huge,
                ..quick()
            },
        ),
        (
            "cooldown",
            RemoteJwksOptions {
                cooldown: huge,
                ..quick()
            },
        ),
        (
            "max_stale",
            RemoteJwksOptions {
                max_stale: huge,
                ..quick()
            },
        ),
        (
            "timeout",
            RemoteJwksOptions {
                http: HttpOptions {
                    timeout: huge,
                    ..HttpOptions::default()
                },
                ..quick()
            },
        ),
        (
            "max_response_bytes",
            RemoteJwksOptions {
                http: HttpOptions {
                    max_response_bytes: 0,
                    ..HttpOptions::default()
                },
                ..quick()
            },
        ),
    ] {
        let error = Verifier::from_jwks_url(
            "http://127.0.0.1:9/keys.json",
            &[Algorithm::RS256],
            VerifierOptions::default(),
            options,
        )
        .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidOption, "{name}");
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
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
    let clock = TestClock::new();
    let verifier = clocked(&server, quick(), &clock);
    let token = token(first());
    verifier.verify(&token).unwrap();
    clock.advance(Duration::from_secs(3000));
    verifier.verify(&token).unwrap();
    assert_eq!(server.hits(), 1, "the server said an hour, not 600 s");
    clock.advance(Duration::from_secs(601));
    verifier.verify(&token).unwrap();
    assert_eq!(server.hits(), 2);
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
