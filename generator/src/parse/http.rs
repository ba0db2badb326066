//! HTTP code blocks: request lines, headers and bodies, or a response.

use super::{LazyJson, ParseIssue};
use crate::diag::Code;

/// What an `http` code block holds.
#[derive(Debug, Clone)]
pub enum HttpMessage {
    Request(HttpRequest),
    Response(HttpResponse),
    /// Neither a request line nor a status line was found.
    Unrecognized,
}

/// One or more request lines (the `## HTTP request` blocks list several),
/// with headers and a body for example requests.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub lines: Vec<RequestLine>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
}

#[derive(Debug, Clone)]
pub struct RequestLine {
    pub line: u32,
    /// Uppercased method.
    pub method: String,
    /// The URL or path as written.
    pub target: String,
}

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub line: u32,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
}

/// A message body: its text, and the JSON value if it is JSON.
#[derive(Debug, Clone)]
pub struct Body {
    pub line: u32,
    pub text: String,
    /// Parsed from `text` when first asked for ([`Body::json`]).
    lazy_json: Option<LazyJson>,
}

impl Body {
    /// The JSON value or why it does not parse, if the body is JSON: an
    /// object, an array, or a bare number (how `$count` answers).
    pub fn json(&self) -> Option<&Result<serde_json::Value, super::JsonError>> {
        self.lazy_json.as_ref().map(|j| j.get(&self.text))
    }

    /// [`Body::json`], owned by the caller: a reader that keeps the value
    /// (an example's body, in the model) parses it for itself rather than
    /// clone a copy the page would keep too. Cloned when something has
    /// asked [`Body::json`] already.
    pub fn json_owned(&self) -> Option<Result<serde_json::Value, super::JsonError>> {
        self.lazy_json.as_ref().map(|j| j.owned(&self.text))
    }
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn request_line(text: &str) -> Option<(String, String)> {
    let mut parts = text.split_whitespace();
    let method = parts.next()?.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let target = parts.next()?.to_string();
    match parts.next() {
        None => Some((method, target)),
        Some(v) if v.starts_with("HTTP/") => Some((method, target)),
        // Targets written with spaces (`{id | userPrincipalName}`) are rejoined.
        Some(_) => {
            let rest: Vec<&str> = text.split_whitespace().skip(1).collect();
            let joined = rest.join(" ");
            let joined = joined
                .strip_suffix(" HTTP/1.1")
                .unwrap_or(&joined)
                .to_string();
            Some((method, joined))
        }
    }
}

fn header_line(text: &str) -> Option<(String, String)> {
    let (name, value) = text.split_once(':')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    Some((name.to_string(), value.trim().to_string()))
}

/// Splits an HTTP block. Blank lines between the start line and the headers
/// and a missing blank line before the body are both accepted, as the docs
/// write them either way.
pub(super) fn parse_http(first_line: u32, text: &str, issues: &mut Vec<ParseIssue>) -> HttpMessage {
    // Each line with its number and where it starts in `text`, as `lines`
    // gives them: the body is then a slice of the text from its first line
    // (see `headers_and_body`), not its lines joined again.
    let mut at = 0;
    let lines = text.lines().enumerate().map(|(i, l)| {
        let start = at;
        let end = at + l.len();
        at = if text[end..].starts_with("\r\n") {
            end + 2
        } else if text[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        (first_line + i as u32, l, start)
    });
    let mut iter = lines.skip_while(|(_, l, _)| l.trim().is_empty()).peekable();
    let Some((start_no, start, _)) = iter.next() else {
        return HttpMessage::Unrecognized;
    };
    let start = start.trim();
    // `HTTP/1.1 201 Created`, or without the version (`HTTP 201 Created`).
    let status_line = start.strip_prefix("HTTP/").map(|r| (r, 1)).or_else(|| {
        start
            .strip_prefix("HTTP ")
            .filter(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .map(|r| (r, 0))
    });
    if let Some((rest, skip)) = status_line {
        let mut parts = rest.split_whitespace().skip(skip);
        let status = parts.next().and_then(|s| s.parse::<u16>().ok());
        let Some(status) = status else {
            issues.push(ParseIssue::warning(
                Code::HttpUnparsable,
                start_no,
                format!("response status line `{start}` has no status code"),
            ));
            return HttpMessage::Unrecognized;
        };
        let reason = parts.collect::<Vec<_>>().join(" ");
        let (headers, body) = headers_and_body(text, &mut iter);
        return HttpMessage::Response(HttpResponse {
            line: start_no,
            status,
            reason,
            headers,
            body,
        });
    }
    let Some((method, target)) = request_line(start) else {
        issues.push(ParseIssue::warning(
            Code::HttpUnparsable,
            start_no,
            format!("http block starts with `{start}`, which is neither a request line nor a status line"),
        ));
        return HttpMessage::Unrecognized;
    };
    let mut request_lines = vec![RequestLine {
        line: start_no,
        method,
        target,
    }];
    // Further request lines: the `## HTTP request` blocks list one path a line.
    while let Some(&(no, l, _)) = iter.peek() {
        if l.trim().is_empty() {
            iter.next();
            continue;
        }
        match request_line(l.trim()) {
            Some((method, target)) if header_line(l).is_none() || l.contains(" /") => {
                request_lines.push(RequestLine {
                    line: no,
                    method,
                    target,
                });
                iter.next();
            }
            _ => break,
        }
    }
    let (headers, body) = headers_and_body(text, &mut iter);
    HttpMessage::Request(HttpRequest {
        lines: request_lines,
        headers,
        body,
    })
}

/// Header lines, then the body: everything from the first line that starts
/// with `{` or `[`, or that is not a header. `lines` are the lines of
/// `text` still to read, with their numbers and where each starts.
fn headers_and_body<'a, I>(
    text: &'a str,
    iter: &mut std::iter::Peekable<I>,
) -> (Vec<(String, String)>, Option<Body>)
where
    I: Iterator<Item = (u32, &'a str, usize)>,
{
    let mut headers = Vec::new();
    while let Some(&(_, l, _)) = iter.peek() {
        let t = l.trim();
        if t.is_empty() {
            iter.next();
            continue;
        }
        if t.starts_with('{') || t.starts_with('[') {
            break;
        }
        match header_line(t) {
            Some(h) => {
                headers.push(h);
                iter.next();
            }
            None => break,
        }
    }
    // Blank lines before the body are not part of it, so its line is the
    // line of its first character (JSON error positions count from there).
    let Some((body_line, _, from)) = iter.find(|(_, l, _)| !l.trim().is_empty()) else {
        return (headers, None);
    };
    // The rest of the text is the body's lines. With `\r\n` line ends they
    // are joined with `\n`, as each line was read without its end.
    let rest = &text[from..];
    let text = if rest.contains('\r') {
        rest.lines()
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    } else {
        rest.trim().to_string()
    };
    if text.is_empty() {
        return (headers, None);
    }
    // Objects and arrays; also a bare number, which is how `$count`
    // answers (`text/plain`).
    let number = text.trim().parse::<serde_json::Number>().ok();
    let is_json = text.starts_with('{') || text.starts_with('[');
    let lazy_json = match number {
        Some(n) => Some(LazyJson::known(Ok(serde_json::Value::Number(n)))),
        None => is_json.then(LazyJson::default),
    };
    (
        headers,
        Some(Body {
            line: body_line,
            text,
            lazy_json,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_with_blank_line_before_headers() {
        let text = "HTTP/1.1 201 Created\n\nContent-Type: application/json\n{\n  \"a\": 1\n}\n";
        let HttpMessage::Response(r) = parse_http(10, text, &mut vec![]) else {
            panic!()
        };
        assert_eq!(r.status, 201);
        assert_eq!(r.reason, "Created");
        assert_eq!(
            r.headers,
            vec![("Content-Type".into(), "application/json".into())]
        );
        let body = r.body.unwrap();
        assert_eq!(body.line, 13);
        assert_eq!(body.json().unwrap().as_ref().unwrap()["a"], 1);
    }

    /// Some pages write the status line without the HTTP version.
    #[test]
    fn status_line_without_version() {
        let text = "HTTP 201 Created\nContent-type: application/json\n\n{}\n";
        let HttpMessage::Response(r) = parse_http(1, text, &mut vec![]) else {
            panic!()
        };
        assert_eq!((r.status, r.reason.as_str()), (201, "Created"));
        let mut issues = vec![];
        let text = "HTTP code: 200 OK\n";
        assert!(matches!(
            parse_http(1, text, &mut issues),
            HttpMessage::Unrecognized
        ));
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn several_request_lines() {
        let text = "GET /me/messages\nGET /users/{id | userPrincipalName}/messages\n";
        let HttpMessage::Request(r) = parse_http(1, text, &mut vec![]) else {
            panic!()
        };
        assert_eq!(r.lines.len(), 2);
        assert_eq!(
            r.lines[1].target,
            "/users/{id | userPrincipalName}/messages"
        );
        assert_eq!(r.lines[1].line, 2);
    }

    #[test]
    fn body_is_the_rest_of_the_block_with_lines_ended_by_newlines() {
        for (text, expect, line) in [
            (
                "POST /x\nContent-Type: a/b\n\n{\n  \"a\": 1\n}\n\n",
                "{\n  \"a\": 1\n}",
                4,
            ),
            (
                "POST /x\r\nContent-Type: a/b\r\n\r\n{\r\n  \"a\": 1\r\n}\r\n",
                "{\n  \"a\": 1\n}",
                4,
            ),
            ("HTTP/1.1 200 OK\n\n\n[1,\n\n2]", "[1,\n\n2]", 4),
        ] {
            let (HttpMessage::Request(HttpRequest { body, .. })
            | HttpMessage::Response(HttpResponse { body, .. })) = parse_http(1, text, &mut vec![])
            else {
                panic!("{text:?}")
            };
            let body = body.expect("a body");
            assert_eq!((body.text.as_str(), body.line), (expect, line), "{text:?}");
        }
    }

    #[test]
    fn request_with_headers_and_body() {
        let text = "POST https://graph.microsoft.com/beta/x\nContent-Type: application/json\nContent-length: 5\n\n{\"a\": true}\n";
        let HttpMessage::Request(r) = parse_http(1, text, &mut vec![]) else {
            panic!()
        };
        assert_eq!(r.lines.len(), 1);
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.unwrap().line, 5);
    }
}
