//! The Debian package's file list (issue 18, part 6): what
//! `[package.metadata.deb]` installs, checked against what the generator
//! script (`packaging/gen-assets.sh`) makes with the binary under test,
//! without building the release binary (`packaging/deb.sh` does that).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> toml::Table {
    std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

/// `[package.metadata.deb].assets` as (source, destination, mode).
fn assets() -> Vec<(String, String, String)> {
    let m = manifest();
    m["package"]["metadata"]["deb"]["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let a: Vec<&str> = a
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(a.len(), 3, "{a:?}");
            (a[0].to_owned(), a[1].to_owned(), a[2].to_owned())
        })
        .collect()
}

/// Where a source lands: a destination ending in `/` keeps the name.
fn installed_path(source: &str, dest: &str) -> String {
    if dest.ends_with('/') {
        let name = Path::new(source).file_name().unwrap().to_str().unwrap();
        format!("/{dest}{name}")
    } else {
        format!("/{dest}")
    }
}

/// Runs the generator with the test build of the binary.
fn generate(out: &Path) {
    let status = Command::new("sh")
        .arg(root().join("packaging/gen-assets.sh"))
        .arg(env!("CARGO_BIN_EXE_hubdesk"))
        .arg(out)
        .env("LANG", "pt_BR.UTF-8")
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_package_installs_the_binary_man_pages_completions_and_example_config() {
    let installed: BTreeSet<String> = assets()
        .iter()
        .map(|(src, dest, _)| installed_path(src, dest))
        .collect();
    let expected: BTreeSet<String> = [
        "/usr/bin/hubdesk",
        "/usr/share/man/man1/hubdesk.1",
        "/usr/share/man/pt_BR/man1/hubdesk.1",
        "/usr/share/bash-completion/completions/hubdesk",
        "/usr/share/zsh/vendor-completions/_hubdesk",
        "/usr/share/fish/vendor_completions.d/hubdesk.fish",
        "/usr/share/doc/hubdesk/config.example.toml",
        "/usr/share/doc/hubdesk/README.md",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(installed, expected);
    for (src, dest, mode) in assets() {
        let want = if dest.starts_with("usr/bin/") {
            "755"
        } else {
            "644"
        };
        assert_eq!(mode, want, "{src}");
    }
    // cargo deb reads the binary from the profile it builds (`dist`).
    assert!(
        assets()
            .iter()
            .any(|(src, dest, _)| src == "target/release/hubdesk" && dest == "usr/bin/")
    );
}

#[test]
fn every_generated_asset_is_made_by_the_binary_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let made: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let listed: BTreeSet<String> = assets()
        .iter()
        .filter_map(|(src, _, _)| src.strip_prefix("target/packaging/").map(str::to_owned))
        .collect();
    assert_eq!(made, listed, "the generator and the metadata disagree");
    // Every other source is a file of the repository.
    for (src, _, _) in assets() {
        if !src.starts_with("target/") {
            assert!(root().join(&src).is_file(), "{src} is missing");
        }
    }
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    // English page (the caller's locale was pt-BR), Portuguese page.
    let man = read("hubdesk.1");
    assert!(man.contains(".TH hubdesk 1"), "{man}");
    assert!(man.contains("audit"), "the page lists the commands");
    let man_pt = read("hubdesk.pt_BR.1");
    assert!(man_pt.contains(".TH hubdesk 1"));
    assert_ne!(man, man_pt);
    assert!(man_pt.contains("auditoria"), "{man_pt}");
    // Completions know the commands and their flags.
    let bash = read("hubdesk.bash");
    assert!(bash.contains("_hubdesk()") && bash.contains("--summary"));
    let zsh = read("_hubdesk");
    assert!(zsh.starts_with("#compdef hubdesk") && zsh.contains("--summary"));
    let fish = read("hubdesk.fish");
    assert!(fish.contains("complete -c hubdesk") && fish.contains("summary"));
}

#[test]
fn the_package_is_built_with_the_dist_profile_and_release_builds_fast() {
    let m = manifest();
    let profile = |name: &str| m["profile"][name].as_table().unwrap().clone();
    let dist = profile("dist");
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
    let release = profile("release");
    assert_ne!(
        release["lto"].as_str(),
        Some("fat"),
        "release must build fast"
    );
    assert!(release["codegen-units"].as_integer().unwrap() > 1);
    let script = std::fs::read_to_string(root().join("packaging/deb.sh")).unwrap();
    assert!(script.contains("cargo build --locked --profile dist"));
    assert!(script.contains("packaging/gen-assets.sh target/dist/hubdesk target/packaging"));
    assert!(script.contains("cargo deb --locked --profile dist --no-build"));
}
