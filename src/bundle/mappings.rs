//! Turns the printer's raw mappings (a source byte position for each generated line and column) into
//! original lines and columns, the way a source map states them: lines split at `\n`, `\r\n` and a
//! lone `\r`; columns counted in UTF-16 code units.
//!
//! swc's own `build_source_map` does the same for any number of files, through a general source map
//! builder and the file's full analysis (lines, multi-byte and wide characters); a module's printer
//! output only ever points into the module's own file, so the positions are converted here with a line
//! table found with memchr, remembering the last line looked up.

use swc_core::common::LineCol;
use swc_core::common::{BytePos, SourceFile};

use crate::bundle::transform::Mapping;

/// The mappings of one printed module, in the printer's order.
pub fn original_positions(file: &SourceFile, raw: &[(BytePos, LineCol)]) -> Vec<Mapping> {
    let text = file.src.as_str();
    let lines = line_starts(text);
    let mut line = LineCursor::default();
    let mut mappings = Vec::with_capacity(raw.len());
    for &(position, generated) in raw {
        if position.is_reserved_for_comments() || position.is_dummy() {
            continue;
        }
        let (original_line, original_column) = if position == BytePos(u32::MAX) {
            // The printer's "no position, but this file" marker.
            (0, 0)
        } else if position < file.start_pos || position > file.end_pos {
            continue;
        } else {
            let offset = (position.0 - file.start_pos.0) as usize;
            line.move_to(&lines, text, offset);
            (line.index as u32, line.column_of(text, offset))
        };
        mappings.push(Mapping {
            generated_line: generated.line,
            generated_column: generated.col,
            original_line,
            original_column,
        });
    }
    mappings
}

/// Byte offsets of the starts of the text's lines.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // `\r\n` is one line break, counted at its `\n`.
        if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
            continue;
        }
        starts.push(index + 1);
    }
    starts
}

/// The line that held the last position looked up: most mappings fall on the line of the one before.
#[derive(Default)]
struct LineCursor {
    index: usize,
    /// Byte offsets in the file's text of the line's start and of the next line's start.
    start: usize,
    end: usize,
    ascii: bool,
}

impl LineCursor {
    fn move_to(&mut self, lines: &[usize], text: &str, offset: usize) {
        if offset >= self.start && offset < self.end {
            return;
        }
        self.index = match lines.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        };
        self.start = lines[self.index];
        self.end = lines.get(self.index + 1).copied().unwrap_or(text.len() + 1);
        self.ascii = text
            .as_bytes()
            .get(self.start..self.end.min(text.len()))
            .is_some_and(|bytes| bytes.is_ascii());
    }

    /// The UTF-16 column of a byte offset on this line.
    fn column_of(&self, text: &str, offset: usize) -> u32 {
        let bytes = offset.saturating_sub(self.start);
        if self.ascii {
            return bytes as u32;
        }
        match text.get(self.start..offset) {
            Some(prefix) => prefix.encode_utf16().count() as u32,
            None => bytes as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::{sync::Lrc, FileName, SourceMap};

    fn positions(text: &str, offsets: &[u32]) -> Vec<(u32, u32)> {
        let cm: Lrc<SourceMap> = Default::default();
        let file = cm.new_source_file(Lrc::new(FileName::Anon), text.to_string());
        let raw: Vec<_> = offsets
            .iter()
            .enumerate()
            .map(|(i, offset)| {
                let line_col = LineCol {
                    line: 0,
                    col: i as u32,
                };
                (BytePos(file.start_pos.0 + offset), line_col)
            })
            .collect();
        original_positions(&file, &raw)
            .iter()
            .map(|m| (m.original_line, m.original_column))
            .collect()
    }

    #[test]
    fn lines_end_at_every_kind_of_line_break() {
        let text = "ab\ncd\r\nef\rgh";
        assert_eq!(
            positions(text, &[0, 1, 3, 7, 10, 11, 4]),
            vec![(0, 0), (0, 1), (1, 0), (2, 0), (3, 0), (3, 1), (1, 1)]
        );
    }

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is two bytes and one unit; the emoji is four bytes and two units.
        let text = "x\n'é' + '😀' + y";
        let y = text.find('y').unwrap() as u32;
        let plus = text.rfind('+').unwrap() as u32;
        assert_eq!(
            positions(text, &[y, plus, 2]),
            vec![(1, 13), (1, 11), (1, 0)]
        );
    }

    #[test]
    fn matches_swc_source_map_builder() {
        let text = "const a = 'ü';\r\nfunction f() {\n  return a;\r}\n";
        let cm: Lrc<SourceMap> = Default::default();
        let file = cm.new_source_file(Lrc::new(FileName::Anon), text.to_string());
        let raw: Vec<_> = (0..text.len() as u32)
            .filter(|offset| text.is_char_boundary(*offset as usize))
            .map(|offset| {
                (
                    BytePos(file.start_pos.0 + offset),
                    LineCol {
                        line: offset,
                        col: 0,
                    },
                )
            })
            .collect();
        struct Names;
        impl swc_core::common::source_map::SourceMapGenConfig for Names {
            fn file_name_to_source(&self, f: &FileName) -> String {
                f.to_string()
            }
        }
        let expected: Vec<_> = cm
            .build_source_map(&raw, None, Names)
            .tokens()
            .map(|t| (t.get_dst_line(), t.get_src_line(), t.get_src_col()))
            .collect();
        let actual: Vec<_> = original_positions(&file, &raw)
            .iter()
            .map(|m| (m.generated_line, m.original_line, m.original_column))
            .collect();
        assert_eq!(actual, expected);
    }
}
