//! Delivering an SSO token the way Zendesk requires: a browser form POST of
//! `jwt` (and `return_to`) to `https://{host}/access/jwt`.
//!
//! A GET with `?jwt=` is deprecated and leaks the user's data into browser
//! history and server logs; a server-side redirect or fetch loses the
//! session cookie or is blocked by CORS. So the remote-login endpoint
//! answers [`login_page`]: a small HTML document whose form posts itself on
//! load. `return_to` is checked first ([`check_return_to`]): an open
//! redirect otherwise.

use html_escape::encode_double_quoted_attribute;
use url::{Host, Url};

use crate::error::{Error, Result, quoted};
use crate::host::{api_url, base_url, is_loopback};

/// How the login page and URL are built.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SsoOptions {
    /// Where Zendesk sends the user after signing in: an absolute URL on the
    /// account's host or an allowed host, or a path on the account's host.
    pub return_to: Option<String>,
    /// Host-mapped brand domains (`support.acme.com`) `return_to` may name
    /// besides the account's own host.
    pub allowed_hosts: Vec<String>,
    /// The CSP nonce the page's script carries (from the response's
    /// `Content-Security-Policy: script-src 'nonce-...'`).
    pub nonce: Option<String>,
}

/// `https://{host}/access/jwt` for a subdomain, a host or a base URL.
pub fn login_url(host: &str) -> Result<Url> {
    Ok(api_url(&base_url(host)?, "/access/jwt"))
}

/// The origins of the allowed hosts, each given as a host (`support.acme.com`,
/// meaning `https://support.acme.com`) or a base URL (`http://` only for
/// loopback hosts), checked as the account's host is: white space, quotes
/// and commas are refused (the origins go into a header).
fn allowed_origins(allowed_hosts: &[String]) -> Result<Vec<url::Origin>> {
    allowed_hosts
        .iter()
        .map(|host| {
            base_url(host)
                .map(|url| url.origin())
                .map_err(|error| match error {
                    Error::InvalidOption { reason, .. } => {
                        Error::invalid_option("allowed_hosts", reason)
                    }
                    other => other,
                })
        })
        .collect()
}

/// Checks `return_to` against the account at `base` and the allowed hosts,
/// and gives it as an absolute URL. Accepted: a path on the account's host
/// (`/hc/en-us/requests`), or an absolute URL on the account's origin or an
/// allowed host's (https, the default port), with no user name or
/// password. Refused, as `InvalidOption` on `return_to`: other hosts, ports
/// and schemes (`javascript:`, `data:`, `http:` to an https host),
/// protocol-relative `//host` (also after normalizing dot segments),
/// backslashes, white space and control characters.
pub fn check_return_to(base: &Url, return_to: &str, allowed_hosts: &[String]) -> Result<Url> {
    let allowed = allowed_origins(allowed_hosts)?;
    let refuse = |reason: &str| {
        Error::invalid_option("return_to", format!("{} {reason}", quoted(return_to, 80)))
    };
    if return_to.is_empty() {
        return Err(refuse("is empty"));
    }
    if return_to.contains('\\') {
        return Err(refuse("holds a backslash (browsers read it as a slash)"));
    }
    if return_to
        .chars()
        .any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(refuse("holds white space or control characters"));
    }
    if return_to.starts_with("//") {
        return Err(refuse(
            "is protocol-relative: give https://host/... or a /path",
        ));
    }
    let url = if return_to.starts_with('/') {
        base.join(return_to)
            .map_err(|_| refuse("is not a valid path"))?
    } else {
        Url::parse(return_to).map_err(|_| refuse("is not an absolute URL or a /path"))?
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("holds a user name or password"));
    }
    // Checked after normalizing: `/..//evil.example` becomes `//evil.example`,
    // which a browser sent to that path reads as another host.
    if url.path().starts_with("//") {
        return Err(refuse(
            "normalizes to a path that starts with //, which browsers read as another host",
        ));
    }
    let Some(Host::Domain(_) | Host::Ipv4(_) | Host::Ipv6(_)) = url.host() else {
        return Err(refuse("names no host"));
    };
    let origin = url.origin();
    if origin == base.origin() || allowed.contains(&origin) {
        return Ok(url);
    }
    if url.scheme() != "https" && !(url.scheme() == "http" && is_loopback(&url)) {
        return Err(refuse("is not an https URL"));
    }
    Err(refuse(&format!(
        "is not on {} or an allowed host (allowed_hosts)",
        base.host_str().unwrap_or_default()
    )))
}

/// A token fit for the page: the compact form's characters only (the
/// escaping below would make anything else harmless, but it would not be a
/// token Zendesk reads).
fn check_token(token: &str) -> Result<()> {
    let compact = token.split('.').count() == 3
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !compact || token.len() > crate::limits::MAX_SSO_TOKEN_BYTES {
        return Err(Error::MalformedToken(
            "an SSO token is a compact JWS: three base64url parts joined by dots".into(),
        ));
    }
    Ok(())
}

/// A nonce is base64 text (CSP's `nonce-source` grammar).
fn check_nonce(nonce: &str) -> Result<()> {
    let ok = !nonce.is_empty()
        && nonce.len() <= 256
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_option(
            "nonce",
            "must be 1..=256 base64 characters",
        ))
    }
}

/// The login page: a form that POSTs `jwt` (and the checked `return_to`) to
/// the account's `/access/jwt`, submitted on load by a script (carrying
/// `nonce` when given), with a `<noscript>` button for browsers without
/// scripts. Every value is escaped; nothing else is sent. Serve it with
/// `Cache-Control: no-store` and [`content_security_policy`].
pub fn login_page(host: &str, token: &str, options: &SsoOptions) -> Result<String> {
    check_token(token)?;
    let base = base_url(host)?;
    let action = api_url(&base, "/access/jwt");
    let return_to = options
        .return_to
        .as_deref()
        .map(|return_to| check_return_to(&base, return_to, &options.allowed_hosts))
        .transpose()?;
    let nonce = match options.nonce.as_deref() {
        Some(nonce) => {
            check_nonce(nonce)?;
            format!(" nonce=\"{}\"", encode_double_quoted_attribute(nonce))
        }
        None => String::new(),
    };
    let mut page = String::with_capacity(1024 + token.len());
    page.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex\">\n",
        "<title>Signing in</title>\n</head>\n<body>\n",
    ));
    page.push_str(&format!(
        "<form id=\"hcjwt-sso\" method=\"post\" action=\"{}\">\n",
        encode_double_quoted_attribute(action.as_str())
    ));
    page.push_str(&format!(
        "<input type=\"hidden\" name=\"jwt\" value=\"{}\">\n",
        encode_double_quoted_attribute(token)
    ));
    if let Some(return_to) = &return_to {
        page.push_str(&format!(
            "<input type=\"hidden\" name=\"return_to\" value=\"{}\">\n",
            encode_double_quoted_attribute(return_to.as_str())
        ));
    }
    page.push_str(
        "<noscript><button type=\"submit\">Continue to sign in</button></noscript>\n</form>\n",
    );
    page.push_str(&format!(
        "<script{nonce}>document.getElementById(\"hcjwt-sso\").submit();</script>\n</body>\n</html>\n"
    ));
    Ok(page)
}

/// The `Content-Security-Policy` to serve [`login_page`] with: nothing
/// loads, the one script runs by `options.nonce` (required), and the form
/// may post to the account and be redirected on to an allowed host (a
/// browser applies `form-action` to the redirect that follows the POST, so a
/// `return_to` on a host-mapped brand domain needs it listed).
pub fn content_security_policy(host: &str, options: &SsoOptions) -> Result<String> {
    let nonce = options
        .nonce
        .as_deref()
        .ok_or_else(|| Error::invalid_option("nonce", "is required for the policy"))?;
    check_nonce(nonce)?;
    let base = base_url(host)?;
    let mut form_action = vec![base.origin().ascii_serialization()];
    for origin in allowed_origins(&options.allowed_hosts)? {
        let origin = origin.ascii_serialization();
        if !form_action.contains(&origin) {
            form_action.push(origin);
        }
    }
    Ok(format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; form-action {}; base-uri 'none'; frame-ancestors 'none'",
        form_action.join(" ")
    ))
}

/// The legacy GET URL (`/access/jwt?jwt=...&return_to=...`), properly
/// encoded, for callers who must redirect: Zendesk deprecates it because the
/// token lands in browser history and logs. Prefer [`login_page`].
pub fn login_get_url(host: &str, token: &str, options: &SsoOptions) -> Result<String> {
    check_token(token)?;
    let base = base_url(host)?;
    let return_to = options
        .return_to
        .as_deref()
        .map(|return_to| check_return_to(&base, return_to, &options.allowed_hosts))
        .transpose()?;
    let mut url = api_url(&base, "/access/jwt");
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("jwt", token);
        if let Some(return_to) = &return_to {
            query.append_pair("return_to", return_to.as_str());
        }
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm8ifQ.c2lnbmF0dXJl";

    fn base() -> Url {
        base_url("acme").unwrap()
    }

    fn allowed() -> Vec<String> {
        vec!["support.acme.com".to_owned()]
    }

    #[test]
    fn return_to_on_the_account_or_an_allowed_host_is_accepted() {
        for (given, expected) in [
            (
                "/hc/en-us/requests",
                "https://acme.zendesk.com/hc/en-us/requests",
            ),
            ("/hc?x=1&y=<b>", "https://acme.zendesk.com/hc?x=1&y=%3Cb%3E"),
            (
                "https://acme.zendesk.com/hc/en-us",
                "https://acme.zendesk.com/hc/en-us",
            ),
            ("https://ACME.zendesk.com/hc", "https://acme.zendesk.com/hc"),
            (
                "https://support.acme.com/hc/articles/1",
                "https://support.acme.com/hc/articles/1",
            ),
            (
                "https://acme.zendesk.com:443/hc",
                "https://acme.zendesk.com/hc",
            ),
        ] {
            assert_eq!(
                check_return_to(&base(), given, &allowed())
                    .unwrap()
                    .as_str(),
                expected,
                "{given}"
            );
        }
    }

    #[test]
    fn hostile_return_to_values_are_refused() {
        for hostile in [
            "",
            "https://evil.example/",
            "http://acme.zendesk.com/hc",
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/hc",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https:\\\\evil.example",
            "https://acme.zendesk.com@evil.example/",
            "https://user:pass@acme.zendesk.com/",
            "https://acme.zendesk.com.evil.example/",
            "https://evil.example/#https://acme.zendesk.com",
            "https://evil.example?https://acme.zendesk.com",
            "https://support.acme.com:8443/",
            "http://support.acme.com/",
            " https://acme.zendesk.com/",
            "/hc\n/x",
            "/hc\t",
            "hc/en-us",
            "ftp://acme.zendesk.com/",
            "https://xn--acme-9ra.zendesk.com/",
            "/..//evil.example",
            "/hc/../..//evil.example/x",
            "/.%2e//evil.example",
            "https://acme.zendesk.com//evil.example",
            "https://acme.zendesk.com/./..//evil.example",
        ] {
            let error = check_return_to(&base(), hostile, &allowed()).unwrap_err();
            assert_eq!(error.kind(), crate::ErrorKind::InvalidOption, "{hostile:?}");
            assert!(
                error.to_string().contains("return_to"),
                "{hostile:?}: {error}"
            );
        }
    }

    #[test]
    fn the_page_posts_escaped_values_to_access_jwt_and_nothing_else() {
        let page = login_page(
            "acme",
            TOKEN,
            &SsoOptions {
                return_to: Some("/hc?a=\"><script>alert(1)</script>&b='".into()),
                nonce: Some("r4nd0m+/=".into()),
                ..SsoOptions::default()
            },
        )
        .unwrap();
        assert!(page.contains(
            r#"<form id="hcjwt-sso" method="post" action="https://acme.zendesk.com/access/jwt">"#
        ));
        assert!(page.contains(&format!(
            r#"<input type="hidden" name="jwt" value="{TOKEN}">"#
        )));
        assert!(page.contains(r#"name="return_to" value="https://acme.zendesk.com/hc?a=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&amp;b=%27">"#), "{page}");
        assert!(page.contains(
            r#"<script nonce="r4nd0m+/=">document.getElementById("hcjwt-sso").submit();</script>"#
        ));
        assert!(page.contains("<noscript><button type=\"submit\">"));
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert_eq!(page.matches("<input").count(), 2, "jwt and return_to only");
        let without = login_page("acme", TOKEN, &SsoOptions::default()).unwrap();
        assert!(without.contains("<script>document") && !without.contains("return_to"));
    }

    #[test]
    fn tokens_and_nonces_that_do_not_fit_are_refused() {
        for token in ["", "a.b", "a.b.c.d", "a.b.c\"><x", "a.b.c d"] {
            assert_eq!(
                login_page("acme", token, &SsoOptions::default())
                    .unwrap_err()
                    .kind(),
                crate::ErrorKind::MalformedToken,
                "{token:?}"
            );
        }
        for nonce in ["", "a\"b", "a b", "<x>"] {
            let options = SsoOptions {
                nonce: Some(nonce.into()),
                ..SsoOptions::default()
            };
            let error = login_page("acme", TOKEN, &options).unwrap_err();
            assert!(error.to_string().contains("nonce"), "{nonce:?}");
        }
    }

    #[test]
    fn the_get_url_is_encoded_and_checked() {
        let url = login_get_url(
            "support.acme.com",
            TOKEN,
            &SsoOptions {
                return_to: Some("/hc/en-us?q=a b&c=d".replace(' ', "%20")),
                ..SsoOptions::default()
            },
        )
        .unwrap();
        assert_eq!(
            url,
            format!(
                "https://support.acme.com/access/jwt?jwt={TOKEN}&return_to=https%3A%2F%2Fsupport.acme.com%2Fhc%2Fen-us%3Fq%3Da%2520b%26c%3Dd"
            )
        );
        let evil = SsoOptions {
            return_to: Some("https://evil.example".into()),
            ..SsoOptions::default()
        };
        assert!(login_get_url("acme", TOKEN, &evil).is_err());
    }

    #[test]
    fn the_policy_allows_the_nonce_and_posts_to_the_account_only() {
        let with = |nonce: &str, allowed: &[&str]| SsoOptions {
            nonce: Some(nonce.to_owned()),
            allowed_hosts: allowed.iter().map(|h| (*h).to_owned()).collect(),
            ..SsoOptions::default()
        };
        assert_eq!(
            content_security_policy("acme", &with("abc123", &[])).unwrap(),
            "default-src 'none'; script-src 'nonce-abc123'; form-action https://acme.zendesk.com; base-uri 'none'; frame-ancestors 'none'"
        );
        assert_eq!(
            content_security_policy(
                "acme",
                &with("abc123", &["support.acme.com", "SUPPORT.acme.com"])
            )
            .unwrap(),
            "default-src 'none'; script-src 'nonce-abc123'; form-action https://acme.zendesk.com https://support.acme.com; base-uri 'none'; frame-ancestors 'none'"
        );
        assert!(content_security_policy("acme", &with("'unsafe-inline'", &[])).is_err());
        for hostile in [
            "a.example\"; script-src *",
            "a.example, *",
            "a.example\r\nX: y",
        ] {
            let error = content_security_policy("acme", &with("abc", &[hostile])).unwrap_err();
            assert!(
                error.to_string().contains("allowed_hosts"),
                "{hostile:?}: {error}"
            );
        }
        assert!(content_security_policy("acme", &SsoOptions::default()).is_err());
    }
}
