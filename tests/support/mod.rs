//! Real HTTP servers on 127.0.0.1 inside the test process (tiny_http on a
//! thread), answering by a handler the test controls and counting what was
//! asked; and a server that accepts connections and never answers.

#![allow(dead_code)]

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The request body, as text.
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            body: body.into().into_bytes(),
            headers: vec![("Content-Type".into(), "application/json".into())],
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Box<dyn FnMut(&Seen) -> Reply + Send>;

pub struct Server {
    pub base: String,
    hits: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
    handler: Arc<Mutex<Handler>>,
    server: Arc<tiny_http::Server>,
}

impl Server {
    /// A server answering every request with `handler`.
    pub fn start(handler: impl FnMut(&Seen) -> Reply + Send + 'static) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a loopback port"));
        let base = format!("http://{}", server.server_addr());
        let hits = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Mutex<Handler>> = Arc::new(Mutex::new(Box::new(handler)));
        let (thread_server, thread_hits, thread_seen, thread_handler) =
            (server.clone(), hits.clone(), seen.clone(), handler.clone());
        std::thread::spawn(move || {
            for mut request in thread_server.incoming_requests() {
                thread_hits.fetch_add(1, Ordering::SeqCst);
                let mut body = String::new();
                let _ = std::io::Read::read_to_string(request.as_reader(), &mut body);
                let info = Seen {
                    body,
                    method: request.method().to_string(),
                    url: request.url().to_owned(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                };
                thread_seen.lock().unwrap().push(info.clone());
                let reply = (thread_handler.lock().unwrap())(&info);
                let mut response =
                    tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                for (name, value) in reply.headers {
                    response.add_header(
                        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap(),
                    );
                }
                let _ = request.respond(response);
            }
        });
        Self {
            base,
            hits,
            seen,
            handler,
            server,
        }
    }

    /// Replaces how the server answers from now on.
    pub fn answer(&self, handler: impl FnMut(&Seen) -> Reply + Send + 'static) {
        *self.handler.lock().unwrap() = Box::new(handler);
    }

    /// How many requests arrived.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Every request, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// A loopback address that accepts connections and never answers.
pub fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
            if held.len() > 64 {
                break;
            }
        }
        std::thread::sleep(Duration::from_secs(60));
    });
    format!("http://{address}")
}

/// A fake Zendesk account on 127.0.0.1 speaking the documented shapes: the
/// fields of `tests/fixtures/users/fields.json` over cursor pages of
/// `page_size` (the dropdown's options left out of the list, served by its
/// options endpoint), the spec's claims list, and the users of
/// `tests/fixtures/users/`. Every request is recorded by the inner server.
pub struct FakeZendesk {
    pub server: Server,
}

pub const FAKE_EMAIL: &str = "admin@acme.example";
pub const FAKE_API_TOKEN: &str = "fake-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";

fn fixture(path: &str) -> serde_json::Value {
    // The workspace root: this crate's directory or one above it.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("tests/fixtures").is_dir())
        .expect("the workspace root");
    let text = std::fs::read_to_string(root.join("tests/fixtures").join(path)).expect(path);
    serde_json::from_str(&text).expect(path)
}

impl FakeZendesk {
    /// The account, its fields over pages of `page_size`.
    pub fn start(page_size: usize) -> Self {
        let catalog = fixture("users/fields.json");
        let mut fields: Vec<serde_json::Value> = catalog["user_fields"].as_array().unwrap().clone();
        let mut options = serde_json::Value::Null;
        for field in &mut fields {
            if field["type"] == "dropdown" {
                options = field
                    .as_object_mut()
                    .unwrap()
                    .remove("custom_field_options")
                    .unwrap();
            }
        }
        let claims = fixture("spec/claims_list_response.json");
        let user = fixture("users/end_user_with_sideloads.json");
        let server = Server::start(move |seen| {
            let base = seen
                .header("Host")
                .map(|host| format!("http://{host}"))
                .unwrap_or_default();
            let (path, query) = seen.url.split_once('?').unwrap_or((seen.url.as_str(), ""));
            match path {
                "/api/v2/user_fields" => {
                    let start: usize = query
                        .split('&')
                        .find_map(|pair| pair.strip_prefix("page%5Bafter%5D=").or_else(|| pair.strip_prefix("page[after]=")))
                        .map_or(0, |cursor| cursor.trim_start_matches('c').parse().unwrap());
                    let end = (start + page_size).min(fields.len());
                    let more = end < fields.len();
                    let next = format!("{base}/api/v2/user_fields?page%5Bsize%5D=100&page%5Bafter%5D=c{end}");
                    Reply::json(
                        200,
                        serde_json::json!({
                            "user_fields": fields[start..end],
                            "meta": {"has_more": more, "after_cursor": format!("c{end}"), "before_cursor": format!("c{start}")},
                            "links": {"next": if more { serde_json::Value::from(next) } else { serde_json::Value::Null }, "prev": null}
                        })
                        .to_string(),
                    )
                }
                p if p.starts_with("/api/v2/user_fields/") && p.ends_with("/options") => Reply::json(
                    200,
                    serde_json::json!({"custom_field_options": options, "count": options.as_array().unwrap().len(), "next_page": null, "previous_page": null}).to_string(),
                ),
                "/api/v2/help_center/integration/account_custom_claims" => Reply::json(200, claims.to_string()),
                "/api/v2/users/383749572938" => Reply::json(200, user.to_string()),
                "/api/v2/users/search" if query == "external_id=roger-1" => Reply::json(
                    200,
                    serde_json::json!({"users": [user["user"]], "count": 1, "next_page": null, "previous_page": null}).to_string(),
                ),
                "/api/v2/users/search" => Reply::json(200, r#"{"users": [], "count": 0, "next_page": null, "previous_page": null}"#),
                p if p.starts_with("/api/v2/users/") => Reply::json(404, r#"{"error": "RecordNotFound", "description": "Not found"}"#),
                _ => Reply::json(404, r#"{"error": "InvalidEndpoint", "description": "Not found"}"#),
            }
        });
        Self { server }
    }

    pub fn base(&self) -> &str {
        &self.server.base
    }
}
