//! Observability: the core's log records (key fetches and refreshes, stale
//! keys served, API retries; never a credential or a token) handed to a
//! callback the program sets.

use std::ffi::{CString, c_char, c_int, c_void};
use std::sync::RwLock;

use crate::boundary;
use crate::error::hcjwt_result;

/// Receives one log record: `level` 1 (error) to 5 (trace), `message` a
/// NUL-terminated line valid only during the call, `user_data` as given to
/// `hcjwt_set_log_callback`. It may be called from any thread, at once by
/// several: it must be thread-safe and must not call back into hcjwt.
pub type hcjwt_log_fn =
    Option<unsafe extern "C" fn(level: c_int, message: *const c_char, user_data: *mut c_void)>;

struct Callback {
    function: unsafe extern "C" fn(c_int, *const c_char, *mut c_void),
    user_data: usize,
}

static CALLBACK: RwLock<Option<Callback>> = RwLock::new(None);

struct CallbackLog;

impl log::Log for CallbackLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("hcjwt")
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let Ok(callback) = CALLBACK.read() else {
            return;
        };
        if let Some(callback) = callback.as_ref() {
            let text = record.args().to_string().replace('\0', " ");
            if let Ok(message) = CString::new(text) {
                let level = record.level() as usize as c_int;
                // SAFETY: the program's callback, called as its contract says.
                unsafe {
                    (callback.function)(level, message.as_ptr(), callback.user_data as *mut c_void)
                };
            }
        }
    }

    fn flush(&self) {}
}

/// Sets the callback that receives hcjwt's log records up to `max_level`
/// (1 error, 2 warn, 3 info, 4 debug, 5 trace); NULL stops them. Returns
/// `HCJWT_RESULT_INVALID_OPTION` for a level outside 1..=5, or when another
/// `log` logger of the process holds the records.
///
/// # Safety
/// `callback` is NULL or a function as `hcjwt_log_fn` describes, callable
/// until it is replaced; `user_data` is passed to it as is.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_set_log_callback(
    callback: hcjwt_log_fn,
    max_level: c_int,
    user_data: *mut c_void,
) -> hcjwt_result {
    boundary::call(|| {
        let level = match max_level {
            1 => log::LevelFilter::Error,
            2 => log::LevelFilter::Warn,
            3 => log::LevelFilter::Info,
            4 => log::LevelFilter::Debug,
            5 => log::LevelFilter::Trace,
            _ => {
                return Err(crate::error::Failure::new(
                    hcjwt_result::HCJWT_RESULT_INVALID_OPTION,
                    "max_level: must be 1 (error) to 5 (trace)",
                ));
            }
        };
        static LOGGER: CallbackLog = CallbackLog;
        // The first call installs the logger; later calls swap the callback.
        let _ = log::set_logger(&LOGGER);
        if !std::ptr::eq(
            log::logger() as *const dyn log::Log as *const (),
            &LOGGER as *const CallbackLog as *const (),
        ) {
            return Err(crate::error::Failure::new(
                hcjwt_result::HCJWT_RESULT_INVALID_OPTION,
                "another logger of the process receives the log records",
            ));
        }
        let mut slot = CALLBACK
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = callback.map(|function| Callback {
            function,
            user_data: user_data as usize,
        });
        log::set_max_level(if slot.is_some() {
            level
        } else {
            log::LevelFilter::Off
        });
        Ok(())
    })
}
