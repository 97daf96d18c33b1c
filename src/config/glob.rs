//! Glob matching for tsconfig `include`/`exclude` and package.json `files`: `*` and `?` within a path
//! segment, `**` for any number of segments.

/// Matches `path` (relative, `/`-separated) against a glob with `*`, `?` and `**` segments.
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let path: Vec<&str> = path.split('/').collect();
    match_segments(&pattern, &path)
}

/// Whether a path inside `folder` (relative, `/`-separated) can match the glob: false when the
/// folder's own path already departs from it.
pub fn glob_may_match_below(pattern: &str, folder: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let folder: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    may_match_below(&pattern, &folder)
}

fn may_match_below(pattern: &[&str], folder: &[&str]) -> bool {
    match (pattern.split_first(), folder.split_first()) {
        (Some((&"**", _)), _) => true,
        // The folder is inside what the pattern's remaining segments can still reach.
        (Some(_), None) => true,
        (None, _) => false,
        (Some((segment, rest)), Some((name, folder_rest))) => {
            match_segment(segment.as_bytes(), name.as_bytes()) && may_match_below(rest, folder_rest)
        }
    }
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

    #[test]
    fn folders_that_cannot_hold_a_match_are_recognised() {
        assert!(glob_may_match_below("plugins/*/src/**/*", "plugins"));
        assert!(glob_may_match_below("plugins/*/src/**/*", "plugins/a"));
        assert!(glob_may_match_below(
            "plugins/*/src/**/*",
            "plugins/a/src/x/y"
        ));
        assert!(!glob_may_match_below(
            "plugins/*/src/**/*",
            "plugins/a/dist"
        ));
        assert!(!glob_may_match_below("plugins/*/src/**/*", "tsc-types"));
        assert!(!glob_may_match_below("src/*.ts", "src/a"));
        assert!(glob_may_match_below("**/*", "anything/at/all"));
    }
}
