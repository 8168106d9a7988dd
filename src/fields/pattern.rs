//! Regexp fields' `regexp_for_validation`, with Ruby's semantics (Zendesk
//! evaluates them in Ruby): a pattern matches anywhere in the value unless it
//! anchors itself; `^` and `$` are line anchors; `\A`, `\z`, `\Z`, `\h` exist;
//! `\d`, `\w`, `\s` are ASCII; `(?m)` makes `.` match a newline; POSIX
//! brackets are Unicode; possessive quantifiers do not give back (the
//! translation is in `ruby`).
//!
//! Every check is bounded in time. A pattern the `regex` crate can run goes
//! there: linear time in the value's length. A pattern that needs
//! backtracking (look-around, back-references, atomic groups and so
//! possessive quantifiers, `\Z`) runs on fancy-regex's backtracking engine with a
//! backtrack limit, for values of at most [`MAX_BACKTRACKING_VALUE_CHARS`].

use super::ruby::translate;
use crate::limits::{
    MAX_BACKTRACKING_PROGRAM, MAX_BACKTRACKING_VALUE_CHARS, MAX_REGEX_PATTERN_CHARS,
    REGEX_BACKTRACK_LIMIT, REGEX_SIZE_LIMIT,
};

/// A compiled `regexp_for_validation`.
#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// Runs in time linear in the value.
    Linear(regex::Regex),
    /// Needs backtracking: bounded by the backtrack limit and value length.
    Backtracking(fancy_regex::Regex),
}

impl Pattern {
    /// Compiles a Ruby pattern, or says why hcjwt can't run it.
    pub(crate) fn compile(ruby: &str) -> Result<Pattern, String> {
        let length = ruby.chars().count();
        if length > MAX_REGEX_PATTERN_CHARS {
            return Err(format!(
                "is too long (maximum is {MAX_REGEX_PATTERN_CHARS} characters, MAX_REGEX_PATTERN_CHARS)"
            ));
        }
        let translated = translate(ruby)?;
        let linear = regex::RegexBuilder::new(&translated)
            .multi_line(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build();
        match linear {
            Ok(regex) => Ok(Pattern::Linear(regex)),
            Err(regex::Error::CompiledTooBig(limit)) => Err(format!(
                "compiles to more than {limit} bytes (REGEX_SIZE_LIMIT)"
            )),
            Err(_) => {
                check_backtracking_shape(&translated)?;
                fancy_regex::RegexBuilder::new(&translated)
                    .multi_line(true)
                    .oniguruma_mode(true)
                    .backtrack_limit(REGEX_BACKTRACK_LIMIT)
                    .delegate_size_limit(REGEX_SIZE_LIMIT)
                    .delegate_dfa_size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map(Pattern::Backtracking)
                    .map_err(|error| {
                        format!("is not a pattern hcjwt can run: {}", one_line(&error))
                    })
            }
        }
    }

    /// Whether `value` matches; `Err` with the message for the API's error
    /// shape when the check can't finish within its bounds.
    pub(crate) fn matches(&self, value: &str) -> Result<bool, String> {
        match self {
            Pattern::Linear(regex) => Ok(regex.is_match(value)),
            Pattern::Backtracking(regex) => {
                if value.chars().count() > MAX_BACKTRACKING_VALUE_CHARS {
                    return Err(format!(
                        "is too long to check against this field's pattern, which needs backtracking (maximum is {MAX_BACKTRACKING_VALUE_CHARS} characters, MAX_BACKTRACKING_VALUE_CHARS)"
                    ));
                }
                regex.is_match(value).map_err(|_| {
                    "could not be checked against the field's regexp_for_validation within the backtracking limit (REGEX_BACKTRACK_LIMIT)".to_owned()
                })
            }
        }
    }
}

/// Refuses what the backtracking compiler would expand without bound before
/// it runs: subroutine calls (`\g<name>`, recursion) and counted repetitions
/// that unroll into more than [`MAX_BACKTRACKING_PROGRAM`] nodes.
fn check_backtracking_shape(translated: &str) -> Result<(), String> {
    let tree = fancy_regex::Expr::parse_tree(translated)
        .map_err(|error| format!("is not a pattern hcjwt can run: {}", one_line(&error)))?;
    let size = unrolled_size(&tree.expr)?;
    if size > MAX_BACKTRACKING_PROGRAM {
        return Err(format!(
            "repeats its look-around or back-references into more than {MAX_BACKTRACKING_PROGRAM} steps (MAX_BACKTRACKING_PROGRAM)"
        ));
    }
    Ok(())
}

/// The number of nodes the pattern unrolls into, counted repetitions
/// multiplied out (saturating).
fn unrolled_size(expr: &fancy_regex::Expr) -> Result<usize, String> {
    use fancy_regex::{AstNode, Expr};
    match expr {
        Expr::SubroutineCall(_) | Expr::AstNode(AstNode::SubroutineCall(_), _) => {
            Err("uses a subroutine call (recursion), which hcjwt does not run".to_owned())
        }
        Expr::AstNode(AstNode::AstGroup { inner, .. }, _) => Ok(1 + unrolled_size(inner)?),
        Expr::Repeat { child, lo, hi, .. } => {
            let times = if *hi == usize::MAX {
                lo.saturating_add(1)
            } else {
                *hi
            };
            Ok(unrolled_size(child)?
                .saturating_mul(times.max(1))
                .saturating_add(1))
        }
        other => other.children_iter().try_fold(1usize, |total, child| {
            Ok(total.saturating_add(unrolled_size(child)?))
        }),
    }
}

fn one_line(error: &fancy_regex::Error) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, value: &str) -> bool {
        Pattern::compile(pattern)
            .unwrap_or_else(|reason| panic!("{pattern}: {reason}"))
            .matches(value)
            .unwrap()
    }

    #[test]
    fn a_pattern_matches_anywhere_unless_it_anchors_itself() {
        assert!(matches("[A-Z]{3}", "xxABCxx"));
        assert!(!matches(r"\A[A-Z]{3}\z", "xxABCxx"));
        assert!(matches(r"\A[A-Z]{3}\z", "ABC"));
    }

    #[test]
    fn caret_and_dollar_are_line_anchors() {
        assert!(matches("^x$", "a\nx\nb"));
        assert!(!matches(r"\Ax\z", "a\nx\nb"));
        assert!(matches(r"abc\Z", "abc\n"));
        assert!(!matches(r"abc\z", "abc\n"));
    }

    #[test]
    fn shorthand_classes_are_ascii_as_in_ruby() {
        assert!(matches(r"\A\d+\z", "0123"));
        assert!(
            !matches(r"\d", "\u{0661}"),
            "an Arabic-Indic digit is not \\d in Ruby"
        );
        assert!(!matches(r"\A\w+\z", "é"));
        assert!(matches(r"\A[\d-]+\z", "12-34"));
        assert!(!matches(r"\A[\D]+\z", "a1"));
        assert!(matches(r"\A\h+\z", "deadBEEF"));
        assert!(!matches(r"\A\h+\z", "xyz"));
    }

    #[test]
    fn ruby_m_makes_dot_match_newlines_and_comments_are_dropped() {
        assert!(!matches("a.b", "a\nb"));
        assert!(matches("(?m)a.b", "a\nb"));
        assert!(matches("(?m:a.b)", "a\nb"));
        assert!(matches("(?#a comment)x", "x"));
        assert!(matches(r"\A\<b\>\z", "<b>"));
    }

    #[test]
    fn look_around_back_references_and_atomic_groups_run_with_backtracking() {
        assert!(matches!(
            Pattern::compile(r"(?<=a)b").unwrap(),
            Pattern::Backtracking(_)
        ));
        assert!(matches(r"(?<=a)b", "ab"));
        assert!(matches(r"\A(\w)\1\z", "aa"));
        assert!(!matches(r"\A(?>a+)a\z", "aaa"));
        assert!(matches!(
            Pattern::compile(r"\A[A-Z]{3}-\d{4}\z").unwrap(),
            Pattern::Linear(_)
        ));
    }

    #[test]
    fn hostile_patterns_stay_bounded() {
        let long = "a".repeat(30_000) + "!";
        assert!(!matches("(a+)+$", &long));
        assert!(!matches(r"^(\w+\s?)*$", &long));
        let backtracking = Pattern::compile(r"(?=(a+)+)b").unwrap();
        assert!(
            backtracking.matches(&long).is_err(),
            "too long for backtracking"
        );
        let limited = "a".repeat(MAX_BACKTRACKING_VALUE_CHARS - 1) + "!";
        assert!(backtracking.matches(&limited).is_ok());
        assert!(
            Pattern::compile(r"(a+)+\1$")
                .unwrap()
                .matches(&limited)
                .is_err()
        );
    }

    #[test]
    fn patterns_hcjwt_cannot_run_say_why() {
        assert!(Pattern::compile(&"a".repeat(MAX_REGEX_PATTERN_CHARS + 1)).is_err());
        assert!(Pattern::compile("(unclosed").is_err());
        assert!(Pattern::compile("a{5}{5}{5}{5}{5}{5}{5}{5}").is_err());
        assert!(Pattern::compile("x\\").is_err());
        // The fuzzer's find: a recursive subroutine call the compiler would
        // expand without bound.
        let recursion = "\\A\u{1b}\0\r\0d-}\\{X\\g0{4|z\u{1b}\0\r\0d-}\\{X\\g0{4|z}|}|z|||-";
        assert!(
            Pattern::compile(recursion)
                .unwrap_err()
                .contains("subroutine")
        );
        assert!(
            Pattern::compile(r"(?<a>x\g<a>?)")
                .unwrap_err()
                .contains("subroutine")
        );
        let unrolled = Pattern::compile(r"((?=a)a{100}){200}").unwrap_err();
        assert!(unrolled.contains("MAX_BACKTRACKING_PROGRAM"), "{unrolled}");
        assert!(Pattern::compile(r"((?=a)a{10}){20}").is_ok());
    }
}
