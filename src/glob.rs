//! Glob matching for tsconfig `include`/`exclude` and package.json `files`: `*` and `?` within a path
//! segment, `**` for any number of segments.

/// Matches `path` (relative, `/`-separated) against a glob with `*`, `?` and `**` segments.
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let path: Vec<&str> = path.split('/').collect();
    match_segments(&pattern, &path)
}

fn match_segments(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| match_segments(rest, &path[skip..])),
        Some((segment, rest)) => match path.split_first() {
            Some((name, path_rest)) => {
                match_segment(segment.as_bytes(), name.as_bytes())
                    && match_segments(rest, path_rest)
            }
            None => false,
        },
    }
}

fn match_segment(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| match_segment(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && match_segment(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && match_segment(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_stay_within_a_segment_and_double_stars_cross_them() {
        assert!(glob_matches("src/*.ts", "src/a.ts"));
        assert!(!glob_matches("src/*.ts", "src/a/b.ts"));
        assert!(glob_matches("src/**/*.ts", "src/a/b.ts"));
        assert!(glob_matches("src/**/*.ts", "src/a.ts"));
        assert!(glob_matches("a?c", "abc"));
    }
}
