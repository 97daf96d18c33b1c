//! Reads JSON (package.json) and JSON with comments (tsconfig.json), reporting syntax errors at their
//! line and column in the original text.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{self, Diagnostic, Location};

/// Parses strict JSON. `what` names the file kind in messages ("package.json").
pub fn parse_json(path: &Path, text: &str, what: &str) -> Result<Value, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|error| json_error(path, text, &error, what))
}

/// Parses JSON with `//` and `/* */` comments and trailing commas, as tsc accepts in tsconfig files.
pub fn parse_jsonc(path: &Path, text: &str, what: &str) -> Result<Value, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plain = blank_comments_and_trailing_commas(text);
    serde_json::from_str(&plain).map_err(|error| json_error(path, text, &error, what))
}

fn json_error(path: &Path, text: &str, error: &serde_json::Error, what: &str) -> Diagnostic {
    let detail = error.to_string();
    let detail = match detail.rfind(" at line ") {
        Some(index) => detail[..index].to_string(),
        None => detail,
    };
    let location = Location::at_line_column(path, text, error.line(), error.column());
    diagnostics::invalid_json(location, &detail, what)
}

/// Replaces comments and trailing commas with spaces, so byte offsets, lines and columns stay those of
/// the original text.
fn blank_comments_and_trailing_commas(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut last_comma: Option<usize> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                last_comma = None;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                let end = (i + 2).min(bytes.len());
                for byte in &mut out[start..end] {
                    if *byte != b'\n' {
                        *byte = b' ';
                    }
                }
                i = end;
            }
            b',' => {
                last_comma = Some(i);
                i += 1;
            }
            b'}' | b']' => {
                if let Some(comma) = last_comma.take() {
                    out[comma] = b' ';
                }
                i += 1;
            }
            byte if byte.is_ascii_whitespace() => i += 1,
            _ => {
                last_comma = None;
                i += 1;
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_accepted() {
        let text = "{\n  // a comment\n  \"a\": [1, 2,], /* b */ \"c\": \"//not a comment\",\n}";
        let value = parse_jsonc(Path::new("tsconfig.json"), text, "tsconfig.json").unwrap();
        assert_eq!(value["a"], serde_json::json!([1, 2]));
        assert_eq!(value["c"], "//not a comment");
    }

    #[test]
    fn errors_point_at_the_original_position() {
        let text = "{\n  /* x */ \"a\": 1\n  \"b\": 2\n}";
        let error = parse_jsonc(Path::new("tsconfig.json"), text, "tsconfig.json").unwrap_err();
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (3, 3));
    }
}
