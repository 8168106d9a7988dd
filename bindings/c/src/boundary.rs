//! The panic boundary: every export runs its body through [`call`], so a panic
//! becomes `HCJWT_RESULT_PANIC` and never unwinds into C.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{Failure, hcjwt_result, set_last_error};

/// Runs `body`, records the thread's last error, and returns the code.
pub(crate) fn call(body: impl FnOnce() -> Result<(), Failure>) -> hcjwt_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            set_last_error("");
            hcjwt_result::HCJWT_RESULT_OK
        }
        Ok(Err(failure)) => {
            set_last_error(&failure.message);
            failure.result
        }
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            set_last_error(&format!("hcjwt panicked: {detail}"));
            hcjwt_result::HCJWT_RESULT_PANIC
        }
    }
}

/// Like [`call`] for exports that return a pointer or nothing: a panic is
/// caught and yields `fallback`.
pub(crate) fn call_or<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}
