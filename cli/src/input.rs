//! Reading files and standard input with a size cap, so `--key /dev/zero` or
//! a huge stdin fails fast with a clear error instead of filling memory.

use std::io::Read;
use std::path::Path;

use crate::failure::Failure;

/// A key file holds at most this many bytes.
pub(crate) const MAX_KEY_BYTES: u64 = hcjwt::limits::MAX_KEY_BYTES as u64;
/// A JSON document (user, claims, fields, JWKS) holds at most this many bytes.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = hcjwt::limits::MAX_DOCUMENT_BYTES as u64;
/// A token read from a file or stdin holds at most this many bytes (the
/// verifier's own limit, 8 KiB by default, applies after).
pub(crate) const MAX_TOKEN_INPUT_BYTES: u64 = 1024 * 1024;

/// Reads `path` ("-" is stdin), refusing more than `cap` bytes; `what` names
/// the input in the error ("a key file").
pub(crate) fn read_capped(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let name = path.display();
    let result = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(cap + 1).read_to_end(&mut bytes))
    };
    result.map_err(|error| Failure::input(format!("cannot read {name}: {error}")))?;
    if bytes.len() as u64 > cap {
        return Err(Failure::input(format!(
            "{name} is larger than {cap} bytes, the limit for {what}"
        )));
    }
    Ok(bytes)
}

/// A token given on the command line, or "-" to read it from stdin (white
/// space around it is dropped).
pub(crate) fn read_token(token: &str) -> Result<String, Failure> {
    let token = if token == "-" {
        let bytes = read_capped(Path::new("-"), MAX_TOKEN_INPUT_BYTES, "a token")?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Failure::input("the token on stdin is not UTF-8"))?;
        let text = text.trim().to_owned();
        if text.is_empty() {
            return Err(Failure::input(
                "stdin held no token (pipe one in, or give it as the argument)",
            ));
        }
        text
    } else {
        token.to_owned()
    };
    // What an Authorization header holds, pasted whole.
    let (scheme, rest) = token.split_once(' ').unwrap_or(("", ""));
    if scheme.eq_ignore_ascii_case("bearer") && !rest.trim().is_empty() {
        return Err(Failure::input(
            "the token starts with \"Bearer \": give the token alone, what follows Bearer in the Authorization header",
        ));
    }
    Ok(token)
}
