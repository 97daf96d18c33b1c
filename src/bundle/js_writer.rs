//! The text writer the JavaScript printer writes through: the code into a byte buffer, and for each
//! token the source position it came from at the line and column it was written to (columns in
//! UTF-16 code units, as source maps count them).
//!
//! It writes what swc's `JsWriter` writes, byte for byte and mapping for mapping (four spaces per
//! indentation level, a token's start and end mapped around it, a position added at a line start
//! mapped after the indentation). swc's writer drops repeated mappings with a hash set that grows
//! with the module; positions are written in order here, so a repeat can only be one of the last
//! mappings, those at the current output position, and those are the only ones compared.

use swc_core::common::{BytePos, LineCol, Span};
use swc_core::ecma::codegen::text_writer::WriteJs;

type Result = std::io::Result<()>;

const INDENT: &str = "    ";

pub struct MappedJsWriter<'a> {
    out: &'a mut Vec<u8>,
    mappings: &'a mut Vec<(BytePos, LineCol)>,
    indent: usize,
    line_start: bool,
    line: u32,
    column: u32,
    /// A position added at the start of a line, mapped once the indentation is written.
    pending: Option<BytePos>,
    /// Where, in `mappings`, the mappings of the current output position start.
    here: usize,
}

impl<'a> MappedJsWriter<'a> {
    pub fn new(out: &'a mut Vec<u8>, mappings: &'a mut Vec<(BytePos, LineCol)>) -> Self {
        let here = mappings.len();
        MappedJsWriter {
            out,
            mappings,
            indent: 0,
            line_start: true,
            line: 0,
            column: 0,
            pending: None,
            here,
        }
    }

    fn map(&mut self, position: BytePos) {
        if position.is_dummy() && position != BytePos(u32::MAX) {
            return;
        }
        let here = LineCol {
            line: self.line,
            col: self.column,
        };
        let at_here = match self.mappings.get(self.here) {
            Some((_, first)) => first.line == here.line && first.col == here.col,
            None => false,
        };
        if !at_here {
            self.here = self.mappings.len();
        } else if self.mappings[self.here..]
            .iter()
            .any(|(mapped, _)| *mapped == position)
        {
            return;
        }
        self.mappings.push((position, here));
    }

    fn write(&mut self, span: Option<Span>, text: &str) -> Result {
        if text.is_empty() {
            return Ok(());
        }
        if self.line_start {
            for _ in 0..self.indent {
                self.out.extend_from_slice(INDENT.as_bytes());
            }
            self.column += (INDENT.len() * self.indent) as u32;
            self.line_start = false;
            if let Some(pending) = self.pending.take() {
                self.map(pending);
            }
        }
        if let Some(span) = span {
            self.map(span.lo);
        }
        self.out.extend_from_slice(text.as_bytes());
        self.advance(text);
        if let Some(span) = span {
            self.map(span.hi);
        }
        Ok(())
    }

    /// Moves the output position over `text`: `\n`, `\r\n` and a lone `\r` end a line.
    fn advance(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Most writes are short tokens: one look at each byte beats setting up a vector search.
        if bytes.len() <= 16 && bytes.iter().all(|&b| b != b'\n' && b != b'\r' && b < 0x80) {
            self.column += bytes.len() as u32;
            return;
        }
        let Some(first_break) = memchr::memchr2(b'\n', b'\r', bytes) else {
            self.column += utf16_length(text);
            return;
        };
        let mut last_line_start = 0;
        let mut index = first_break;
        while index < bytes.len() {
            match bytes[index] {
                b'\r' => {
                    self.line += 1;
                    index += 1;
                    if bytes.get(index) == Some(&b'\n') {
                        index += 1;
                    }
                    last_line_start = index;
                }
                b'\n' => {
                    self.line += 1;
                    index += 1;
                    last_line_start = index;
                }
                _ => index += 1,
            }
        }
        self.column = utf16_length(&text[last_line_start..]);
    }
}

fn utf16_length(text: &str) -> u32 {
    if text.is_ascii() {
        text.len() as u32
    } else {
        text.encode_utf16().count() as u32
    }
}

impl WriteJs for MappedJsWriter<'_> {
    fn increase_indent(&mut self) -> Result {
        self.indent += 1;
        Ok(())
    }

    fn decrease_indent(&mut self) -> Result {
        self.indent = self.indent.saturating_sub(1);
        Ok(())
    }

    fn write_semi(&mut self, span: Option<Span>) -> Result {
        self.write(span, ";")
    }

    fn write_space(&mut self) -> Result {
        self.write(None, " ")
    }

    fn write_keyword(&mut self, span: Option<Span>, s: &'static str) -> Result {
        self.write(span, s)
    }

    fn write_operator(&mut self, span: Option<Span>, s: &str) -> Result {
        self.write(span, s)
    }

    fn write_param(&mut self, s: &str) -> Result {
        self.write(None, s)
    }

    fn write_property(&mut self, s: &str) -> Result {
        self.write(None, s)
    }

    fn write_line(&mut self) -> Result {
        let pending = self.pending.take();
        if !self.line_start {
            self.out.push(b'\n');
            self.line += 1;
            self.column = 0;
            self.line_start = true;
            if let Some(pending) = pending {
                self.map(pending);
            }
        }
        Ok(())
    }

    fn write_lit(&mut self, span: Span, s: &str) -> Result {
        if !s.is_empty() {
            self.map(span.lo);
            self.write(None, s)?;
            self.map(span.hi);
        }
        Ok(())
    }

    fn write_comment(&mut self, s: &str) -> Result {
        self.write(None, s)
    }

    fn write_str_lit(&mut self, span: Span, s: &str) -> Result {
        self.write_lit(span, s)
    }

    fn write_str(&mut self, s: &str) -> Result {
        self.write(None, s)
    }

    fn write_symbol(&mut self, span: Span, s: &str) -> Result {
        self.write(Some(span), s)
    }

    fn write_punct(&mut self, span: Option<Span>, s: &'static str, _: bool) -> Result {
        self.write(span, s)
    }

    fn care_about_srcmap(&self) -> bool {
        true
    }

    fn add_srcmap(&mut self, position: BytePos) -> Result {
        if self.line_start {
            self.pending = Some(position);
        } else {
            self.map(position);
        }
        Ok(())
    }

    fn commit_pending_semi(&mut self) -> Result {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::{sync::Lrc, Globals, Mark, SourceMap, GLOBALS};
    use swc_core::ecma::ast::EsVersion;
    use swc_core::ecma::codegen::{text_writer::JsWriter, Config, Emitter};
    use swc_core::ecma::transforms::base::resolver;
    use swc_core::ecma::transforms::typescript::strip;

    type Printed = (String, Vec<(u32, u32, u32)>);

    fn print_both(source: &str) -> (Printed, Printed) {
        GLOBALS.set(&Globals::new(), || {
            let cm: Lrc<SourceMap> = Default::default();
            let (_, module) = crate::test_parse::parse_typescript(&cm, source);
            let mut program = swc_core::ecma::ast::Program::Module(module);
            let (unresolved, top_level) = (Mark::new(), Mark::new());
            program.mutate(resolver(unresolved, top_level, true));
            program.mutate(strip(unresolved, top_level));
            let print = |ours: bool| {
                let mut out = Vec::new();
                let mut mappings = Vec::new();
                let config = Config::default().with_target(EsVersion::Es2022);
                if ours {
                    let mut emitter = Emitter {
                        cfg: config,
                        cm: cm.clone(),
                        comments: None,
                        wr: MappedJsWriter::new(&mut out, &mut mappings),
                    };
                    emitter.emit_program(&program).unwrap();
                } else {
                    let mut emitter = Emitter {
                        cfg: config,
                        cm: cm.clone(),
                        comments: None,
                        wr: JsWriter::new(cm.clone(), "\n", &mut out, Some(&mut mappings)),
                    };
                    emitter.emit_program(&program).unwrap();
                }
                let mappings = mappings
                    .iter()
                    .map(|(pos, at)| (pos.0, at.line, at.col))
                    .collect();
                (String::from_utf8(out).unwrap(), mappings)
            };
            (print(true), print(false))
        })
    }

    #[test]
    fn writes_what_swc_writes() {
        let source = "
            import { a } from './a';
            export enum E { A = 1, B = A << 1 }
            export class C<T> extends Array<T> {
                #p = 'é😀';
                constructor(private readonly x: number) { super(); }
                get y(): string { return `line one
line two ${this.x}`; }
                static { label: for (;;) { break label; } }
            }
            export const f = async (v: unknown) => { try { return await v; } catch { return /re+/g.test('x\\r\\ny'); } };
            if (a) { f(1); } else f(2);
            const big = { 'quoted': 1, [a]: [1, , 3], ...{ n: 1e21 } };
        ";
        let (ours, swc) = print_both(source);
        assert_eq!(ours.0, swc.0);
        assert_eq!(ours.1, swc.1);
        assert!(ours.1.len() > 50);
    }
}
