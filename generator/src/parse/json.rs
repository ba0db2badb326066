//! JSON as the docs write it: parsed leniently (comments, trailing commas,
//! wrapped strings), and parsed where it is first read.

/// JSON parsed from its block's text when first asked for, then kept.
///
/// The parse stage is on every run's longest path, on all cores; the
/// values are read by the model's helper threads, which wait for work
/// while the model's merge runs (see ARCHITECTURE.md, "Speed"). Parsing
/// each value where it is first read moved about a tenth of the parse
/// stage's CPU time onto those threads (`perf`, v1.0). The value is the same wherever it is parsed:
/// it depends on the text alone.
#[derive(Debug, Clone, Default)]
pub(super) struct LazyJson(std::sync::OnceLock<Result<serde_json::Value, JsonError>>);

impl LazyJson {
    /// A value known already (a bare number needs no JSON parser).
    pub(super) fn known(value: Result<serde_json::Value, JsonError>) -> Self {
        LazyJson(std::sync::OnceLock::from(value))
    }

    /// The value of `text`, which must be the text this value was made for.
    pub(super) fn get(&self, text: &str) -> &Result<serde_json::Value, JsonError> {
        self.0.get_or_init(|| parse_lenient_json(text))
    }

    /// The value of `text` without keeping it: parsed, or cloned if it
    /// was parsed already.
    pub(super) fn owned(&self, text: &str) -> Result<serde_json::Value, JsonError> {
        match self.0.get() {
            Some(v) => v.clone(),
            None => parse_lenient_json(text),
        }
    }
}

/// Why a JSON block does not parse, and where: line and column are 1-based
/// and counted from the block's first line, so callers add the block's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

/// Parses JSON as written in the docs. Strict JSON first; if that fails, a
/// second try without `//` comments and trailing commas, which the docs use
/// in examples. Ellipses and other prose in JSON stay errors.
pub fn parse_lenient_json(text: &str) -> Result<serde_json::Value, JsonError> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(strict) => {
            let cleaned = strip_comments_and_trailing_commas(text);
            serde_json::from_str(&cleaned).map_err(|_| {
                // serde_json's message ends with " at line L column C"; the
                // position is kept as numbers instead.
                let message = strict.to_string();
                let message = match message.rfind(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                JsonError {
                    line: strict.line().max(1) as u32,
                    column: strict.column() as u32,
                    message,
                }
            })
        }
    }
}

/// Removes what the docs write in JSON that JSON does not allow: `//` and
/// `/* */` comments and no-break spaces outside strings, line breaks inside
/// strings (a long value wrapped onto the next line), and commas before
/// `}` or `]`. Line breaks outside strings stay, so positions in errors
/// still point at the right line.
fn strip_comments_and_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\n' | '\r' => {}
                '\\' => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '\u{a0}' => out.push(' '),
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            _ => out.push(c),
        }
    }
    // Trailing commas: a comma followed only by blanks and a closing bracket.
    let bytes: Vec<char> = out.chars().collect();
    let mut result = String::with_capacity(out.len());
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            result.push(c);
            if c == '\\' && i + 1 < bytes.len() {
                result.push(bytes[i + 1]);
                i += 1;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            result.push(c);
        } else if c == ',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
            if !matches!(next, Some('}') | Some(']')) {
                result.push(c);
            }
        } else {
            result.push(c);
        }
        i += 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_json() {
        assert!(parse_lenient_json("{\"a\": 1, // note\n \"b\": [1,2,],\n}").is_ok());
        assert!(parse_lenient_json("{\"a\": \"http://x//y\",}").unwrap()["a"] == "http://x//y");
        assert!(parse_lenient_json("{\"a\": ...}").is_err());
        // Block comments, no-break spaces as indentation, a value wrapped
        // onto the next line.
        let v =
            parse_lenient_json("{\n  /* relationships */\n\u{a0}\"a\": \"x\ny\", \"b\": \"/*\"}")
                .unwrap();
        assert_eq!(v, serde_json::json!({"a": "xy", "b": "/*"}));
    }
}
