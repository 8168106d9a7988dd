//! check_return_to on arbitrary text: whatever it accepts points at the
//! account's host or an allowed host, over https, without credentials, and
//! with no path a browser would read as another host.
#![no_main]

use hcjwt::sso::check_return_to;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(return_to) = std::str::from_utf8(data) else {
        return;
    };
    let base = url::Url::parse("https://acme.zendesk.com/").unwrap();
    let allowed = vec!["support.acme.com".to_owned()];
    if let Ok(url) = check_return_to(&base, return_to, &allowed) {
        assert_eq!(url.scheme(), "https", "{return_to:?} -> {url}");
        let host = url.host_str().unwrap_or_default();
        assert!(host == "acme.zendesk.com" || host == "support.acme.com", "{return_to:?} -> {url}");
        assert!(url.port().is_none(), "{return_to:?} -> {url}");
        assert!(url.username().is_empty() && url.password().is_none(), "{return_to:?} -> {url}");
        assert!(!url.path().starts_with("//"), "{return_to:?} -> {url}");
        // What the page carries reads back as the same URL.
        assert_eq!(url::Url::parse(url.as_str()).unwrap(), url);
    }
});
