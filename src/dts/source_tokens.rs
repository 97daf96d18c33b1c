//! A light tokenizer for TypeScript text, for finding where function bodies start and end without
//! parsing them: it knows strings, template literals (with their `${}` substitutions), comments,
//! regular expressions, words and single punctuation bytes, and nothing of the grammar.
//!
//! It gives up (returns `None`) on anything it cannot tokenize for sure: an unterminated string,
//! template, comment or regular expression, a brace that closes nothing, a merge-conflict marker.
//! The parser then sees the text as written and reports the error itself.

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

    pub fn is_word(&self, text: &[u8], word: &str) -> bool {
        self.kind == TokenKind::Word
            && &text[self.start as usize..self.end as usize] == word.as_bytes()
    }
}

/// Puts the text's tokens in `tokens` (emptied first; a caller reuses one buffer for many files),
/// or gives `None` when the text cannot be tokenized for sure (see the module comment).
pub fn tokenize(text: &[u8], tokens: &mut Vec<Token>) -> Option<()> {
    tokens.clear();
    if u32::try_from(text.len()).is_err() || is_conflict_marker(text, 0) {
        return None;
    }
    let mut lexer = Lexer {
        text,
        at: 0,
        braces: Vec::new(),
        regex_allowed: true,
        tokens,
    };
    if text.starts_with(b"#!") {
        lexer.at = line_end(text, 0);
    }
    lexer.run()
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
    text[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |offset| from + offset)
}

/// What an open `{` belongs to: a block or object, or a template literal's substitution.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Brace {
    Block,
    Substitution,
}

struct Lexer<'a> {
    text: &'a [u8],
    tokens: &'a mut Vec<Token>,
    at: usize,
    braces: Vec<Brace>,
    /// Whether a `/` here starts a regular expression (the previous token cannot end an operand).
    regex_allowed: bool,
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

fn is_word_byte(byte: u8) -> bool {
    CLASSES[byte as usize] == WORD
}

impl Lexer<'_> {
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

    fn run(&mut self) -> Option<()> {
        let text = self.text;
        while self.at < text.len() {
            let start = self.at;
            let byte = text[start];
            match CLASSES[byte as usize] {
                BLANK => {
                    self.at = skip_class(text, start + 1, BLANK);
                    continue;
                }
                WORD if !byte.is_ascii_digit() => {
                    self.at = skip_class(text, start + 1, WORD);
                    self.push(TokenKind::Word, start);
                    continue;
                }
                _ => {}
            }
            match byte {
                b'\n' if is_conflict_marker(text, start + 1) => return None,
                b'\n' => self.at += 1,
                b'/' if text.get(start + 1) == Some(&b'/') => self.at = line_end(text, start),
                b'/' if text.get(start + 1) == Some(&b'*') => {
                    let close = find(&text[start + 2..], b"*/")?;
                    self.at = start + 2 + close + 2;
                }
                b'/' if self.regex_allowed => {
                    self.regex(start)?;
                    self.push(TokenKind::Regex, start);
                }
                b'\'' | b'"' => {
                    self.string(start, byte)?;
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
                b'0'..=b'9' => {
                    while self.at < text.len()
                        && (is_word_byte(text[self.at]) || text[self.at] == b'.')
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
        }
        self.braces.is_empty().then_some(())
    }

    /// A quoted string; a line break before the closing quote (not escaped) is an error.
    fn string(&mut self, start: usize, quote: u8) -> Option<()> {
        let text = self.text;
        let mut at = start + 1;
        loop {
            match *text.get(at)? {
                b'\\' => at += 2,
                b'\n' | b'\r' => return None,
                byte if byte == quote => break,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        Some(())
    }

    /// The rest of a template literal from `self.at`: up to its closing backquote or the next `${`.
    fn template(&mut self, start: usize, continues: bool) -> Option<()> {
        let text = self.text;
        let mut at = self.at;
        loop {
            match *text.get(at)? {
                b'\\' => at += 2,
                b'`' => {
                    self.at = at + 1;
                    let kind = TokenKind::Template {
                        opens_substitution: false,
                        continues,
                    };
                    self.push(kind, start);
                    return Some(());
                }
                b'$' if text.get(at + 1) == Some(&b'{') => {
                    self.at = at + 2;
                    self.braces.push(Brace::Substitution);
                    let kind = TokenKind::Template {
                        opens_substitution: true,
                        continues,
                    };
                    self.push(kind, start);
                    return Some(());
                }
                _ => at += 1,
            }
        }
    }

    /// A regular expression literal: up to the `/` outside a character class, then its flags.
    fn regex(&mut self, start: usize) -> Option<()> {
        let text = self.text;
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
        self.at = at;
        Some(())
    }
}

/// The index of the first byte from `from` not of the class.
fn skip_class(text: &[u8], mut from: usize, class: u8) -> usize {
    while from < text.len() && CLASSES[text[from] as usize] == class {
        from += 1;
    }
    from
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Puts in `matching`, for each `(`, `[` and `{` token, the index of the token that closes it (and
/// the other way round); `None` when the brackets do not pair up.
pub fn matching_brackets(tokens: &[Token], matching: &mut Vec<u32>) -> Option<()> {
    matching.clear();
    matching.resize(tokens.len(), u32::MAX);
    let mut open = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let TokenKind::Punct(byte) = token.kind else {
            continue;
        };
        match byte {
            b'(' | b'[' | b'{' => open.push((index, byte)),
            b')' | b']' | b'}' => {
                let (opener, opened) = open.pop()?;
                let expected = match byte {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if opened != expected {
                    return None;
                }
                matching[opener] = index as u32;
                matching[index] = opener as u32;
            }
            _ => {}
        }
    }
    open.is_empty().then_some(())
}
