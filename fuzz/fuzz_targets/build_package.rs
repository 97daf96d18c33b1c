//! Fuzzes the whole build of one package: package.json and tsconfig settings picked by the first
//! byte, up to three source files from the rest (split at NUL bytes), then `build_package` (resolve,
//! parse, strip types, CommonJS, link, source map, declarations, roll-up, output swap) and the
//! rendering of every diagnostic it returns. Panics that plugbuild catches and reports against a
//! file are handled behaviour; anything that escapes is a crash.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plugbuild::build::{build_package, BuildOptions};
use plugbuild::report::{render, render_tsc};

const FILES: [&str; 3] = ["src/index.ts", "src/a.ts", "src/b.tsx"];

fn package_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // Caught panics are reported as diagnostics: only escaping ones should end the run.
        std::panic::set_hook(Box::new(|_| {}));
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("plugbuild-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("fuzz package folder");
        dir
    })
}

fn tsconfig(flags: u8) -> String {
    format!(
        r#"{{ "compilerOptions": {{ "target": "{}", "useDefineForClassFields": {}, "experimentalDecorators": {}, "emitDecoratorMetadata": {}, "jsx": "{}", "stripInternal": {}, "esModuleInterop": true }} }}"#,
        if flags & 1 == 0 { "ES2022" } else { "ES2019" },
        flags & 2 == 0,
        flags & 4 != 0,
        flags & 8 != 0,
        if flags & 16 == 0 { "react-jsx" } else { "react" },
        flags & 32 != 0,
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let dir = package_dir();
    std::fs::write(
        dir.join("package.json"),
        r#"{ "name": "fuzzed", "version": "1.0.0", "main": "src/index.ts" }"#,
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), tsconfig(flags)).unwrap();
    let mut parts = rest.splitn(FILES.len(), |&b| b == 0);
    for file in FILES {
        let path = dir.join(file);
        match parts.next() {
            Some(text) => std::fs::write(&path, text).unwrap(),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let options = BuildOptions {
        strict_types: flags & 64 != 0,
        ..BuildOptions::default()
    };
    let built = build_package(dir, &options);
    for diagnostic in &built.diagnostics {
        let _ = render(diagnostic, dir, flags & 128 != 0);
        let _ = render_tsc(diagnostic, dir, true, false);
    }
});
