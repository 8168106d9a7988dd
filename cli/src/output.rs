//! What a command prints on stdout, and whether it succeeded.

use zeroize::Zeroizing;

pub(crate) struct Output {
    /// The result, printed with a newline; zeroized when dropped (it may be a key).
    pub(crate) text: Zeroizing<String>,
    /// False when the command ran but found problems (`check`, `inspect`): exit 1.
    pub(crate) success: bool,
}

impl Output {
    pub(crate) fn ok(text: String) -> Self {
        Self {
            text: Zeroizing::new(text),
            success: true,
        }
    }

    pub(crate) fn secret(text: Zeroizing<String>) -> Self {
        Self {
            text,
            success: true,
        }
    }

    pub(crate) fn with_problems(text: String, problems: bool) -> Self {
        Self {
            text: Zeroizing::new(text),
            success: !problems,
        }
    }
}
