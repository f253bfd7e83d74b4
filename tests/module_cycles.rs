//! The top-level modules of `src/` import each other without a cycle: every `crate::<module>`
//! path in `src/<module>.rs` and `src/<module>/**` is an arrow, and the arrows form a DAG.
//!
//! A cycle makes the layers of the Architecture section (README) a fiction: a "pure" module that
//! reaches the shell through a detour is not pure. Reading the source as text is enough, because
//! the crate names its own modules only through `crate::` (and `super::` stays inside one module).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module name → the modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src` belongs to: `src/app.rs` and `src/app/**` are `app`.
/// `lib.rs` and `main.rs` are the crate roots, not modules, and have none.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The first segments of the paths in the braces that open `text` (`{a::B, c, d::{e, f}}`).
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' => {
                depth += 1;
                at_item_start = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => at_item_start = true,
            c if at_item_start && depth == 1 && (c.is_alphabetic() || c == '_') => {
                let rest = &text[i..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                heads.push(rest[..end].to_owned());
                at_item_start = false;
                // Skip the rest of the identifier.
                while chars
                    .peek()
                    .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '_')
                {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    heads
}

/// The modules `source` names through `crate::`, comments left out (a doc link is not an
/// import).
fn named_modules(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        // `parallax_crate::x` or `some_crate::x` are other names.
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if rest.starts_with('{') {
            found.extend(group_heads(rest));
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            found.insert(rest[..end].to_owned());
        }
    }
    found
}

fn module_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = Graph::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let source = std::fs::read_to_string(file).expect("source is UTF-8");
        let named = named_modules(&source);
        let arrows = graph.entry(module.clone()).or_default();
        arrows.extend(named.into_iter().filter(|m| *m != module));
    }
    // Only arrows to modules that exist (a `crate::Name` re-exported at the root is not one).
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for arrows in graph.values_mut() {
        arrows.retain(|m| modules.contains(m));
    }
    graph
}

/// A cycle in `graph`, as the modules in order with the first repeated at the end; None when
/// the graph is acyclic.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &'a Graph,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::OnPath);
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::OnPath => {
                    let from = path.iter().position(|n| *n == next).expect("on the path");
                    let mut cycle: Vec<String> = path[from..].iter().map(|n| (*n).to_owned()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New
            && let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

fn describe(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(module, arrows)| {
            let arrows: Vec<&str> = arrows.iter().map(String::as_str).collect();
            format!("{module} → {}", arrows.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = module_graph();
    // Printed with `cargo test --test module_cycles -- --nocapture`: the graph the README draws.
    println!("{}", describe(&graph));
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between top-level modules: {}\n\nthe whole graph:\n{}",
            cycle.join(" → "),
            describe(&graph)
        );
    }
}

#[test]
fn the_reader_of_imports_sees_groups_and_skips_comments() {
    let source = "//! see crate::tui\nuse crate::{app::App, config::{Keymap, Theme}, ui};\n\
                  use crate::entity::Gazetteer;\nlet x = other_crate::thing;\n";
    let named: Vec<String> = named_modules(source).into_iter().collect();
    assert_eq!(named, ["app", "config", "entity", "ui"]);
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.into()).or_default().insert(to.into());
        graph.entry(to.into()).or_default();
    }
    assert_eq!(find_cycle(&graph).expect("a cycle"), ["a", "b", "c", "a"]);
    graph.get_mut("c").expect("c").remove("a");
    assert_eq!(find_cycle(&graph), None);
}
