//! Where a Zendesk account lives: a subdomain (`acme`), a host
//! (`acme.zendesk.com`, a host-mapped brand domain such as
//! `support.acme.com`) or a base URL (`https://...`; `http://` only for
//! loopback hosts, for tests and local development).

use url::{Host, Url};

use crate::error::{Error, Result, quoted};

/// True for `localhost` and the loopback addresses (127.0.0.0/8, `::1`).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(address)) => address.is_loopback(),
        Some(Host::Ipv6(address)) => address.is_loopback(),
        None => false,
    }
}

/// Checks that `url` may be fetched: `https`, or `http` to a loopback host.
pub(crate) fn check_scheme(url: &Url, what: &str) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::invalid_option(
            what,
            format!(
                "{} uses http: only https is allowed (http only for loopback hosts)",
                quoted(url.as_str(), 80)
            ),
        )),
        other => Err(Error::invalid_option(
            what,
            format!("{} is not an https URL", quoted(other, 16)),
        )),
    }
}

/// Characters no URL or host hcjwt is given may hold: white space and
/// control characters (which URL parsing would silently drop:
/// `acme\r\nevil` became `acmeevil`) and the characters that would carry
/// a host into a header or an attribute (quotes, commas, angle brackets,
/// backslashes).
fn check_text(text: &str, what: &str) -> Result<()> {
    if let Some(bad) = text.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '\'' | ',' | '<' | '>' | '\\' | '`')
    }) {
        return Err(Error::invalid_option(
            what,
            format!(
                "{} holds {:?}, which no host or URL may hold",
                quoted(text, 80),
                bad
            ),
        ));
    }
    Ok(())
}

/// Parses a URL that hcjwt will fetch (https, or http to loopback).
pub fn fetch_url(text: &str, what: &str) -> Result<Url> {
    check_text(text, what)?;
    let url = Url::parse(text).map_err(|error| {
        Error::invalid_option(what, format!("{} is not a URL: {error}", quoted(text, 80)))
    })?;
    check_scheme(&url, what)?;
    if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_option(
            what,
            "must name a host and hold no user name or password",
        ));
    }
    Ok(url)
}

/// The base URL of an account (`https://acme.zendesk.com/`: the origin,
/// with the root path) from a subdomain, a host or a base URL. White space,
/// control characters, quotes and commas are refused, not dropped.
pub fn base_url(host: &str) -> Result<Url> {
    check_text(host, "host")?;
    let invalid =
        |reason: &str| Error::invalid_option("host", format!("{} {reason}", quoted(host, 80)));
    if host.is_empty() {
        return Err(invalid("is empty: give a subdomain, a host or a base URL"));
    }
    let text = if host.contains("://") {
        host.to_owned()
    } else if host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        format!("https://{}.zendesk.com", host.to_ascii_lowercase())
    } else if host.contains('/') || host.contains('@') || host.contains('?') {
        return Err(invalid("is not a subdomain, a host or a base URL"));
    } else {
        format!("https://{host}")
    };
    let mut url = fetch_url(&text, "host")?;
    let named = url.host_str().unwrap_or_default();
    let plain = named
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b));
    if !plain || named.starts_with('.') || named.contains("..") {
        return Err(invalid("is not a host name"));
    }
    url.set_path("");
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// `base` joined with an absolute API path (`/api/v2/...`).
pub(crate) fn api_url(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_give_base_urls() {
        for (host, expected) in [
            ("acme", "https://acme.zendesk.com/"),
            ("ACME", "https://acme.zendesk.com/"),
            ("acme.zendesk.com", "https://acme.zendesk.com/"),
            ("support.acme.com", "https://support.acme.com/"),
            (
                "https://acme.zendesk.com/hc/en-us",
                "https://acme.zendesk.com/",
            ),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
            ("http://localhost:9", "http://localhost:9/"),
        ] {
            assert_eq!(base_url(host).unwrap().as_str(), expected, "{host}");
        }
        for host in [
            "",
            "http://acme.zendesk.com",
            "ftp://acme.zendesk.com",
            "https://user:pass@acme.zendesk.com",
            "acme.zendesk.com/path",
            "evil.example@acme",
            "acme\r\nevil",
            "acme\tevil",
            " acme",
            "acme.zendesk.com\n",
            "acme\".zendesk.com",
            "acme,evil.example",
            "https://acme.zendesk.com\r\nX: y",
            "https://acme%0d%0a.zendesk.com",
            "support.acme.com\u{0}",
        ] {
            assert!(base_url(host).is_err(), "{host}");
        }
    }
}
