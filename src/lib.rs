//! hubdesk: a keyboard-driven terminal console for help-desk and NOC staff of
//! internet providers that run the HubSoft ISP management system.
//!
//! The crate is one package with a library target so that integration tests
//! and benchmarks reach its modules. Imports run one way only (see
//! `../shared/GUIDE.md` §1): `api` knows nothing of terminals or the app,
//! `sim` never imports `api` types.

pub mod api;
pub mod app;
pub mod audit;
pub mod br;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod console;
pub mod hardening;
pub mod i18n;
pub mod index;
pub mod logging;
pub mod mask;
pub mod ops;
pub mod sanitize;
pub mod screenpop;
pub mod search_kind;
pub mod sim;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;

#[cfg(test)]
mod module_graph {
    //! The top-level modules form layers: no cycle among them, `api` free
    //! of the terminal and the app, `sim` free of `api` types, `ops` free
    //! of ratatui and clap (docs/ARCHITECTURE.md). Read from the sources'
    //! `crate::<module>` paths outside comments and test modules.

    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// `module -> modules it names`, for every top-level module.
    fn graph() -> BTreeMap<String, BTreeSet<String>> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut top = BTreeSet::new();
        for entry in std::fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name != "lib" && name != "main" {
                top.insert(name);
            }
        }
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for module in &top {
            let mut files = Vec::new();
            let dir = src.join(module);
            // A module is `name.rs`, `name/mod.rs`, or `name.rs` beside a
            // `name/` of children (e.g. its `tests.rs`): read all there is.
            let file = src.join(format!("{module}.rs"));
            if file.is_file() {
                files.push(file);
            }
            if dir.is_dir() {
                collect(&dir, &mut files);
            }
            let names = graph.entry(module.clone()).or_default();
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                // The unit tests at the end of a file may reach anywhere.
                let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or("");
                for line in text.lines() {
                    let code = line.split("//").next().unwrap_or("");
                    for (i, _) in code.match_indices("crate::") {
                        let rest = &code[i + "crate::".len()..];
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if top.contains(&name) && &name != module {
                            names.insert(name);
                        }
                    }
                    if module == "ops" || module == "api" {
                        for outside in ["ratatui", "crossterm", "clap"] {
                            assert!(
                                !code.contains(&format!("{outside}::")),
                                "{module} uses {outside}: {}",
                                file.display()
                            );
                        }
                    }
                }
            }
        }
        graph
    }

    fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // Test modules in files of their own (`tests.rs`,
                // `action_tests.rs`) are compiled for tests only.
                let name = path.file_stem().unwrap().to_string_lossy();
                if name != "tests" && !name.ends_with("_tests") {
                    files.push(path);
                }
            }
        }
    }

    /// A path from `from` back to itself, if any.
    fn cycle_through(
        graph: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
    ) -> Option<Vec<String>> {
        fn walk(
            graph: &BTreeMap<String, BTreeSet<String>>,
            target: &str,
            at: &str,
            path: &mut Vec<String>,
            seen: &mut BTreeSet<String>,
        ) -> bool {
            for next in graph.get(at).into_iter().flatten() {
                if next == target {
                    path.push(next.clone());
                    return true;
                }
                if seen.insert(next.clone()) {
                    path.push(next.clone());
                    if walk(graph, target, next, path, seen) {
                        return true;
                    }
                    path.pop();
                }
            }
            false
        }
        let mut path = vec![from.to_owned()];
        walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
    }

    #[test]
    fn the_top_level_modules_have_no_cycle() {
        let graph = graph();
        for module in graph.keys() {
            if let Some(cycle) = cycle_through(&graph, module) {
                panic!("module cycle: {}", cycle.join(" -> "));
            }
        }
    }

    #[test]
    fn the_lower_layers_stay_below() {
        let graph = graph();
        let uses = |m: &str| graph.get(m).cloned().unwrap_or_default();
        for lower in [
            "app", "ui", "tui", "console", "cli", "config", "audit", "ops",
        ] {
            assert!(!uses("api").contains(lower), "api uses {lower}");
        }
        assert!(!uses("sim").contains("api"), "the simulator uses api types");
        for upper in ["app", "ui", "tui", "console", "cli"] {
            assert!(!uses("ops").contains(upper), "ops uses {upper}");
        }
        assert!(!uses("i18n").contains("api"), "i18n uses api");
    }
}
