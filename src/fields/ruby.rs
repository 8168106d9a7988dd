//! Ruby's (Onigmo's) regexp syntax rewritten for the `regex` crate and
//! fancy-regex, keeping Ruby's meaning where the syntaxes differ:
//!
//! - `\d \w \s \h` (and their negations, inside classes too) are ASCII;
//! - POSIX brackets (`[[:alpha:]]`) are Unicode, as Onigmo defines them;
//! - possessive quantifiers (`a++`, `\d*+`, `x?+`) never give back: an
//!   atomic group around the quantified atom; a `+` after a counted
//!   repetition (`x{2,}+`) repeats it, as in Ruby (not possessive there);
//! - `\Z` is the end, or before one final newline; `{,n}` is `{0,n}`;
//! - `(?m)` makes `.` match a newline; `\<` and `\>` are the characters;
//!   `(?#...)` comments are dropped.

/// Rewrites a Ruby pattern, or says why it can't be.
pub(super) fn translate(ruby: &str) -> Result<String, String> {
    let mut out = String::with_capacity(ruby.len() + 16);
    let mut chars = ruby.chars().peekable();
    // Nesting depth of character classes, whether the next `]` is the
    // first character of a class (then it is a literal), and where the
    // outermost class opened in `out`.
    let mut class_depth = 0usize;
    let mut at_class_start = false;
    let mut class_at = 0usize;
    // Where the last whole atom starts in `out` (what a quantifier after it
    // repeats), and where each open group starts.
    let mut atom_at: Option<usize> = None;
    let mut groups: Vec<usize> = Vec::new();
    while let Some(c) = chars.next() {
        if class_depth > 0 {
            let class_start = std::mem::take(&mut at_class_start);
            match c {
                '\\' => {
                    let escaped = chars.next().ok_or("ends with a lone backslash")?;
                    out.push_str(&escape(escaped, true));
                    braced_argument(escaped, &mut chars, &mut out)?;
                }
                '[' if chars.peek() == Some(&':') => out.push_str(&posix_bracket(&mut chars)?),
                '[' => {
                    class_depth += 1;
                    out.push('[');
                    if chars.peek() == Some(&'^') {
                        out.push('^');
                        chars.next();
                    }
                    at_class_start = true;
                }
                ']' if !class_start => {
                    class_depth -= 1;
                    out.push(']');
                    if class_depth == 0 {
                        atom_at = Some(class_at);
                    }
                }
                other => out.push(other),
            }
            continue;
        }
        let start = out.len();
        match c {
            '\\' => {
                let escaped = chars.next().ok_or("ends with a lone backslash")?;
                out.push_str(&escape(escaped, false));
                braced_argument(escaped, &mut chars, &mut out)?;
                atom_at = Some(start);
            }
            '[' => {
                class_depth = 1;
                class_at = start;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                at_class_start = true;
            }
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if group_opening(&mut chars, &mut out)? {
                    groups.push(start);
                }
                atom_at = None;
            }
            '(' => {
                groups.push(start);
                out.push('(');
                atom_at = None;
            }
            ')' => {
                out.push(')');
                atom_at = groups.pop();
            }
            '*' | '+' | '?' => {
                quantifier(&mut out, &mut chars, c.to_string(), atom_at.take(), true);
            }
            '{' => match counted(&mut chars) {
                Some(bounds) => quantifier(&mut out, &mut chars, bounds, atom_at.take(), false),
                None => {
                    out.push_str("\\{");
                    atom_at = Some(start);
                }
            },
            '|' | '^' | '$' => {
                out.push(c);
                atom_at = None;
            }
            other => {
                out.push(other);
                atom_at = Some(start);
            }
        }
    }
    Ok(out)
}

/// Writes a quantifier after the atom at `atom`. A `+` after it makes
/// `*`, `+` and `?` possessive (an atomic group around the atom and the
/// quantifier) and repeats a counted repetition (a group around it); a `?`
/// after it makes it lazy.
fn quantifier(
    out: &mut String,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    quantifier: String,
    atom: Option<usize>,
    possessive: bool,
) {
    match (chars.peek(), atom) {
        (Some('+'), Some(at)) => {
            chars.next();
            let atom = out.split_off(at);
            out.push_str(if possessive { "(?>" } else { "(?:" });
            out.push_str(&atom);
            out.push_str(&quantifier);
            out.push(')');
            if !possessive {
                out.push('+');
            }
        }
        (Some('?'), _) => {
            chars.next();
            out.push_str(&quantifier);
            out.push('?');
        }
        _ => out.push_str(&quantifier),
    }
}

/// After `{`: a counted repetition `{n}`, `{n,}`, `{n,m}` or Ruby's `{,m}`
/// (consumed, written in the engines' syntax), or `None` (nothing consumed:
/// Ruby reads any other `{` as the character).
fn counted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let rest: String = chars.clone().take_while(|c| *c != '}').collect();
    let closed = chars.clone().nth(rest.chars().count()) == Some('}');
    let (low, high) = match rest.split_once(',') {
        Some((low, high)) => (low, Some(high)),
        None => (rest.as_str(), None),
    };
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    let valid = closed
        && digits(low)
        && high.is_none_or(digits)
        && !(low.is_empty() && high.is_none_or(str::is_empty));
    if !valid {
        return None;
    }
    for _ in 0..=rest.chars().count() {
        chars.next();
    }
    Some(match high {
        None => format!("{{{low}}}"),
        Some(high) if low.is_empty() => format!("{{0,{high}}}"),
        Some(high) => format!("{{{low},{high}}}"),
    })
}

/// The `{...}` of `\p{...}`, `\P{...}` and `\u{...}`, copied whole (Ruby's
/// negation `\p{^Greek}` written `\P{Greek}`).
fn braced_argument(
    escaped: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<(), String> {
    if !matches!(escaped, 'p' | 'P' | 'u') || chars.peek() != Some(&'{') {
        return Ok(());
    }
    let mut argument = String::new();
    for c in chars.by_ref() {
        argument.push(c);
        if c == '}' {
            break;
        }
    }
    if !argument.ends_with('}') {
        return Err(format!("has an unclosed \\{escaped}{{"));
    }
    if escaped != 'u'
        && let Some(name) = argument.strip_prefix("{^")
    {
        out.pop();
        out.push(if escaped == 'p' { 'P' } else { 'p' });
        out.push('{');
        out.push_str(name);
    } else {
        out.push_str(&argument);
    }
    Ok(())
}

/// An escape: Ruby's ASCII class shorthands spelled out, `\Z`, the literal
/// `\<` and `\>`; any other escape as it is.
fn escape(escaped: char, in_class: bool) -> String {
    if let Some(class) = ascii_class(escaped) {
        return member(class, in_class);
    }
    match escaped {
        'Z' if !in_class => r"(?=\n?\z)".to_owned(),
        '<' | '>' => escaped.to_string(),
        other => format!("\\{other}"),
    }
}

/// A set of characters: its members as class text, and whether it is the
/// complement of them.
type Set = (&'static str, bool);

/// Ruby's ASCII character class shorthands.
fn ascii_class(escaped: char) -> Option<Set> {
    Some(match escaped {
        'd' => ("0-9", false),
        'D' => ("0-9", true),
        'w' => ("0-9A-Za-z_", false),
        'W' => ("0-9A-Za-z_", true),
        's' => (r"\t\n\x0B\x0C\r ", false),
        'S' => (r"\t\n\x0B\x0C\r ", true),
        'h' => ("0-9A-Fa-f", false),
        'H' => ("0-9A-Fa-f", true),
        _ => return None,
    })
}

/// Ruby's POSIX brackets for Unicode strings, as Ruby itself answers them
/// (tests/ruby_patterns.rs holds the sets to Ruby on each value).
fn posix_class(name: &str) -> Option<Set> {
    const SPACE: &str = r"\p{White_Space}";
    Some(match name {
        "alnum" => (r"\p{Alphabetic}\p{Nd}", false),
        "alpha" => (r"\p{Alphabetic}", false),
        "ascii" => (r"\x00-\x7F", false),
        "blank" => (r"\p{Zs}\t", false),
        "cntrl" => (r"\p{Cc}", false),
        "digit" => (r"\p{Nd}", false),
        "graph" => (r"\p{White_Space}\p{Cc}\p{Cn}\p{Cs}", true),
        "lower" => (r"\p{Lowercase}", false),
        "print" => (r"\p{Zl}\p{Zp}\t\n\x0B\x0C\r\x{85}\p{Cc}\p{Cn}\p{Cs}", true),
        "punct" => (r"\p{P}$+<=>\^`|~", false),
        "space" => (SPACE, false),
        "upper" => (r"\p{Uppercase}", false),
        "xdigit" => ("0-9A-Fa-f", false),
        "word" => (r"\p{Alphabetic}\p{M}\p{Nd}\p{Pc}", false),
        _ => return None,
    })
}

/// A set as it is written: inside a class its members, or a nested
/// negated class; outside, a class of its own.
fn member((members, negated): Set, in_class: bool) -> String {
    match (in_class, negated) {
        (true, false) => members.to_owned(),
        (true, true) => format!("[^{members}]"),
        (false, false) => format!("[{members}]"),
        (false, true) => format!("[^{members}]"),
    }
}

/// After `[` inside a class, at `:`: a POSIX bracket (`[:alpha:]`,
/// `[:^digit:]`), written as its Unicode set.
fn posix_bracket(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, String> {
    let mut inner = String::new();
    for c in chars.by_ref() {
        inner.push(c);
        if c == ']' {
            break;
        }
    }
    let name = inner
        .strip_prefix(':')
        .and_then(|rest| rest.strip_suffix(":]"))
        .ok_or("has a malformed POSIX bracket")?;
    let (name, negated) = match name.strip_prefix('^') {
        Some(name) => (name, true),
        None => (name, false),
    };
    let (members, complement) =
        posix_class(name).ok_or_else(|| format!("has an unknown POSIX bracket [:{name}:]"))?;
    Ok(member((members, complement != negated), true))
}

/// After `(?`: Ruby's option groups (`(?mi-x)`, `(?m:...)`) with `m` meaning
/// dot-matches-newline, comments dropped, every other group copied. True
/// when a group opened (false for a comment, which is gone).
fn group_opening(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<bool, String> {
    if chars.peek() == Some(&'#') {
        for c in chars.by_ref() {
            if c == ')' {
                return Ok(false);
            }
        }
        return Err("has an unclosed (?# comment".to_owned());
    }
    let mut flags = String::new();
    while let Some(&c) = chars.peek() {
        match c {
            'i' | 'x' | '-' => flags.push(c),
            'm' => flags.push('s'),
            ':' | ')' if !flags.is_empty() => {
                out.push_str("(?");
                out.push_str(&flags);
                return Ok(true);
            }
            _ => break,
        }
        chars.next();
    }
    if !flags.is_empty() {
        return Err("has an option group hcjwt does not understand".to_owned());
    }
    out.push_str("(?");
    Ok(true)
}
