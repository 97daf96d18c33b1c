//! Reusing the printed declarations of the last roll-up of an entry (watch mode). The renaming pass
//! turns a declaration into text by asking the roll-up questions: what name a reference gets, whether
//! a name is an enum, whether a call needs type arguments tsc would infer. A declaration of an
//! unchanged module comes out as the same text when every answer is the same, so the next roll-up
//! asks the questions again, in the same order (which also requests the same names in the same
//! order), and prints only the declarations with a different answer.

use std::collections::HashMap;
use std::sync::Arc;

use swc_core::atoms::Atom;

use crate::diagnostics::Diagnostic;
use crate::dts::emit::analysis::Analysis;
use crate::dts::rollup::{RollUpState, Symbol, Visited};

/// One question the renaming pass asked about a module's names, with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The name a reference has in the roll-up (None: not the module's, e.g. a global).
    Name {
        reference: Atom,
        renamed: Option<Atom>,
    },
    /// Whether `container`, in a widened `typeof E.M`, is one of the package's enums.
    Enum { container: Atom, is_enum: bool },
    /// Whether calling `callee` leaves type arguments to tsc's inference (a warning).
    InferredArguments {
        callee: Atom,
        has_arguments: bool,
        inferred: bool,
    },
}

/// One declaration as a roll-up printed it.
pub(crate) struct Printed {
    /// Keeps the module's analysis alive, so its address names no other module's.
    _analysis: Arc<Analysis>,
    answers: Vec<Answer>,
    pub(crate) text: Arc<str>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

type Key = (usize, Atom);

/// The declarations the last roll-up of one entry printed, by module analysis and name. A module
/// keeps its analysis while it and what its specifiers lead to stay the same.
#[derive(Default)]
pub struct PrintedDeclarations {
    entries: HashMap<Key, Printed>,
}

/// What one roll-up reads from the previous roll-up's prints and writes for the next.
pub(crate) struct Reprints {
    previous: HashMap<Key, Printed>,
    /// None when nobody keeps this roll-up's prints (a one-off build).
    next: Option<HashMap<Key, Printed>>,
    /// Declarations whose last print was reused (for tests).
    pub(crate) reused: usize,
}

impl Reprints {
    pub(crate) fn taking(memo: Option<&mut PrintedDeclarations>) -> Reprints {
        match memo {
            Some(memo) => Reprints {
                previous: std::mem::take(&mut memo.entries),
                next: Some(HashMap::new()),
                reused: 0,
            },
            None => Reprints {
                previous: HashMap::new(),
                next: None,
                reused: 0,
            },
        }
    }

    pub(crate) fn is_kept(&self) -> bool {
        self.next.is_some()
    }

    pub(crate) fn store(self, memo: Option<&mut PrintedDeclarations>) {
        if let (Some(memo), Some(next)) = (memo, self.next) {
            memo.entries = next;
        }
    }

    fn key(analysis: &Arc<Analysis>, local: &Atom) -> Key {
        (Arc::as_ptr(analysis) as usize, local.clone())
    }

    pub(crate) fn keep(
        &mut self,
        analysis: &Arc<Analysis>,
        local: &Atom,
        answers: Vec<Answer>,
        text: Arc<str>,
        diagnostics: Vec<Diagnostic>,
    ) {
        if let Some(next) = &mut self.next {
            let printed = Printed {
                _analysis: analysis.clone(),
                answers,
                text,
                diagnostics,
            };
            next.insert(Self::key(analysis, local), printed);
        }
    }
}

impl RollUpState<'_> {
    /// The last roll-up's text of `local` of `module`, when asking its questions again gives the
    /// same answers. The names requested on the way are the ones printing it would request, in the
    /// same order, so a mismatch halfway leaves nothing to undo.
    pub(crate) fn reprint(
        &mut self,
        module: usize,
        local: &Atom,
    ) -> Option<(Arc<str>, Vec<Diagnostic>)> {
        let key = Reprints::key(&self.analyses[module], local);
        let printed = self.reprints.previous.remove(&key)?;
        if !printed
            .answers
            .iter()
            .all(|answer| self.answer_again(module, answer))
        {
            return None;
        }
        self.reprints.reused += 1;
        let found = (printed.text.clone(), printed.diagnostics.clone());
        if let Some(next) = &mut self.reprints.next {
            next.insert(key, printed);
        }
        Some(found)
    }

    fn answer_again(&mut self, module: usize, answer: &Answer) -> bool {
        match answer {
            Answer::Name { reference, renamed } => {
                self.rename_reference(module, reference).as_ref() == renamed.as_ref()
            }
            Answer::Enum { container, is_enum } => {
                self.refers_to_enum(module, container) == *is_enum
            }
            Answer::InferredArguments {
                callee,
                has_arguments,
                inferred,
            } => self.leaves_type_arguments_inferred(module, callee, *has_arguments) == *inferred,
        }
    }

    /// The name `reference`, used in `module`, has in the roll-up (the first request queues its
    /// declaration); None when it is not one of the module's top-level names or imports.
    pub(crate) fn rename_reference(&mut self, module: usize, reference: &Atom) -> Option<Atom> {
        let symbol = self.resolve_local(module, reference, &mut Visited::default())?;
        let preferred = match &symbol {
            Symbol::External(_, imported) if imported.as_str() != "default" => imported.clone(),
            _ => reference.clone(),
        };
        Some(self.final_name(symbol, &preferred))
    }

    /// Whether `container`, used in `module`, is one of the package's enums.
    pub(crate) fn refers_to_enum(&self, module: usize, container: &Atom) -> bool {
        match self.resolve_local(module, container, &mut Visited::default()) {
            Some(Symbol::Decl(owner, local)) => self.is_enum(owner, &local),
            _ => false,
        }
    }

    /// Whether calling `callee` (used in `module`) without type arguments leaves them to tsc's
    /// inference: one of the package's generic functions or classes, or a dependency's generic
    /// function called with arguments.
    pub(crate) fn leaves_type_arguments_inferred(
        &self,
        module: usize,
        callee: &Atom,
        has_arguments: bool,
    ) -> bool {
        match self.resolve_local(module, callee, &mut Visited::default()) {
            Some(Symbol::Decl(owner, local)) => self.is_generic(owner, &local),
            Some(Symbol::External(specifier, imported)) => {
                has_arguments
                    && self
                        .externals
                        .is_some_and(|externals| externals.is_generic(&specifier, &imported))
            }
            _ => false,
        }
    }
}
