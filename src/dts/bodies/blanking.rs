//! Blanks, in a TypeScript module's text, the function bodies its declarations cannot read, so
//! that a declaration-only run (`plugbuild tsc`) does not parse them: swc's parser is most of such
//! a run, and these bodies are most of a typical module's text.
//!
//! The bodies are found with a tokenizer (`tokens`), not a parser: a body after a written
//! return type (`): T {`, `): T => {`), a constructor's, a setter's, a private or `#private`
//! method's, the bodies `bodies` empties. Blanking replaces every byte between the braces with a
//! space, except line breaks, so every position in the text stays where it was.
//!
//! The caller parses the blanked text and accepts it only when every blanked range is the body
//! of a function `bodies` empties (`bodies::unread_body_spans`) and the parse had no errors;
//! otherwise it parses the text as written. So the tokenizer's guesses can cost a second parse,
//! never a different declaration. What the blanked text does not give: syntax errors inside the
//! blanked bodies (the tokenizer still rejects unbalanced brackets and unterminated strings,
//! templates, comments and regular expressions there, which the parser then reports).

use std::cell::{Cell, RefCell};

use crate::dts::bodies::tokens::{opener_of, Lexer, Token, TokenKind};

/// A module's text with unread bodies blanked.
pub struct BlankedSource {
    pub text: String,
    /// Each blanked range: from after a body's `{` to its `}` (byte offsets).
    pub bodies: Vec<(u32, u32)>,
}

/// The text with its unread bodies blanked; `None` when no body was found or the text could not
/// be tokenized for sure.
/// `jsx`: the text is `.tsx`, whose JSX the tokenizer reads as such.
pub fn blank_unread_bodies(text: &str, jsx: bool) -> Option<BlankedSource> {
    thread_local! {
        /// The tokens and bracket pairs of the last file: one pair of buffers per thread, not two
        /// fresh allocations the size of the file per file.
        static BUFFERS: RefCell<(Vec<Token>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    let bytes = text.as_bytes();
    let bodies = BUFFERS
        .with_borrow_mut(|(tokens, matching)| unread_bodies(bytes, jsx, tokens, matching))?;
    if bodies.is_empty() {
        return None;
    }
    let mut blanked = bytes.to_vec();
    for &(start, end) in &bodies {
        for byte in &mut blanked[start as usize..end as usize] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Ranges start after a `{` and end before a `}`, so no character is cut in two.
    let text = String::from_utf8(blanked).ok()?;
    Some(BlankedSource { text, bodies })
}

/// How many places that may start a body's signature are remembered at once (most are ruled out
/// at the next `{`).
const MAX_SIGNATURE_STARTS: usize = 32;

/// The ranges to blank, found while tokenizing. The places that can start an unread body's
/// signature (`):`, `constructor`, `set`, `private`, `#`) are remembered; at each `{`, they are
/// read forward, and when one leads to this `{`, the body is skipped to its `}` without being
/// tokenized (`Lexer::block_end`). `None` when the text cannot be tokenized for sure.
fn unread_bodies(
    text: &[u8],
    jsx: bool,
    tokens: &mut Vec<Token>,
    matching: &mut Vec<u32>,
) -> Option<Vec<(u32, u32)>> {
    matching.clear();
    let mut lexer = Lexer::new(text, tokens, jsx)?;
    let mut open: Vec<(usize, u8)> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut bodies = Vec::new();
    while lexer.next_token()? {
        let index = lexer.tokens().len() - 1;
        pair_brackets(lexer.tokens(), index, &mut open, matching)?;
        let token = lexer.tokens()[index];
        if let Some(start) = signature_start(text, lexer.tokens(), index) {
            if starts.len() == MAX_SIGNATURE_STARTS {
                starts.remove(0);
            }
            starts.push(start);
        }
        if !token.is_punct(b'{') || starts.is_empty() {
            continue;
        }
        let finder = BodyFinder {
            text,
            tokens: lexer.tokens(),
            matching,
            incomplete: Cell::new(false),
        };
        let mut is_body = false;
        starts.retain(|&start| {
            if is_body {
                return true;
            }
            finder.incomplete.set(false);
            let found = finder.unread_body_at(start);
            is_body = found == Some(index);
            // A start read up to a bracket still open may lead to a later `{`.
            !is_body && found.is_none() && finder.incomplete.get()
        });
        if !is_body {
            continue;
        }
        let Some(close) = lexer.block_end() else {
            continue;
        };
        let range = (token.end, close as u32);
        if can_blank(text, range) {
            bodies.push(range);
            lexer.resume_after_block(close);
            pair_brackets(lexer.tokens(), index + 1, &mut open, matching)?;
        }
    }
    lexer.finish()?;
    Some(bodies)
}

/// Notes the token at `index` in the bracket pairs: an opener waits in `open`, a closer is paired
/// with it (`None` when it closes the wrong kind).
fn pair_brackets(
    tokens: &[Token],
    index: usize,
    open: &mut Vec<(usize, u8)>,
    matching: &mut Vec<u32>,
) -> Option<()> {
    match tokens[index].kind {
        TokenKind::Punct(byte @ (b'(' | b'[' | b'{')) => {
            open.push((index, byte));
            matching.push(u32::MAX);
        }
        TokenKind::Punct(byte @ (b')' | b']' | b'}')) => {
            let (opener, opened) = open.pop()?;
            if opened != opener_of(byte) {
                return None;
            }
            matching[opener] = index as u32;
            matching.push(opener as u32);
        }
        _ => matching.push(u32::MAX),
    }
    Some(())
}

/// Where the token at `index` starts what may be an unread body's signature: the `)` of `):`, or
/// `constructor`, `set`, `private` or `#` not after a `.`.
fn signature_start(text: &[u8], tokens: &[Token], index: usize) -> Option<usize> {
    let token = &tokens[index];
    let after_dot = index > 0 && tokens[index - 1].is_punct(b'.');
    match token.kind {
        TokenKind::Punct(b':') if index > 0 && tokens[index - 1].is_punct(b')') => Some(index - 1),
        TokenKind::Punct(b'#') if !after_dot => Some(index),
        TokenKind::Word
            if !after_dot
                && matches!(
                    &text[token.start as usize..token.end as usize],
                    b"constructor" | b"set" | b"private"
                ) =>
        {
            Some(index)
        }
        _ => None,
    }
}

/// Whether the body between `start` and `end` can be blanked: it has no `import` (a dynamic import
/// is a fact the project checks need; the word anywhere, in a string or comment too, keeps the
/// body), and its last line is ASCII (a column after the `}` counts characters, and blanking turns
/// each byte into one).
fn can_blank(text: &[u8], (start, end): (u32, u32)) -> bool {
    let body = &text[start as usize..end as usize];
    if body.is_empty() || memchr::memmem::find(body, b"import").is_some() {
        return false;
    }
    let last_line = body
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(body, |at| &body[at..]);
    last_line.is_ascii()
}

/// Words that end a return type: a statement or expression keyword is never part of one.
const NOT_IN_TYPES: &[&str] = &[
    "return",
    "throw",
    "yield",
    "await",
    "case",
    "default",
    "if",
    "else",
    "for",
    "while",
    "do",
    "switch",
    "try",
    "var",
    "let",
    "const",
    "function",
    "class",
    "export",
    "async",
    "delete",
    "instanceof",
    "of",
];

/// Words a type can start with that need a type after them.
const TYPE_PREFIXES: &[&str] = &[
    "keyof", "typeof", "unique", "readonly", "infer", "asserts", "new", "abstract",
];

/// Words between `private` and a method's name.
const MEMBER_MODIFIERS: &[&str] = &[
    "static", "async", "override", "readonly", "abstract", "get", "set", "accessor",
];

/// Reads a signature forward over the tokens so far; `incomplete` notes that it needed a token not
/// read yet or the closer of a bracket still open.
struct BodyFinder<'a> {
    text: &'a [u8],
    tokens: &'a [Token],
    matching: &'a [u32],
    incomplete: Cell<bool>,
}

impl BodyFinder<'_> {
    fn word(&self, index: usize) -> &str {
        let token = &self.tokens[index];
        std::str::from_utf8(&self.text[token.start as usize..token.end as usize]).unwrap_or("")
    }

    fn is_punct(&self, index: usize, byte: u8) -> bool {
        self.kind(index) == Some(TokenKind::Punct(byte))
    }

    fn kind(&self, index: usize) -> Option<TokenKind> {
        let kind = self.tokens.get(index).map(|t| t.kind);
        if kind.is_none() {
            self.incomplete.set(true);
        }
        kind
    }

    fn closer(&self, index: usize) -> Option<usize> {
        let closer = *self.matching.get(index)?;
        if closer == u32::MAX {
            self.incomplete.set(true);
            return None;
        }
        Some(closer as usize)
    }

    /// Whether the token before `index` is a `.` (`x.constructor(`, `map.set(`, `this.#m(`).
    fn after_dot(&self, index: usize) -> bool {
        index > 0 && self.is_punct(index - 1, b'.')
    }

    /// The `{` of an unread body that the tokens from `index` introduce.
    fn unread_body_at(&self, index: usize) -> Option<usize> {
        match self.tokens[index].kind {
            TokenKind::Punct(b')') if self.is_punct(index + 1, b':') => {
                self.body_after_return_type(index + 2)
            }
            TokenKind::Punct(b'#') if !self.after_dot(index) => {
                (self.kind(index + 1)? == TokenKind::Word).then_some(())?;
                self.method_body(index + 2)
            }
            TokenKind::Word if !self.after_dot(index) => match self.word(index) {
                "constructor" if self.is_punct(index + 1, b'(') => {
                    self.body_after_params(index + 1)
                }
                "set" => self.method_body(self.after_member_name(index + 1)?),
                "private" => self.private_method_body(index + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// After `private`: modifiers, an optional `*`, the name, then the method.
    fn private_method_body(&self, mut index: usize) -> Option<usize> {
        while self.kind(index)? == TokenKind::Word
            && MEMBER_MODIFIERS.contains(&self.word(index))
            && !matches!(self.kind(index + 1)?, TokenKind::Punct(b'(' | b'<'))
        {
            index += 1;
        }
        if self.is_punct(index, b'*') {
            index += 1;
        }
        self.method_body(self.after_member_name(index)?)
    }

    /// The index after a member name at `index` (a word, string, number, `#name` or `[computed]`).
    fn after_member_name(&self, index: usize) -> Option<usize> {
        match self.kind(index)? {
            TokenKind::Word | TokenKind::String | TokenKind::Number => Some(index + 1),
            TokenKind::Punct(b'#') if self.kind(index + 1)? == TokenKind::Word => Some(index + 2),
            TokenKind::Punct(b'[') => Some(self.closer(index)? + 1),
            _ => None,
        }
    }

    /// A method from its optional type parameters: `<T>(params) {` or `(params): T {`.
    fn method_body(&self, mut index: usize) -> Option<usize> {
        if self.is_punct(index, b'<') {
            index = self.angle_end(index)? + 1;
        }
        if !self.is_punct(index, b'(') {
            return None;
        }
        self.body_after_params(index)
    }

    fn body_after_params(&self, open: usize) -> Option<usize> {
        let after = self.closer(open)? + 1;
        if self.is_punct(after, b'{') {
            Some(after)
        } else if self.is_punct(after, b':') {
            self.body_after_return_type(after + 1)
        } else {
            None
        }
    }

    /// The `>` that closes the `<` at `index`, across nested brackets.
    fn angle_end(&self, mut index: usize) -> Option<usize> {
        let mut depth = 0usize;
        loop {
            match self.kind(index)? {
                TokenKind::Punct(b'<') => depth += 1,
                TokenKind::Punct(b'>') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(index);
                    }
                }
                TokenKind::Punct(b'(' | b'[' | b'{') => index = self.closer(index)?,
                TokenKind::Punct(b')' | b']' | b'}' | b';') => return None,
                _ => {}
            }
            index += 1;
        }
    }

    /// Reads a return type from `index` (after its `:`) and gives the `{` of the body after it:
    /// the function's (`): T {`) or an arrow's (`): T => {`). `None` when what follows the `:` is
    /// not a type followed by a body.
    fn body_after_return_type(&self, mut index: usize) -> Option<usize> {
        // Whether a type must come next (or one is complete, and only an operator, a suffix or
        // the body can follow).
        let mut expect_type = true;
        loop {
            match self.kind(index)? {
                TokenKind::Punct(b'(') => {
                    let close = self.closer(index)?;
                    if expect_type && self.kind(close + 1)? == TokenKind::Arrow {
                        // A function type's parameters: its return type follows the `=>`.
                        index = close + 2;
                        continue;
                    }
                    if !expect_type && (index == 0 || self.word(index - 1) != "import") {
                        return None;
                    }
                    expect_type = false;
                    index = close + 1;
                }
                TokenKind::Punct(b'[') => {
                    index = self.closer(index)? + 1;
                    expect_type = false;
                }
                TokenKind::Punct(b'{') if !expect_type => return Some(index),
                TokenKind::Punct(b'{') => {
                    index = self.closer(index)? + 1;
                    expect_type = false;
                }
                // Type parameters (`<T>() => T`) keep a type expected; type arguments keep it
                // complete.
                TokenKind::Punct(b'<') => index = self.angle_end(index)? + 1,
                TokenKind::Arrow if !expect_type => {
                    return self.is_punct(index + 1, b'{').then_some(index + 1);
                }
                TokenKind::Punct(b'|' | b'&') => {
                    expect_type = true;
                    index += 1;
                }
                TokenKind::Punct(b'.' | b'?' | b':') if !expect_type => {
                    expect_type = true;
                    index += 1;
                }
                TokenKind::Punct(b'-') if expect_type => index += 1,
                TokenKind::Word => {
                    // After a `.` any word is a name (`Foo.default`).
                    let word = if self.after_dot(index) {
                        ""
                    } else {
                        self.word(index)
                    };
                    if NOT_IN_TYPES.contains(&word) {
                        return None;
                    }
                    if TYPE_PREFIXES.contains(&word) {
                        if !expect_type {
                            return None;
                        }
                    } else if word == "extends" || word == "is" {
                        if expect_type {
                            return None;
                        }
                        expect_type = true;
                    } else {
                        if !expect_type {
                            return None;
                        }
                        expect_type = false;
                    }
                    index += 1;
                }
                TokenKind::Number | TokenKind::String if expect_type => {
                    expect_type = false;
                    index += 1;
                }
                TokenKind::Template {
                    opens_substitution,
                    continues,
                } if continues != expect_type => {
                    expect_type = opens_substitution;
                    index += 1;
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with blanked bodies shown as `{…}` (line breaks kept), or `None`.
    fn blanked(text: &str) -> Option<String> {
        let blanked = blank_unread_bodies(text, false)?;
        assert_eq!(blanked.text.len(), text.len(), "positions are kept");
        let mut shown = String::new();
        let mut at = 0;
        for (start, end) in blanked.bodies {
            shown.push_str(&text[at..start as usize]);
            let lines = text[start as usize..end as usize].matches('\n').count();
            shown.push('…');
            shown.push_str(&"\n".repeat(lines));
            at = end as usize;
        }
        shown.push_str(&text[at..]);
        Some(shown)
    }

    #[test]
    fn bodies_after_written_return_types_are_blanked() {
        assert_eq!(
            blanked("export function f(a: number): string {\n  return `${a}`;\n}\n").unwrap(),
            "export function f(a: number): string {…\n\n}\n"
        );
        assert_eq!(
            blanked("const g = async (a: A): Promise<{ x: number }> => { return { x: 1 }; };")
                .unwrap(),
            "const g = async (a: A): Promise<{ x: number }> => {…};"
        );
        assert_eq!(
            blanked("class C { get n(): number { return 1 } m<T>(t: T): T[] { return [t] } }")
                .unwrap(),
            "class C { get n(): number {…} m<T>(t: T): T[] {…} }"
        );
        // Object types, function types, conditional types, predicates, template literal types.
        for signature in [
            "function f(): { a: number; b: () => void } {",
            "function f(): () => { a: 1 } {",
            "function f(): new (x: string) => Map<string, Array<number>> {",
            "function f<T>(t: T): T extends string ? { s: T } : never {",
            "function f(x: unknown): x is string {",
            "function f(x: unknown): asserts x is Foo.Bar {",
            "function f(): `a${string}b` {",
            "function f(): typeof import('./x').default {",
            "function f(): -1 | 'a' | [number, ...string[]] {",
            "function* f(): Generator<number, void, unknown> {",
        ] {
            let text = format!("{signature} body(); }}");
            assert_eq!(blanked(&text).unwrap(), format!("{signature}…}}"), "{text}");
        }
    }

    #[test]
    fn constructors_setters_and_private_methods_are_blanked() {
        let text = "class C {\n  constructor(private readonly x: number = 1) { super(); }\n  set v(value) { this.x = value; }\n  private async m<T>(t) { return t; }\n  #p() { return 1; }\n  private x = () => { return 2; };\n  n() { return 3; }\n}";
        assert_eq!(
            blanked(text).unwrap(),
            "class C {\n  constructor(private readonly x: number = 1) {…}\n  set v(value) {…}\n  private async m<T>(t) {…}\n  #p() {…}\n  private x = () => { return 2; };\n  n() { return 3; }\n}"
        );
        // Calls are not members.
        assert!(blanked("map.set(k, v); a.constructor(); this.#p(); f() { }").is_none());
    }

    #[test]
    fn bodies_without_return_types_are_kept_and_searched() {
        let text = "export function outer(a) {\n  const inner = (b: number): number => { return b; };\n  return inner(a);\n}";
        assert_eq!(
            blanked(text).unwrap(),
            "export function outer(a) {\n  const inner = (b: number): number => {…};\n  return inner(a);\n}"
        );
    }

    #[test]
    fn what_is_not_a_return_type_is_not_read_as_one() {
        for text in [
            "interface I { m(): void; n(): Promise<string>\n  o(): number }",
            "function f(a: number): string;\nfunction g() {}",
            "const x = c ? f(a) : b;\nif (x) { y(); }",
            "switch (k) { case (a): return { a: 1 }; }",
            "const o = { a: (1), b: f(2) ? 3 : 4 };",
            "abstract class A { abstract m(): void }",
        ] {
            assert_eq!(blanked(text), None, "{text}");
        }
    }

    #[test]
    fn strings_templates_comments_and_regexes_do_not_end_a_body() {
        let text = "function f(): string {\n  const s = '}' + \"{\" + `${ { a: '}' }.a }` + /[}]{2}/.source; // }\n  /* } */ return s;\n}\nconst after = 1;";
        assert_eq!(
            blanked(text).unwrap(),
            "function f(): string {…\n\n\n}\nconst after = 1;"
        );
    }

    #[test]
    fn skipped_bodies_tell_regular_expressions_from_divisions() {
        let text = "function f(total: number, s: string): boolean {\n  let i = 0; i++ / 2;\n  const half = total / 2 / (1);\n  if (s) { return /[}]/.test(s) && /}/.test(s); }\n  return typeof /{/ === 'object';\n}\nexport const after = 1;";
        assert_eq!(
            blanked(text).unwrap(),
            "function f(total: number, s: string): boolean {…\n\n\n\n\n}\nexport const after = 1;"
        );
    }

    #[test]
    fn bodies_with_imports_or_non_ascii_last_lines_are_kept() {
        assert_eq!(
            blanked("async function f(): Promise<unknown> { return import('./x'); }"),
            None
        );
        assert_eq!(blanked("function f(): string { return 'é'; }"), None);
        assert_eq!(
            blanked("function f(): string {\n  return 'é';\n}").unwrap(),
            "function f(): string {…\n\n}"
        );
    }

    /// `.tsx`: JSX text is not code, inside a blanked body and outside one.
    #[test]
    fn tsx_bodies_are_blanked_past_their_jsx() {
        let blanked_tsx = |text: &str| {
            let blanked = blank_unread_bodies(text, true)?;
            Some(
                blanked
                    .bodies
                    .iter()
                    .map(|&(a, b)| text[a as usize..b as usize].to_string())
                    .collect::<Vec<_>>(),
            )
        };
        let text = "export function Card(): JSX.Element {\n  return <p title='it\"s'>Don't // stop</p>;\n}\nexport const Other = () => <a href=\"/x\">{'}'}</a>;\nfunction g(): number { return 1; }\n";
        assert_eq!(
            blanked_tsx(text).unwrap(),
            [
                "\n  return <p title='it\"s'>Don't // stop</p>;\n",
                " return 1; "
            ]
        );
        // Generic arrow functions are not elements; a `<` between operands compares.
        let text = "const id = <T,>(t: T): T => { return t; };\nconst less = (a: number, b: number): boolean => { return a <b; };";
        assert_eq!(
            blanked_tsx(text).unwrap(),
            [" return t; ", " return a <b; "]
        );
        // The same apostrophe in a `.ts` reading would be a string without an end.
        let text = "function f(): JSX.Element { return <p>Don't</p>; }";
        assert!(blank_unread_bodies(text, false).is_none());
        assert!(blanked_tsx(text).is_some());
    }

    #[test]
    fn what_cannot_be_tokenized_for_sure_is_not_blanked() {
        for text in [
            "function f(): string { return 'unterminated\n}",
            "function f(): string { return `open ${ }",
            "function f(): number { /* open\n}",
            "function f(): number { return ((1); }",
            "function f(): number { return 1; }\n<<<<<<< HEAD\n",
            "function f(): number { return 1; }}",
        ] {
            assert!(blank_unread_bodies(text, false).is_none(), "{text}");
        }
    }
}
