//! The JSDoc of a configuration type's members as ts-json-schema-generator reads it: the
//! description with tsc's line joining, and the tags with their text (JSON5 values where they parse).

use serde_json::Value;

/// Where `annotations` puts `@items.<key>` keywords until the property's schema takes them into
/// its `items`.
pub(crate) const NESTED_ITEMS: &str = "\u{0}items";

/// A JSDoc comment's text (without `/**` and `*/`): its description, as tsc joins its lines, and
/// its tags with their text. As in tsc, an `@` at the start of a line or after whitespace, before a
/// letter, starts a tag (`provided by @backstage/x` ends the description there).
///
/// `resolves` says whether a `{@link name}` names something tsc finds from the comment's file.
pub(crate) fn parse_jsdoc(
    comment: &str,
    resolves: &dyn Fn(&str) -> bool,
) -> (String, Vec<(String, String)>) {
    let text = comment
        .lines()
        .map(|line| {
            let line = line.trim();
            let line = line.strip_prefix('*').unwrap_or(line);
            line.strip_prefix(' ').unwrap_or(line).trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = text.chars().collect();
    let starts_tag = |index: usize| {
        chars[index] == '@'
            && (index == 0 || chars[index - 1].is_whitespace())
            && chars
                .get(index + 1)
                .is_some_and(|c| c.is_ascii_alphabetic())
    };
    let mut description = String::new();
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if starts_tag(index) {
            let name_end = (index + 1..chars.len())
                .find(|&i| !(chars[i].is_ascii_alphanumeric() || chars[i] == '_'))
                .unwrap_or(chars.len());
            let name: String = chars[index + 1..name_end].iter().collect();
            tags.push((name, String::new()));
            index = name_end;
            continue;
        }
        match tags.last_mut() {
            Some((_, text)) => text.push(chars[index]),
            None => description.push(chars[index]),
        }
        index += 1;
    }
    let tags = tags
        .into_iter()
        .map(|(name, text)| {
            let text = if text.starts_with('.') {
                text.trim_end()
            } else {
                text.trim()
            };
            (name, text.to_string())
        })
        .collect();
    (
        join_description(&with_link_parts(&description, resolves)),
        tags,
    )
}

/// The description as ts-json-schema-generator sees it when it contains inline links: tsc gives the
/// text and each link as separate parts (`{@link `, the name, an optional text, `}`), and the
/// generator joins the parts with spaces. A name tsc cannot resolve becomes one text part with a
/// trailing separator.
fn with_link_parts(description: &str, resolves: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(description.len());
    let mut rest = description;
    while let Some(at) = rest.find("{@link") {
        let after = &rest[at + 1..];
        let tag_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '@'))
            .unwrap_or(after.len());
        let (tag, inside) = after.split_at(tag_end);
        let Some(close) = inside.find('}') else {
            break;
        };
        if !matches!(tag, "@link" | "@linkcode" | "@linkplain") {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        }
        let content = inside[..close].trim_start();
        let name_end = content
            .find(|c: char| c.is_whitespace() || c == '|')
            .unwrap_or(content.len());
        let (name, text) = content.split_at(name_end);
        let text = text.trim_start();
        let text = text
            .strip_prefix('|')
            .map_or(text, str::trim_start)
            .trim_end();
        let mut parts = vec![format!("{{{tag} ")];
        if name.contains("://") {
            // A URL is no name: tsc keeps the link's whole text as one part.
            parts.push(content.trim_end().to_string());
        } else if resolves(name.split('.').next().unwrap_or(name)) {
            parts.push(name.to_string());
            if !text.is_empty() {
                parts.push(text.to_string());
            }
        } else {
            parts.push(format!("{name} {text}"));
        }
        parts.push("}".to_string());
        let before = &rest[..at];
        if !out.is_empty() || !before.is_empty() {
            out.push_str(before);
            out.push(' ');
        }
        out.push_str(&parts.join(" "));
        rest = &inside[close + 1..];
        if !rest.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// tsc's documentation text with ts-json-schema-generator's joining: a line break inside a
/// paragraph becomes a space (not before a list item or another break).
pub(crate) fn join_description(text: &str) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let before = index > 0 && chars[index - 1] != '\n';
            let after = chars
                .get(index + 1)
                .is_some_and(|n| !matches!(n, '\n' | '*' | '-'));
            if before && after {
                out.push(' ');
                continue;
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// A tag's text as JSON5 reads it (`600`, `false`, `'x'`, `['a', 'b']`), else the text itself.
pub(crate) fn json5_or_text(text: &str) -> Value {
    serde_json::from_str::<Value>(text)
        .or_else(|_| serde_json::from_str::<Value>(&double_quoted(text)))
        .unwrap_or_else(|_| Value::String(text.to_string()))
}

/// JSON5's single-quoted strings as JSON strings (`['a', "b"]` -> `["a", "b"]`).
pub(crate) fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                out.push('"');
                for inner in chars.by_ref() {
                    match inner {
                        '\'' => break,
                        '"' => out.push_str("\\\""),
                        other => out.push(other),
                    }
                }
                out.push('"');
            }
            other => out.push(other),
        }
    }
    out
}

/// Moves `@items.<key>` keywords into each array schema's `items`, below `value`.
pub(crate) fn place_nested_items(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(nested)) = map.shift_remove(NESTED_ITEMS) {
                if let Some(Value::Object(items)) = map.get_mut("items") {
                    items.extend(nested);
                }
            }
            for child in map.values_mut() {
                place_nested_items(child);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(place_nested_items),
        _ => {}
    }
}
