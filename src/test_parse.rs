//! Parsing for unit tests: a module from a string, in a source map the test owns.

use swc_core::common::{sync::Lrc, FileName, SourceFile, SourceMap};
use swc_core::ecma::ast::{EsVersion, Module};
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};

/// Parses `text` as a TypeScript module; panics on a syntax error (the test's input is wrong).
pub fn parse_typescript(cm: &SourceMap, text: &str) -> (Lrc<SourceFile>, Module) {
    parse_with(cm, text, Syntax::Typescript(TsSyntax::default()))
}

/// Parses `text` as a JavaScript module.
pub fn parse_javascript(cm: &SourceMap, text: &str) -> (Lrc<SourceFile>, Module) {
    parse_with(cm, text, Syntax::Es(Default::default()))
}

fn parse_with(cm: &SourceMap, text: &str, syntax: Syntax) -> (Lrc<SourceFile>, Module) {
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), text.to_string());
    let module = parse_file_as_module(&fm, syntax, EsVersion::EsNext, None, &mut Vec::new())
        .unwrap_or_else(|error| panic!("test input does not parse: {error:?}"));
    (fm, module)
}
