//! The only module that prints. Renders diagnostics (with code frames) and progress lines to stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Decides colour and verbosity, and writes everything the user reads on stderr.
pub struct Printer {
    color: bool,
    quiet: bool,
    base: PathBuf,
}

impl Printer {
    pub fn new(choice: ColorChoice, quiet: bool) -> Printer {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                    false
                } else if std::env::var_os("FORCE_COLOR").is_some_and(|v| !v.is_empty() && v != "0")
                {
                    true
                } else {
                    std::io::stderr().is_terminal()
                }
            }
        };
        let base = std::env::current_dir().unwrap_or_default();
        Printer { color, quiet, base }
    }

    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut out = String::new();
        for diagnostic in diagnostics {
            // `--quiet` promises errors and warnings only.
            if self.quiet && diagnostic.severity == Severity::Note {
                continue;
            }
            out.push_str(&render(diagnostic, &self.base, self.color));
        }
        let _ = std::io::stderr().write_all(out.as_bytes());
    }

    /// A one-line status message (suppressed by --quiet).
    pub fn status(&self, verb: &str, text: &str) {
        if self.quiet {
            return;
        }
        let verb = if self.color {
            format!("\x1b[1;32m{verb:>9}\x1b[0m")
        } else {
            format!("{verb:>9}")
        };
        eprintln!("{verb} {text}");
    }

    /// A closing line for a failed command (never suppressed).
    pub fn failure(&self, text: &str) {
        eprintln!("{text}");
    }

    /// Data the user asked for, on stdout.
    pub fn data(&self, text: &str) {
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(text.as_bytes());
    }

    /// Diagnostics the way tsc prints them: `path(line,col): error TS2307: message` lines and a
    /// closing `Found N errors in M files.`; with `pretty` (default: on a terminal) as
    /// `path:line:col - error TS2307: message` with the code frame.
    pub fn tsc_diagnostics(&self, diagnostics: &[Diagnostic], pretty: Option<bool>) {
        let pretty = pretty.unwrap_or_else(|| std::io::stderr().is_terminal());
        let (notes, mut diagnostics): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .iter()
            .cloned()
            .partition(|d| d.severity == Severity::Note);
        self.diagnostics(&notes);
        diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let path = d
                    .location
                    .as_ref()
                    .map(|l| l.path.clone())
                    .or(d.file.clone());
                (path, d.location.as_ref().map(|l| (l.line, l.column)))
            };
            key(a).cmp(&key(b))
        });
        let mut out = String::new();
        for diagnostic in &diagnostics {
            out.push_str(&render_tsc(diagnostic, &self.base, pretty, self.color));
        }
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        if !errors.is_empty() {
            let mut files: Vec<String> = errors
                .iter()
                .filter_map(|d| {
                    d.location
                        .as_ref()
                        .map(|l| l.path.clone())
                        .or(d.file.clone())
                })
                .map(|p| display_path(&p, &self.base))
                .collect();
            files.sort();
            files.dedup();
            let count = errors.len();
            let plural = if count == 1 { "" } else { "s" };
            match files.len() {
                0 => out.push_str(&format!("\nFound {count} error{plural}.\n")),
                1 => out.push_str(&format!("\nFound {count} error{plural} in {}.\n", files[0])),
                n => out.push_str(&format!("\nFound {count} error{plural} in {n} files.\n")),
            }
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
    }

    pub fn display_path(&self, path: &Path) -> String {
        display_path(path, &self.base)
    }
}

pub fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else {
        format!("{:.1} kB", bytes as f64 / 1000.0)
    }
}

/// One diagnostic in tsc's format (see `Printer::tsc_diagnostics`).
pub fn render_tsc(diagnostic: &Diagnostic, base: &Path, pretty: bool, color: bool) -> String {
    let style = Style { on: color };
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "message",
    };
    let code = diagnostic
        .code
        .clone()
        .unwrap_or_else(|| "PB0000".to_string());
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str(&format!(" ({hint})"));
    }
    match (&diagnostic.location, pretty) {
        (Some(location), false) => format!(
            "{}({},{}): {severity} {code}: {message}\n",
            display_path(&location.path, base),
            location.line,
            location.column
        ),
        (Some(location), true) => {
            let mut out = format!(
                "{}:{}:{} - {} {}: {message}\n\n",
                style.paint("36", &display_path(&location.path, base)),
                style.paint("33", &location.line.to_string()),
                style.paint("33", &location.column.to_string()),
                style.paint(if severity == "error" { "31" } else { "33" }, severity),
                style.paint("90", &code),
            );
            let number = location.line.to_string();
            out.push_str(&format!(
                "{} {}\n",
                style.paint("7", &number),
                location.line_text
            ));
            let pad: String = " ".repeat(location.column.saturating_sub(1));
            out.push_str(&format!(
                "{} {pad}{}\n\n",
                style.paint("7", &" ".repeat(number.len())),
                style.paint("31", &"~".repeat(location.length.max(1)))
            ));
            out
        }
        (None, _) => {
            let file = diagnostic
                .file
                .as_ref()
                .map(|f| format!("{}: ", display_path(f, base)))
                .unwrap_or_default();
            format!("{file}{severity} {code}: {message}\n")
        }
    }
}

pub fn display_path(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    let text = shown.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders one diagnostic in the rustc/esbuild style:
///
/// ```text
/// error: Expression expected
///   --> src/index.ts:3:11
///    |
///  3 | const x = ;
///    |           ^
///    = hint: ...
/// ```
pub fn render(diagnostic: &Diagnostic, base: &Path, color: bool) -> String {
    let style = Style { on: color };
    let (label, code) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Note => ("note", "1;36"),
    };
    let label = match &diagnostic.code {
        Some(number) => format!("{label}[{number}]"),
        None => label.to_string(),
    };
    let mut out = format!(
        "{}{} {}\n",
        style.paint(code, &label),
        style.paint("1", ":"),
        style.paint("1", &diagnostic.message)
    );
    if let Some(location) = &diagnostic.location {
        let line_number = location.line.to_string();
        let gutter = " ".repeat(line_number.len());
        let bar = style.paint("1;34", "|");
        out.push_str(&format!(
            "{gutter}{} {}:{}:{}\n",
            style.paint("1;34", "-->"),
            display_path(&location.path, base),
            location.line,
            location.column
        ));
        let text = location.line_text.replace('\t', "    ");
        let prefix: String = location
            .line_text
            .chars()
            .take(location.column.saturating_sub(1))
            .map(|c| {
                if c == '\t' {
                    "    ".to_string()
                } else {
                    " ".to_string()
                }
            })
            .collect();
        let (text, prefix) = shorten_long_line(&text, &prefix);
        out.push_str(&format!("{gutter} {bar}\n"));
        out.push_str(&format!(
            "{} {bar} {}\n",
            style.paint("1;34", &line_number),
            text
        ));
        let marks = "^".repeat(
            location.length.min(
                text.chars()
                    .count()
                    .saturating_sub(prefix.chars().count())
                    .max(1),
            ),
        );
        out.push_str(&format!(
            "{gutter} {bar} {prefix}{}\n",
            style.paint(code, &marks)
        ));
        if let Some(hint) = &diagnostic.hint {
            out.push_str(&format!(
                "{gutter} {} hint: {hint}\n",
                style.paint("1;34", "=")
            ));
        }
    } else {
        if let Some(file) = &diagnostic.file {
            out.push_str(&format!(
                "  {} {}\n",
                style.paint("1;34", "-->"),
                display_path(file, base)
            ));
        }
        if let Some(hint) = &diagnostic.hint {
            out.push_str(&format!("  {} hint: {hint}\n", style.paint("1;34", "=")));
        }
    }
    out
}

/// Keeps code frames readable for minified or generated files with very long lines.
fn shorten_long_line(text: &str, prefix: &str) -> (String, String) {
    const WINDOW: usize = 100;
    let column = prefix.chars().count();
    let length = text.chars().count();
    if length <= WINDOW * 2 {
        return (text.to_string(), prefix.to_string());
    }
    let start = column.saturating_sub(WINDOW / 2);
    let end = (start + WINDOW).min(length);
    let slice: String = text.chars().skip(start).take(end - start).collect();
    let lead = if start > 0 { "..." } else { "" };
    let tail = if end < length { "..." } else { "" };
    (
        format!("{lead}{slice}{tail}"),
        " ".repeat(column - start + lead.len()),
    )
}
