//! The Zendesk API client against a fake account on 127.0.0.1 that speaks
//! the documented shapes: fields over several cursor pages with options
//! fetched where the list omits them, the brand's claims, users by id and
//! external id; 429 with Retry-After, 5xx then success, 401, 404 on the
//! claims endpoint, a repeated cursor, a link to another host, a server that
//! never answers; the Authorization header's format; no credential in any
//! error; and an Account that refreshes without losing its last good state.
#![cfg(feature = "remote")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use hcjwt::remote::{Account, Client, ClientOptions, Credentials, HttpOptions};
use hcjwt::{Algorithm, ErrorKind, Minter, MinterOptions, SigningKey};
use support::{FAKE_API_TOKEN, FAKE_EMAIL, FakeZendesk, Reply, Server};

const SECRET: &[u8] = b"a-shared-secret-of-at-least-32-bytes!!";

fn credentials() -> Credentials {
    Credentials::api_token(FAKE_EMAIL, FAKE_API_TOKEN).unwrap()
}

/// Quick retries for tests: 50 ms backoff, 2 s timeout.
fn quick() -> ClientOptions {
    ClientOptions {
        http: HttpOptions {
            timeout: Duration::from_secs(2),
            ..ClientOptions::default().http
        },
        backoff: Duration::from_millis(50),
        ..ClientOptions::default()
    }
}

fn client(base: &str) -> Client {
    Client::new(base, credentials(), quick()).unwrap()
}

/// No error text may hold the token, the Basic header or its base64.
fn assert_no_credential(text: &str) {
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{FAKE_EMAIL}/token:{FAKE_API_TOKEN}"));
    assert!(!text.contains(FAKE_API_TOKEN), "{text}");
    assert!(!text.contains(&basic), "{text}");
    assert!(!text.contains("Basic "), "{text}");
}

#[test]
fn fields_are_read_over_cursor_pages_with_options_fetched_where_omitted() {
    let account = FakeZendesk::start(3);
    let catalog = client(account.base()).user_fields().unwrap();
    assert_eq!(catalog.len(), 7, "three pages of 3, 3 and 1 fields");
    let plan = catalog.get("plan").unwrap();
    let options: Vec<&str> = plan
        .custom_field_options
        .as_deref()
        .unwrap()
        .iter()
        .map(|option| option.value.as_str())
        .collect();
    assert!(
        !options.is_empty(),
        "the dropdown's options came from its endpoint"
    );
    let seen = account.server.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(paths[0], "/api/v2/user_fields?page%5Bsize%5D=100");
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.starts_with("/api/v2/user_fields?"))
            .count(),
        3
    );
    assert!(paths.iter().any(|p| p.ends_with("/options")), "{paths:?}");
    // Basic base64("{email}/token:{token}") on every request.
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{FAKE_EMAIL}/token:{FAKE_API_TOKEN}"))
    );
    for request in &seen {
        assert_eq!(request.header("Authorization"), Some(expected.as_str()));
        assert_eq!(request.method, "GET");
    }
}

#[test]
fn an_oauth_token_goes_as_a_bearer_header() {
    let account = FakeZendesk::start(100);
    let client = Client::new(
        account.base(),
        Credentials::oauth("oauth-access-token-123").unwrap(),
        quick(),
    )
    .unwrap();
    let claims = client.custom_claims().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims.brand_id(), Some(10001));
    assert_eq!(
        account.server.seen()[0].header("Authorization"),
        Some("Bearer oauth-access-token-123")
    );
}

#[test]
fn users_are_read_by_id_and_external_id_as_fetched() {
    let account = FakeZendesk::start(100);
    let client = client(account.base());
    let user = client.user(383749572938).unwrap();
    let minter = Minter::new(
        SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap(),
        MinterOptions {
            fields: Some(client.user_fields().unwrap()),
            ..MinterOptions::default()
        },
    )
    .unwrap();
    minter.mint(&user).unwrap();
    let found = client.user_by_external_id("roger-1").unwrap().unwrap();
    assert_eq!(
        found.get(hcjwt::Member::Email).and_then(|e| e.as_str()),
        Some("roger@example.org")
    );
    assert!(client.user_by_external_id("nobody").unwrap().is_none());
    let missing = client.user(1).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::ZendeskApi);
    assert!(matches!(
        missing,
        hcjwt::Error::ZendeskApi {
            status: Some(404),
            ..
        }
    ));
    assert!(
        missing.to_string().contains("no user with this id"),
        "{missing}"
    );
    let searched = account
        .server
        .seen()
        .into_iter()
        .find(|s| s.url.starts_with("/api/v2/users/search"))
        .unwrap();
    assert_eq!(searched.url, "/api/v2/users/search?external_id=roger-1");
}

#[test]
fn a_429_waits_for_retry_after_then_succeeds() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = Server::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(429, r#"{"error": "TooManyRequests"}"#).header("Retry-After", "1")
        } else {
            Reply::json(200, r#"{"custom_claims": []}"#)
        }
    });
    let started = Instant::now();
    let claims = client(&server.base).custom_claims().unwrap();
    assert!(claims.is_empty());
    assert_eq!(server.hits(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
}

#[test]
fn a_retry_after_beyond_max_wait_fails_at_once_with_429() {
    let server = Server::start(|_| {
        Reply::json(429, r#"{"error": "TooManyRequests"}"#).header("Retry-After", "3600")
    });
    let error = client(&server.base).custom_claims().unwrap_err();
    assert!(matches!(
        error,
        hcjwt::Error::ZendeskApi {
            status: Some(429),
            ..
        }
    ));
    assert!(error.to_string().contains("Retry-After 3600 s"), "{error}");
    assert_eq!(server.hits(), 1);
}

#[test]
fn a_500_then_success_is_retried_and_persistent_5xx_gives_up_bounded() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = Server::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(500, r#"{"error": "InternalError"}"#)
        } else {
            Reply::json(200, r#"{"custom_claims": []}"#)
        }
    });
    client(&server.base).custom_claims().unwrap();
    assert_eq!(server.hits(), 2);

    let failing = Server::start(|_| Reply::json(503, "{}"));
    let error = client(&failing.base).custom_claims().unwrap_err();
    assert!(matches!(
        error,
        hcjwt::Error::ZendeskApi {
            status: Some(503),
            ..
        }
    ));
    assert!(
        error.to_string().contains("gave up after 4 tries"),
        "{error}"
    );
    assert_eq!(failing.hits(), 4, "one try and max_retries (3) retries");
}

#[test]
fn a_401_says_which_credentials_to_fix_and_never_shows_them() {
    let server = Server::start(|_| Reply::json(401, r#"{"error": "Couldn't authenticate you"}"#));
    let error = client(&server.base).user_fields().unwrap_err();
    assert!(matches!(
        error,
        hcjwt::Error::ZendeskApi {
            status: Some(401),
            ..
        }
    ));
    let text = error.to_string();
    assert!(
        text.contains("ZENDESK_API_TOKEN") && text.contains("Couldn't authenticate you"),
        "{text}"
    );
    assert_no_credential(&text);
    assert_no_credential(&error.to_json_value().to_string());
    assert_no_credential(&format!("{:?}", credentials()));
    assert_no_credential(&format!("{:?}", client(&server.base)));
    assert_eq!(server.hits(), 1, "a 401 is not retried");
}

#[test]
fn a_404_on_the_claims_endpoint_names_the_plan() {
    let server = Server::start(|_| Reply::json(404, r#"{"error": "InvalidEndpoint"}"#));
    let error = client(&server.base).custom_claims().unwrap_err();
    assert!(error.to_string().contains("Guide Enterprise"), "{error}");
    assert!(
        error
            .to_string()
            .contains("GET /api/v2/help_center/integration/account_custom_claims")
    );
}

#[test]
fn a_repeated_cursor_or_a_foreign_link_stops_pagination() {
    let server = Server::start(|seen| {
        let host = seen.header("Host").unwrap().to_owned();
        Reply::json(
            200,
            serde_json::json!({
                "user_fields": [],
                "meta": {"has_more": true, "after_cursor": "same"},
                "links": {"next": format!("http://{host}/api/v2/user_fields?page%5Bsize%5D=100&page%5Bafter%5D=same")}
            })
            .to_string(),
        )
    });
    let error = client(&server.base).user_fields().unwrap_err();
    assert!(error.to_string().contains("sent before"), "{error}");
    assert_eq!(server.hits(), 2);

    let foreign = Server::start(|_| {
        Reply::json(
            200,
            r#"{"user_fields": [], "meta": {"has_more": true}, "links": {"next": "https://evil.example/api/v2/user_fields"}}"#,
        )
    });
    let error = client(&foreign.base).user_fields().unwrap_err();
    assert!(error.to_string().contains("another host"), "{error}");
    assert_eq!(foreign.hits(), 1);
}

#[test]
fn an_empty_account_and_wrong_shapes() {
    let empty = Server::start(|_| {
        Reply::json(
            200,
            r#"{"user_fields": [], "meta": {"has_more": false}, "links": {"next": null}}"#,
        )
    });
    assert!(client(&empty.base).user_fields().unwrap().is_empty());
    let html = Server::start(|_| Reply::json(200, "<html>maintenance</html>"));
    let error = client(&html.base).user_fields().unwrap_err();
    assert!(error.to_string().contains("not JSON"), "{error}");
}

#[test]
fn a_server_that_never_answers_times_out_with_bounded_retries() {
    let silent = support::silent_server();
    let options = ClientOptions {
        http: HttpOptions::with_timeout_secs(0.3).unwrap(),
        max_retries: 1,
        backoff: Duration::from_millis(10),
        ..ClientOptions::default()
    };
    let started = Instant::now();
    let error = Client::new(&silent, credentials(), options)
        .unwrap()
        .custom_claims()
        .unwrap_err();
    assert!(error.to_string().contains("timeout"), "{error}");
    assert!(matches!(
        error,
        hcjwt::Error::ZendeskApi { status: None, .. }
    ));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn credentials_from_arguments_are_checked_without_echo() {
    for (email, token, named) in [
        ("", "secret-token-1", "email"),
        ("a@b", "", "api_token"),
        ("a@b", "secret\r\nX-Evil: 1", "api_token"),
        ("a@b", "secret-tökén-1", "api_token"),
        ("admin@exämple.com", "secret-token-1", "email"),
    ] {
        let error = Credentials::api_token(email, token).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidOption);
        let text = error.to_string();
        assert!(text.contains(named) && !text.contains("secret"), "{text}");
    }
    assert!(Credentials::oauth(" padded ").is_err());
    assert!(Credentials::oauth("secret-ünicode").is_err());
    assert!(Client::new("http://acme.zendesk.com", credentials(), quick()).is_err());
}

#[test]
fn an_account_refreshes_claims_and_keeps_the_last_good_ones_on_failure() {
    let claims = Arc::new(std::sync::Mutex::new(
        r#"{"custom_claims": [{"id": "01HEQFZ40TR7GMPHJZBWAZKE77", "account_id": 998, "brand_id": 10001, "claim_identifier": "plan", "claim_value": "gold", "claim_description": "", "created_at": "2012-04-04T09:14:57Z", "updated_at": "2012-04-04T09:14:57Z"}]}"#.to_owned(),
    ));
    let failing = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (served, broken) = (claims.clone(), failing.clone());
    let server = Server::start(move |seen| {
        if broken.load(Ordering::SeqCst) {
            return Reply::json(500, "{}");
        }
        if seen.url.starts_with("/api/v2/user_fields") {
            Reply::json(
                200,
                r#"{"user_fields": [], "meta": {"has_more": false}, "links": {"next": null}}"#,
            )
        } else {
            Reply::json(200, served.lock().unwrap().clone())
        }
    });
    let key = SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap();
    let minter = Minter::new(key, MinterOptions::default()).unwrap();
    let account = Account::new(client(&server.base), minter, Duration::from_secs(3600)).unwrap();
    let user = hcjwt::User::new().with_id(1).with_email("a@example.com");
    let payload = |token: String| -> serde_json::Value {
        let part = token.split('.').nth(1).unwrap().to_owned();
        serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .unwrap(),
        )
        .unwrap()
    };
    assert_eq!(payload(account.mint(&user).unwrap())["plan"], "gold");
    let platinum = claims.lock().unwrap().replace("gold", "platinum");
    *claims.lock().unwrap() = platinum;
    account.refresh().unwrap();
    assert_eq!(payload(account.mint(&user).unwrap())["plan"], "platinum");
    assert_eq!(account.status().claims, 1);
    failing.store(true, Ordering::SeqCst);
    assert!(account.refresh().is_err());
    assert_eq!(
        payload(account.mint(&user).unwrap())["plan"],
        "platinum",
        "the last good claims serve"
    );
    let status = account.status();
    assert!(status.last_error.unwrap().contains("HTTP 500"));
}

#[test]
fn an_account_whose_first_fetch_fails_is_not_made() {
    let server = Server::start(|_| Reply::json(401, "{}"));
    let key = SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap();
    let minter = Minter::new(key, MinterOptions::default()).unwrap();
    let error = Account::new(client(&server.base), minter, Duration::from_secs(60)).unwrap_err();
    assert!(matches!(
        error,
        hcjwt::Error::ZendeskApi {
            status: Some(401),
            ..
        }
    ));
}

#[test]
fn a_retry_after_of_any_size_ends_with_a_typed_error_at_once() {
    for retry_after in [
        "18446744073709551615",
        "99999999999999999999999",
        "Fri, 31 Dec 9999 23:59:59 GMT",
    ] {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let header = retry_after.to_owned();
        let server = Server::start(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            Reply::json(429, r#"{"error": "TooManyRequests"}"#).header("Retry-After", &header)
        });
        let error = client(&server.base).custom_claims().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ZendeskApi, "{retry_after}");
        assert!(error.to_string().contains("429"), "{error}");
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "{retry_after}: no second try"
        );
    }
}

#[test]
fn redirects_stay_on_the_account_or_are_refused() {
    let elsewhere = Server::start(|_| Reply::json(200, r#"{"custom_claims": []}"#));
    let target = elsewhere.url("/api/v2/help_center/integration/account_custom_claims");
    let server = Server::start(move |seen| {
        if seen.url.starts_with("/moved") {
            Reply::json(200, r#"{"custom_claims": []}"#)
        } else if seen.url.contains("account_custom_claims") {
            Reply::json(302, "{}").header("Location", &target)
        } else {
            Reply::json(301, "{}").header("Location", "/moved/user_fields")
        }
    });
    // Another origin (here another port): refused, the target never asked,
    // the credentials never sent.
    let error = client(&server.base).custom_claims().unwrap_err();
    assert!(error.to_string().contains("another origin"), "{error}");
    assert_no_credential(&error.to_string());
    assert_eq!(elsewhere.hits(), 0);
    // The same origin: followed, with the credentials.
    let document = client(&server.base).user_fields_json();
    let seen = server.seen();
    let moved = seen
        .iter()
        .find(|s| s.url.starts_with("/moved"))
        .expect("followed");
    assert!(moved.header("Authorization").unwrap().starts_with("Basic "));
    // The page holds no user_fields list: the point is that it was asked.
    assert!(document.is_err());
}

#[test]
fn an_error_body_that_echoes_a_credential_or_a_token_is_redacted() {
    let echo = format!(
        r#"{{"error": "Unauthorized", "description": "bad token {FAKE_API_TOKEN} for {FAKE_EMAIL}/token:{FAKE_API_TOKEN} in eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}}"#
    );
    let server = Server::start(move |_| Reply::json(401, echo.clone()));
    let error = client(&server.base).custom_claims().unwrap_err();
    let text = error.to_string();
    assert_no_credential(&text);
    assert!(!text.contains("eyJzdWIiOiIxIn0"), "{text}");
    assert!(text.contains("[redacted]"), "{text}");
}

#[test]
fn hosts_with_control_characters_quotes_or_commas_are_refused() {
    for host in [
        "acme\r\nevil",
        "acme\tevil",
        "acme\"x",
        "acme,evil.example",
        "support.acme.com\n",
    ] {
        let error = Client::new(host, credentials(), quick()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidOption, "{host:?}");
    }
}

#[test]
fn errors_chain_their_causes() {
    // Nothing listens on the discard port: the connection is refused.
    let options = ClientOptions {
        max_retries: 0,
        ..quick()
    };
    let client = Client::new("http://127.0.0.1:9", credentials(), options).unwrap();
    let error = client.custom_claims().unwrap_err();
    assert!(error.is_unreachable());
    let cause = std::error::Error::source(&error).expect("the transport's error");
    assert!(!cause.to_string().is_empty());
    assert_no_credential(&format!("{error:?}"));
    let json = hcjwt::ClaimSet::from_json(b"{\"custom_claims\": [").unwrap_err();
    let cause = std::error::Error::source(&json).expect("serde_json's error");
    assert!(cause.to_string().contains("EOF"), "{cause}");
}
