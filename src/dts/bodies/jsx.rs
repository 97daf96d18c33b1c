//! JSX for the light tokenizer (`tokens`) of `.tsx` files: where an element starts, and where it
//! ends, read as a whole. Inside an element, text is plain characters (an apostrophe in
//! `<p>Don't</p>` opens no string, `</p>` no regular expression); attribute values are quoted
//! strings without escapes, `{}` expressions (read as blocks, so they may hold JSX again) or
//! elements. Anything else (type arguments on a tag, comments between attributes, a `>` or `}` in
//! text, a closing tag that does not match) gives up with `None`, and the file is parsed as
//! written.

use crate::dts::bodies::tokens::{block_end, is_word_byte};

/// Whether the `<` at `at`, where an expression may start, opens a JSX element or fragment: a
/// name or `>` follows, and it is not the type parameter list of a generic arrow function
/// (`<T,>(t: T) => t`, `<T extends U>(t: T) => t`), the forms a `.tsx` file writes those in.
pub(super) fn starts_jsx(text: &[u8], at: usize) -> bool {
    match text.get(at + 1) {
        Some(b'>') => true,
        Some(&byte) if is_name_start(byte) => {
            let after = skip_blank(text, name_end(text, at + 1));
            let extends = text[after..].starts_with(b"extends")
                && !text.get(after + 7).is_some_and(|&b| is_word_byte(b));
            text.get(after) != Some(&b',') && !extends
        }
        _ => false,
    }
}

/// The end (after its last `>`) of the JSX element or fragment whose `<` is at `start`.
pub(super) fn jsx_element_end(text: &[u8], start: usize) -> Option<usize> {
    let name_start = start + 1;
    let mut at = name_end(text, name_start);
    let name = &text[name_start..at];
    // Attributes, up to `>` or `/>`.
    loop {
        at = skip_blank(text, at);
        match *text.get(at)? {
            b'/' if text.get(at + 1) == Some(&b'>') => return Some(at + 2),
            b'>' if !name.is_empty() || at == name_start => {
                at += 1;
                break;
            }
            b'{' if !name.is_empty() => at = block_end(text, at + 1, true)? + 1,
            byte if is_name_start(byte) && !name.is_empty() => {
                at = name_end(text, at);
                let after = skip_blank(text, at);
                if text.get(after) == Some(&b'=') {
                    at = attribute_value_end(text, skip_blank(text, after + 1))?;
                }
            }
            _ => return None,
        }
    }
    // Children, up to the closing tag.
    loop {
        let offset = text[at..]
            .iter()
            .position(|byte| matches!(byte, b'<' | b'{' | b'>' | b'}'))?;
        at += offset;
        match text[at] {
            b'{' => at = block_end(text, at + 1, true)? + 1,
            b'<' if text.get(at + 1) == Some(&b'/') => {
                let closing_start = skip_blank(text, at + 2);
                let closing_end = name_end(text, closing_start);
                if &text[closing_start..closing_end] != name {
                    return None;
                }
                let close = skip_blank(text, closing_end);
                return (text.get(close) == Some(&b'>')).then_some(close + 1);
            }
            b'<' if starts_jsx(text, at) => at = jsx_element_end(text, at)?,
            _ => return None,
        }
    }
}

/// The end of an attribute's value at `at`: a quoted string (JSX strings have no escapes and may
/// span lines), a `{}` expression, or an element.
fn attribute_value_end(text: &[u8], at: usize) -> Option<usize> {
    match *text.get(at)? {
        quote @ (b'"' | b'\'') => {
            let close = memchr::memchr(quote, &text[at + 1..])?;
            Some(at + 1 + close + 1)
        }
        b'{' => Some(block_end(text, at + 1, true)? + 1),
        b'<' if starts_jsx(text, at) => jsx_element_end(text, at),
        _ => None,
    }
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// The end of a tag or attribute name from `at`: `div`, `Foo.Bar`, `svg:rect`, `aria-label`.
fn name_end(text: &[u8], mut at: usize) -> usize {
    while at < text.len()
        && (is_word_byte(text[at]) && text[at] != b'\\' || matches!(text[at], b'.' | b':' | b'-'))
    {
        at += 1;
    }
    at
}

fn skip_blank(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && matches!(text[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(text: &str) -> Option<&str> {
        jsx_element_end(text.as_bytes(), 0).map(|end| &text[..end])
    }

    #[test]
    fn elements_end_after_their_closing_tag_whatever_their_text_holds() {
        for text in [
            "<p>Don't \"quote\" a/b // c /* d</p>",
            "<div className=\"a'b\" data-x='y\"z' aria-label=\"x\">\n  <span>{`}${1}`}</span>\n</div>",
            "<Foo.Bar a={{ b: '}' }} {...rest} on={(e): void => { go(e); }}>text</Foo.Bar>",
            "<>\n  <A />\n  {cond && <B x={<C />} />}\n  {/* } */}\n</>",
            "<svg:rect width={1} />",
            "<ul>{items.map((item) => <li key={item}>{item < 2 ? 'a' : \"b\"}</li>)}</ul>",
        ] {
            assert_eq!(element(&format!("{text} rest")), Some(text), "{text}");
        }
    }

    #[test]
    fn what_is_not_jsx_it_knows_gives_up() {
        for text in [
            "<p>a > b</p>",
            "<p>}</p>",
            "<a></b>",
            "<Select<Option> value={1} />",
            "<div // comment\n a=\"1\" />",
            "<p>unclosed",
        ] {
            assert_eq!(element(text), None, "{text}");
        }
    }

    #[test]
    fn generic_arrow_functions_are_not_elements() {
        assert!(!starts_jsx(b"<T,>(t: T) => t", 0));
        assert!(!starts_jsx(b"<T extends object>(t: T) => t", 0));
        assert!(starts_jsx(b"<Table>", 0));
        assert!(starts_jsx(b"<>", 0));
        assert!(!starts_jsx(b"< 2", 0));
    }
}
