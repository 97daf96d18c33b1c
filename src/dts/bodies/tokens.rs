//! A light tokenizer for TypeScript text, for finding where function bodies start and end without
//! parsing them: it knows strings, template literals (with their `${}` substitutions), comments,
//! regular expressions, words and single punctuation bytes, and nothing of the grammar. A block can
//! be skipped to its `}` without tokenizing it (`Lexer::block_end`), reading only the bytes that
//! change the nesting.
//!
//! In a `.tsx` file it also knows JSX (`jsx`): an element is read whole as one token, its text
//! (where quotes and slashes are plain characters) and its `{}` expressions included.
//!
//! It gives up (returns `None`) on anything it cannot tokenize for sure: an unterminated string,
//! template, comment or regular expression, a brace that closes nothing, a merge-conflict marker,
//! JSX it does not know. The parser then sees the text as written and reports the error itself.

/// What a token is; punctuation is one byte (`=>` is the only two-byte token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    String,
    /// A template literal, or the part of one between two substitutions. `opens_substitution`: the
    /// part ends with `${` (an expression follows); `continues`: the part starts with the `}` that
    /// closed a substitution.
    Template {
        opens_substitution: bool,
        continues: bool,
    },
    Regex,
    Arrow,
    Punct(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn is_punct(&self, byte: u8) -> bool {
        self.kind == TokenKind::Punct(byte)
    }
}

/// `<<<<<<<`, `=======`, `|||||||` or `>>>>>>>` at `at`: tsc reports a merge conflict there.
fn is_conflict_marker(text: &[u8], at: usize) -> bool {
    let Some(&first) = text.get(at) else {
        return false;
    };
    matches!(first, b'<' | b'=' | b'>' | b'|')
        && text.len() >= at + 7
        && text[at..at + 7].iter().all(|&byte| byte == first)
}

fn line_end(text: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &text[from..]).map_or(text.len(), |offset| from + offset)
}

/// What an open `{` belongs to: a block or object, or a template literal's substitution.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Brace {
    Block,
    Substitution,
}

/// Tokenizes a text one token at a time (`next_token`), and can skip a block without tokenizing it
/// (`block_end`, `resume_after_block`).
pub struct Lexer<'a> {
    text: &'a [u8],
    tokens: &'a mut Vec<Token>,
    at: usize,
    braces: Vec<Brace>,
    /// Whether a `/` here starts a regular expression (the previous token cannot end an operand).
    regex_allowed: bool,
    /// A `.tsx` file: a `<` where an expression may start opens a JSX element.
    jsx: bool,
}

/// Whether an expression starts after the word, so a `/` begins a regular expression.
fn is_operator_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"return"
            | b"typeof"
            | b"instanceof"
            | b"in"
            | b"of"
            | b"new"
            | b"delete"
            | b"void"
            | b"throw"
            | b"case"
            | b"do"
            | b"else"
            | b"yield"
            | b"await"
    )
}

use crate::dts::bodies::jsx::{jsx_element_end, starts_jsx};

/// Byte classes: part of a word (identifier, keyword, number), or blank (not a line break).
const WORD: u8 = 1;
const BLANK: u8 = 2;

static CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 || b == b'\\' {
            classes[byte] = WORD;
        } else if matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
            classes[byte] = BLANK;
        }
        byte += 1;
    }
    classes
};

pub(super) fn is_word_byte(byte: u8) -> bool {
    CLASSES[byte as usize] == WORD
}

impl<'a> Lexer<'a> {
    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.at as u32,
        });
        self.regex_allowed = match kind {
            TokenKind::Word => is_operator_word(&self.text[start..self.at]),
            TokenKind::Number | TokenKind::String | TokenKind::Regex => false,
            TokenKind::Template {
                opens_substitution, ..
            } => opens_substitution,
            TokenKind::Arrow => true,
            TokenKind::Punct(byte) => !matches!(byte, b')' | b']' | b'}'),
        };
    }

    /// A lexer at the start of `text` that puts its tokens in `tokens` (emptied first); `None` for
    /// a text that cannot be tokenized for sure from its start.
    pub fn new(text: &'a [u8], tokens: &'a mut Vec<Token>, jsx: bool) -> Option<Lexer<'a>> {
        tokens.clear();
        if u32::try_from(text.len()).is_err() || is_conflict_marker(text, 0) {
            return None;
        }
        let at = if text.starts_with(b"#!") {
            line_end(text, 0)
        } else {
            0
        };
        Some(Lexer {
            text,
            tokens,
            at,
            braces: Vec::new(),
            regex_allowed: true,
            jsx,
        })
    }

    pub fn tokens(&self) -> &[Token] {
        self.tokens
    }

    /// Reads up to and including the next token: `Some(true)` when one was added to the tokens,
    /// `Some(false)` at the end of the text, `None` when the text cannot be tokenized for sure.
    pub fn next_token(&mut self) -> Option<bool> {
        let count = self.tokens.len();
        while self.at < self.text.len() {
            self.step()?;
            if self.tokens.len() > count {
                return Some(true);
            }
        }
        Some(false)
    }

    /// At the end of the text: whether every brace was closed.
    pub fn finish(&self) -> Option<()> {
        self.braces.is_empty().then_some(())
    }

    /// Reads one blank run, comment or token.
    fn step(&mut self) -> Option<()> {
        let text = self.text;
        let start = self.at;
        let byte = text[start];
        match CLASSES[byte as usize] {
            BLANK => {
                self.at = skip_class(text, start + 1, BLANK);
                return Some(());
            }
            WORD if !byte.is_ascii_digit() => {
                self.at = skip_class(text, start + 1, WORD);
                self.push(TokenKind::Word, start);
                return Some(());
            }
            _ => {}
        }
        match byte {
            b'\n' if is_conflict_marker(text, start + 1) => return None,
            b'\n' => self.at += 1,
            b'/' if text.get(start + 1) == Some(&b'/') => self.at = line_end(text, start),
            b'/' if text.get(start + 1) == Some(&b'*') => {
                let close = memchr::memmem::find(&text[start + 2..], b"*/")?;
                self.at = start + 2 + close + 2;
            }
            b'/' if self.regex_allowed => {
                self.at = regex_end(text, start)?;
                self.push(TokenKind::Regex, start);
            }
            b'\'' | b'"' => {
                self.at = string_end(text, start, byte)?;
                self.push(TokenKind::String, start);
            }
            b'`' => {
                self.at += 1;
                self.template(start, false)?;
            }
            b'{' => {
                self.braces.push(Brace::Block);
                self.at += 1;
                self.push(TokenKind::Punct(byte), start);
            }
            b'}' => match self.braces.pop()? {
                Brace::Block => {
                    self.at += 1;
                    self.push(TokenKind::Punct(byte), start);
                }
                Brace::Substitution => {
                    self.at += 1;
                    self.template(start, true)?;
                }
            },
            b'=' if text.get(start + 1) == Some(&b'>') => {
                self.at += 2;
                self.push(TokenKind::Arrow, start);
            }
            // A JSX element is an operand, read whole (like a string).
            b'<' if self.jsx && self.regex_allowed && starts_jsx(text, start) => {
                self.at = jsx_element_end(text, start)?;
                self.push(TokenKind::String, start);
            }
            b'0'..=b'9' => {
                while self.at < text.len() && (is_word_byte(text[self.at]) || text[self.at] == b'.')
                {
                    self.at += 1;
                }
                self.push(TokenKind::Number, start);
            }
            _ => {
                self.at += 1;
                self.push(TokenKind::Punct(byte), start);
            }
        }
        Some(())
    }

    /// Just after a block's `{` (the last token): the offset of the `}` that closes it, found
    /// without tokenizing what is between (see `block_end`); the lexer does not move.
    pub fn block_end(&self) -> Option<usize> {
        block_end(self.text, self.at, self.jsx)
    }

    /// Moves past the block whose `}` is at `close` (from `block_end`), adding the `}` token.
    pub fn resume_after_block(&mut self, close: usize) {
        self.braces.pop();
        self.at = close + 1;
        self.push(TokenKind::Punct(b'}'), close);
    }

    /// The rest of a template literal from `self.at`: up to its closing backquote or the next `${`.
    fn template(&mut self, start: usize, continues: bool) -> Option<()> {
        let (end, opens_substitution) = template_part_end(self.text, self.at)?;
        self.at = end;
        if opens_substitution {
            self.braces.push(Brace::Substitution);
        }
        let kind = TokenKind::Template {
            opens_substitution,
            continues,
        };
        self.push(kind, start);
        Some(())
    }
}

/// The end (after the closing quote) of the quoted string at `start`; a line break before the
/// closing quote (not escaped) is an error.
fn string_end(text: &[u8], start: usize, quote: u8) -> Option<usize> {
    let mut at = start + 1;
    loop {
        match *text.get(at)? {
            b'\\' => at += 2,
            b'\n' | b'\r' => return None,
            byte if byte == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// From inside a template literal: the end of the part (after its closing backquote, or after the
/// `${` of the next substitution) and whether a substitution opens there.
fn template_part_end(text: &[u8], mut at: usize) -> Option<(usize, bool)> {
    loop {
        match *text.get(at)? {
            b'\\' => at += 2,
            b'`' => return Some((at + 1, false)),
            b'$' if text.get(at + 1) == Some(&b'{') => return Some((at + 2, true)),
            _ => at += 1,
        }
    }
}

/// The end of the regular expression literal at `start`: after the `/` outside a character class,
/// then its flags.
fn regex_end(text: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    let mut in_class = false;
    loop {
        match *text.get(at)? {
            b'\\' => at += 2,
            b'\n' | b'\r' => return None,
            b'[' => {
                in_class = true;
                at += 1;
            }
            b']' => {
                in_class = false;
                at += 1;
            }
            b'/' if !in_class => break,
            _ => at += 1,
        }
    }
    at += 1;
    while at < text.len() && is_word_byte(text[at]) {
        at += 1;
    }
    Some(at)
}

/// The bytes that can change a block's nesting: quotes, backquotes, slashes (comments and regular
/// expressions), brackets, and line breaks (a merge-conflict marker starts a line); in `.tsx`
/// files also `<` (a JSX element).
const fn structural_bytes(jsx: bool) -> [bool; 256] {
    let mut structural = [false; 256];
    let bytes = b"\n'\"`/{}()[]<";
    let count = if jsx { bytes.len() } else { bytes.len() - 1 };
    let mut index = 0;
    while index < count {
        structural[bytes[index] as usize] = true;
        index += 1;
    }
    structural
}

static STRUCTURAL: [bool; 256] = structural_bytes(false);
static STRUCTURAL_JSX: [bool; 256] = structural_bytes(true);

/// From just after a block's `{` at `from - 1`, the offset of the `}` that closes it, found by
/// reading only the bytes that can change the nesting (`STRUCTURAL`); whether a `/` starts a
/// regular expression is told from the text before it (`regex_allowed_before`). `None` when that
/// cannot be done for sure: an unterminated literal or comment, a bracket that closes the wrong
/// one, a merge-conflict marker.
pub(super) fn block_end(text: &[u8], from: usize, jsx: bool) -> Option<usize> {
    let structural = if jsx { &STRUCTURAL_JSX } else { &STRUCTURAL };
    // `{`, `(`, `[`, or `$` for a template literal's substitution.
    let mut open: Vec<u8> = Vec::new();
    let mut at = from;
    loop {
        while at < text.len() && !structural[text[at] as usize] {
            at += 1;
        }
        let byte = *text.get(at)?;
        match byte {
            b'<' if regex_allowed_before(text, from, at) && starts_jsx(text, at) => {
                at = jsx_element_end(text, at)?;
            }
            b'\n' if is_conflict_marker(text, at + 1) => return None,
            b'\'' | b'"' => at = string_end(text, at, byte)?,
            b'`' | b'}' if byte == b'`' || open.last() == Some(&b'$') => {
                if byte == b'}' {
                    open.pop();
                }
                let (end, opens_substitution) = template_part_end(text, at + 1)?;
                at = end;
                if opens_substitution {
                    open.push(b'$');
                }
            }
            b'/' => match text.get(at + 1) {
                Some(b'/') => at = line_end(text, at),
                Some(b'*') => at = at + 2 + memchr::memmem::find(&text[at + 2..], b"*/")? + 2,
                _ if regex_allowed_before(text, from, at) => at = regex_end(text, at)?,
                _ => at += 1,
            },
            b'{' | b'(' | b'[' => {
                open.push(byte);
                at += 1;
            }
            b'}' if open.is_empty() => return Some(at),
            b'}' | b')' | b']' => {
                if open.pop()? != opener_of(byte) {
                    return None;
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
}

/// Whether a `/` (or, in `.tsx`, a `<`) at `at` starts a regular expression (a JSX element), told
/// from the text before it (back to `from`, the start of the block): not after an operand (a name, a number, a literal, a closing
/// bracket, `x++`), but after an operator, a keyword such as `return`, or at the block's start.
pub(super) fn regex_allowed_before(text: &[u8], from: usize, at: usize) -> bool {
    let mut end = at;
    while end > from && matches!(text[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    if end == from {
        return true;
    }
    let last = text[end - 1];
    if is_word_byte(last) {
        let mut start = end - 1;
        while start > from && is_word_byte(text[start - 1]) {
            start -= 1;
        }
        return is_operator_word(&text[start..end]);
    }
    match last {
        b')' | b']' | b'}' | b'\'' | b'"' | b'`' | b'/' => false,
        b'+' | b'-' => end - from < 2 || text[end - 2] != last,
        _ => true,
    }
}

/// The index of the first byte from `from` not of the class.
fn skip_class(text: &[u8], mut from: usize, class: u8) -> usize {
    while from < text.len() && CLASSES[text[from] as usize] == class {
        from += 1;
    }
    from
}

/// The bracket that `)`, `]` or `}` closes.
pub fn opener_of(closer: u8) -> u8 {
    match closer {
        b')' => b'(',
        b']' => b'[',
        _ => b'{',
    }
}
