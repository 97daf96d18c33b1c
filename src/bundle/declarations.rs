//! An entry's declarations: the roll-up over every module the entry reaches, with the modules'
//! analyses kept for the next build of a watch session.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::bundle::graph::{Module, ModuleGraph};
use crate::bundle::transform::Compiler;
use crate::dts::dependencies::external::ExternalDeclarations;
use crate::dts::rollup::{self, Analysis, DeclarationInput, PrintedDeclarations, Source};

/// The entry's `.d.ts`: the roll-up over every module the entry reaches, types included.
/// `analyses` keeps each module's analysis, and `printed` the printed declarations, for the next
/// build of a watch session.
pub fn roll_up_entry(
    graph: &ModuleGraph,
    entry: &Path,
    compiler: &Compiler,
    package_dir: &Path,
    analyses: &AnalysisCache,
    printed: Option<&mut PrintedDeclarations>,
) -> rollup::RollUp {
    let inputs: Vec<DeclarationInput> = graph
        .modules
        .iter()
        .map(|module| DeclarationInput {
            id: &module.id,
            declarations: module.declarations.as_ref(),
            sources: module
                .declaration_sources
                .iter()
                .filter_map(|(specifier, path)| {
                    graph
                        .by_path
                        .get(path)
                        .map(|&index| (specifier.clone(), Source::Internal(index)))
                })
                .collect(),
        })
        .collect();
    let entry_index = graph.by_path.get(entry).copied().unwrap_or(0);
    let externals = ExternalDeclarations::new(package_dir);
    let analyses = analyses.analyses_for(&graph.modules, &inputs);
    rollup::roll_up(
        &inputs,
        analyses,
        entry_index,
        &compiler.cm,
        Some(&externals),
        printed,
    )
}

/// Module analyses of the last roll-up, reused while a module and what its specifiers lead to stay
/// the same (a one-file edit re-analyses one module, not the package).
#[derive(Default)]
pub struct AnalysisCache {
    entries: Mutex<HashMap<*const Module, CachedAnalysis>>,
}

struct CachedAnalysis {
    /// Keeps the module alive, so its address cannot be reused by another one.
    _module: Arc<Module>,
    sources: HashMap<String, Source>,
    analysis: Arc<Analysis>,
}

// SAFETY (Send/Sync): the raw pointers are only compared as keys, never dereferenced.
unsafe impl Send for AnalysisCache {}
unsafe impl Sync for AnalysisCache {}

impl AnalysisCache {
    fn analyses_for(
        &self,
        modules: &[Arc<Module>],
        inputs: &[DeclarationInput],
    ) -> Vec<Arc<Analysis>> {
        use rayon::prelude::*;
        // The lock is not held while analysing: a rayon worker waiting here may run other work.
        let known: Vec<Option<Arc<Analysis>>> = match self.entries.lock() {
            Ok(entries) => modules
                .iter()
                .zip(inputs)
                .map(|(module, input)| {
                    entries
                        .get(&Arc::as_ptr(module))
                        .filter(|cached| cached.sources == input.sources)
                        .map(|cached| cached.analysis.clone())
                })
                .collect(),
            Err(_) => vec![None; inputs.len()],
        };
        let analyse = |(known, input): (Option<Arc<Analysis>>, &DeclarationInput)| {
            known.unwrap_or_else(|| Arc::new(rollup::analyze(input)))
        };
        // A rebuild that changed a few modules analyses them here, without waking the pool.
        let missing = known.iter().filter(|k| k.is_none()).count();
        let analyses: Vec<Arc<Analysis>> = if missing < 8 {
            known.into_iter().zip(inputs).map(analyse).collect()
        } else {
            known
                .into_par_iter()
                .zip(inputs.par_iter())
                .map(analyse)
                .collect()
        };
        let Ok(mut entries) = self.entries.lock() else {
            return analyses;
        };
        *entries = modules
            .iter()
            .zip(inputs)
            .zip(&analyses)
            .map(|((module, input), analysis)| {
                let cached = CachedAnalysis {
                    _module: module.clone(),
                    sources: input.sources.clone(),
                    analysis: analysis.clone(),
                };
                (Arc::as_ptr(module), cached)
            })
            .collect();
        analyses
    }
}
