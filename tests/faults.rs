//! Faults of the machine rather than the input: an output folder the user cannot write, a disk that
//! fills up, a file-size limit. Each must give a clear error naming the file, exit 1, and leave the
//! previous `dist/` exactly as it was, with no staging folder left behind.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// A package whose bundle is about `lines` lines long.
fn write_package(dir: &Path, lines: usize) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        "{\"name\":\"faulty\",\"version\":\"1.0.0\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    let mut source = String::from("export const marker: string = 'version-1';\n");
    for index in 0..lines {
        source.push_str(&format!(
            "export function value{index}(input: number): number {{ return input * {index}; }}\n"
        ));
    }
    std::fs::write(dir.join("src/index.ts"), source).unwrap();
}

fn dist_snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    folder_snapshot(&dir.join("dist"))
}

/// The names and bytes of the files in `folder`, sorted.
fn folder_snapshot(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A failed build: exit 1, an error naming the file it could not write with the hint, the previous
/// dist/ byte for byte, nothing left beside it.
fn assert_failed_cleanly(output: &Output, dir: &Path, before: &[(String, Vec<u8>)], cause: &str) {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: cannot write this file") && stderr.contains(cause),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: check that the folder is writable"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(dist_snapshot(dir), before, "dist/ changed");
    let leftovers = plugbuild_leftovers(dir);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn rebuild_bigger(dir: &Path) {
    write_package(dir, 20_000);
    let source = std::fs::read_to_string(dir.join("src/index.ts")).unwrap();
    std::fs::write(
        dir.join("src/index.ts"),
        source.replace("version-1", "version-2"),
    )
    .unwrap();
}

#[test]
fn a_folder_the_user_cannot_write_is_an_error_and_dist_is_kept() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("read-only");
    write_package(&dir, 10);
    let first = run_plugbuild_build(&dir);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let before = dist_snapshot(&dir);
    rebuild_bigger(&dir);

    // The package folder and dist/ become read-only; root ignores modes, so as root the build runs
    // as `nobody` (the files stay readable to it), from a copy of the binary in the temporary folder
    // (the checkout may be somewhere `nobody` cannot reach).
    let binary = temp.path().join("plugbuild");
    std::fs::copy(env!("CARGO_BIN_EXE_plugbuild"), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    for path in [temp.path(), dir.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    std::fs::set_permissions(dir.join("dist"), std::fs::Permissions::from_mode(0o555)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let mut command = if as_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(&binary);
        c
    } else {
        Command::new(&binary)
    };
    let output = command
        .args(["build", "--color", "never"])
        .current_dir(&dir)
        .output()
        .unwrap();
    for path in [temp.path(), dir.as_path(), dir.join("dist").as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_failed_cleanly(&output, &dir, &before, "Permission denied");
}

#[test]
fn a_file_size_limit_hit_while_writing_is_an_error_and_dist_is_kept() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("limited");
    write_package(&dir, 10);
    let first = run_plugbuild_build(&dir);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let before = dist_snapshot(&dir);
    rebuild_bigger(&dir);

    // Files over 512 KiB cannot be written (EFBIG, with SIGXFSZ ignored as a shell can): the bundle's
    // map is larger than that.
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 1024; exec '{}' build --color never",
            env!("CARGO_BIN_EXE_plugbuild")
        ))
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_failed_cleanly(&output, &dir, &before, "File too large");
}

#[test]
fn a_full_disk_is_an_error_and_dist_is_kept() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("full");
    std::fs::create_dir_all(&dir).unwrap();
    // A 3 MiB tmpfs over the package folder, in a private mount namespace of the shell that runs
    // both builds; the first (small) build fits, the second does not.
    let probe = Command::new("unshare")
        .args(["--mount", "--map-root-user", "true"])
        .output();
    let mount_works = probe.is_ok_and(|o| o.status.success());
    if !mount_works {
        eprintln!("no private mount namespaces here: the disk-full case is covered by the file-size limit test");
        return;
    }
    let script = format!(
        r#"set -e
mount -t tmpfs -o size=3m tmpfs '{dir}'
mkdir '{dir}/src'
cp '{seed}/package.json' '{seed}/tsconfig.json' '{dir}/'
cp '{seed}/src/index.ts' '{dir}/src/'
cd '{dir}'
'{bin}' build --quiet --color never
cp -r dist '{temp}/dist-before'
cp '{seed}/src/index-2.ts' src/index.ts
set +e
'{bin}' build --color never 2> '{temp}/stderr'
echo $? > '{temp}/status'
cp -r dist '{temp}/dist-after'
ls -a > '{temp}/listing'
"#,
        dir = dir.display(),
        seed = temp.path().join("seed").display(),
        bin = env!("CARGO_BIN_EXE_plugbuild"),
        temp = temp.path().display(),
    );
    let seed = temp.path().join("seed");
    write_package(&seed, 10);
    let small = std::fs::read_to_string(seed.join("src/index.ts")).unwrap();
    rebuild_bigger(&seed);
    std::fs::rename(seed.join("src/index.ts"), seed.join("src/index-2.ts")).unwrap();
    std::fs::write(seed.join("src/index.ts"), small).unwrap();
    let ran = Command::new("unshare")
        .args(["--mount", "--map-root-user", "sh", "-c", &script])
        .output()
        .unwrap();
    assert!(ran.status.success(), "{}", text(&ran.stderr));

    let status = std::fs::read_to_string(temp.path().join("status")).unwrap();
    let stderr = std::fs::read_to_string(temp.path().join("stderr")).unwrap();
    assert_eq!(status.trim(), "1", "{stderr}");
    assert!(
        stderr.contains("error: cannot write this file") && stderr.contains("No space left"),
        "{stderr}"
    );
    assert_eq!(
        folder_snapshot(&temp.path().join("dist-before")),
        folder_snapshot(&temp.path().join("dist-after")),
        "dist/ changed"
    );
    let listing = std::fs::read_to_string(temp.path().join("listing")).unwrap();
    assert!(!listing.contains("plugbuild"), "leftovers: {listing}");
}
