//! Checked conversions of the raw pointers C hands in, so export bodies hold
//! no raw casts.

use std::ffi::{CStr, CString, c_char};

use crate::error::{Failure, hcjwt_result};

fn null(name: &str) -> Failure {
    Failure::new(
        hcjwt_result::HCJWT_RESULT_NULL_ARGUMENT,
        format!("{name} is NULL"),
    )
}

/// A NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid for `'a`.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-null, and the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map_err(|_| {
        Failure::new(
            hcjwt_result::HCJWT_RESULT_INVALID_UTF8,
            format!("{name} is not valid UTF-8"),
        )
    })
}

/// An optional NUL-terminated UTF-8 string argument (NULL means absent).
///
/// # Safety
/// As [`text`].
pub(crate) unsafe fn optional_text<'a>(
    ptr: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { text(ptr, name) }.map(Some)
    }
}

/// The most bytes a buffer argument may hold, checked against its length
/// before a byte of it is read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Limit {
    /// A JSON document: `MAX_DOCUMENT_BYTES`.
    Document,
    /// Key bytes: `MAX_KEY_BYTES`.
    Key,
    /// A token, at most this many bytes.
    Token(usize),
}

impl Limit {
    fn check(self, len: usize, name: &str) -> Result<(), Failure> {
        use hcjwt_core::limits::{MAX_DOCUMENT_BYTES, MAX_KEY_BYTES};
        let (limit, result, what) = match self {
            Limit::Document => (
                MAX_DOCUMENT_BYTES,
                hcjwt_result::HCJWT_RESULT_JSON,
                "MAX_DOCUMENT_BYTES",
            ),
            Limit::Key => (
                MAX_KEY_BYTES,
                hcjwt_result::HCJWT_RESULT_INVALID_KEY,
                "MAX_KEY_BYTES",
            ),
            Limit::Token(limit) if len > limit => {
                return Err(hcjwt_core::Error::TokenTooLarge { size: len, limit }.into());
            }
            Limit::Token(_) => return Ok(()),
        };
        if len > limit {
            return Err(Failure::new(
                result,
                format!("{name} is {len} bytes, over the limit of {limit} bytes ({what})"),
            ));
        }
        Ok(())
    }
}

/// A buffer argument: NULL with length 0 is empty; NULL with a length is an
/// error; a length over `limit` is refused before the buffer is read.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes that stay valid for `'a`.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const u8,
    len: usize,
    limit: Limit,
    name: &str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(name)) };
    }
    limit.check(len, name)?;
    // SAFETY: non-null and the caller promises `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A buffer argument that must hold UTF-8.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn utf8<'a>(
    ptr: *const c_char,
    len: usize,
    limit: Limit,
    name: &str,
) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes(ptr.cast(), len, limit, name) }?;
    std::str::from_utf8(bytes).map_err(|_| {
        Failure::new(
            hcjwt_result::HCJWT_RESULT_INVALID_UTF8,
            format!("{name} is not valid UTF-8"),
        )
    })
}

/// A shared reference to an object C holds.
///
/// # Safety
/// `ptr` is NULL or was returned by the matching `_new` and not yet freed.
pub(crate) unsafe fn object<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: the caller promises a live object or NULL.
    unsafe { ptr.as_ref() }.ok_or_else(|| null(name))
}

/// An optional shared reference (NULL means absent).
///
/// # Safety
/// As [`object`].
pub(crate) unsafe fn optional_object<'a, T>(ptr: *const T) -> Option<&'a T> {
    // SAFETY: the caller promises a live object or NULL.
    unsafe { ptr.as_ref() }
}

/// Checks an out-parameter before any work is done.
pub(crate) fn out<T>(ptr: *mut *mut T, name: &str) -> Result<(), Failure> {
    if ptr.is_null() {
        Err(null(name))
    } else {
        Ok(())
    }
}

/// Writes a new boxed object to a checked out-parameter.
///
/// # Safety
/// `ptr` was checked by [`out`] and points to writable storage.
pub(crate) unsafe fn write_object<T>(ptr: *mut *mut T, value: T) {
    // SAFETY: checked non-null by the caller; storage is writable.
    unsafe { ptr.write(Box::into_raw(Box::new(value))) };
}

/// Writes a new C string to a checked out-parameter.
///
/// # Safety
/// As [`write_object`].
pub(crate) unsafe fn write_string(ptr: *mut *mut c_char, value: String) -> Result<(), Failure> {
    let text = CString::new(value).map_err(|_| {
        Failure::new(
            hcjwt_result::HCJWT_RESULT_JSON,
            "the output holds a NUL byte",
        )
    })?;
    // SAFETY: checked non-null by the caller; storage is writable.
    unsafe { ptr.write(text.into_raw()) };
    Ok(())
}

/// Frees an object made by [`write_object`]; NULL is a no-op.
///
/// # Safety
/// `ptr` is NULL or came from [`write_object`] and was not freed.
pub(crate) unsafe fn free_object<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: made by Box::into_raw and not yet freed.
        drop(unsafe { Box::from_raw(ptr) });
    }
}
