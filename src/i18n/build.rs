//! Build script: turns the translation files (`src/i18n/locales/*.json`) into Rust, so a
//! missing text, an empty one or a placeholder one language lacks fails the build, naming
//! file and key, and each text with placeholders gets a typed method the compiler checks.
//! Writes `$OUT_DIR/i18n.rs`, included by `src/i18n/mod.rs`.
#[path = "build/generate.rs"]
mod generate;
#[path = "build/parse.rs"]
mod parse;

use parse::Text;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One language: its file, its `Locale` variant, and its CLDR plural rule for integers.
pub struct Spec {
    pub file: &'static str,
    pub variant: &'static str,
    /// The plural categories the language uses, `other` last.
    pub categories: &'static [&'static str],
    /// Rust expression of `n: i64` giving a `Plural` (CLDR rules, integers only).
    pub rule: &'static str,
}

/// The first is the default language; its file's order is the order of `Key`.
const LOCALES: &[Spec] = &[
    Spec { file: "zh-TW.json", variant: "ZhTw", categories: &["other"], rule: "Plural::Other" },
    Spec { file: "en.json", variant: "En", categories: &["one", "other"], rule: "if n == 1 { Plural::One } else { Plural::Other }" },
];

const DIR: &str = "src/i18n/locales";

/// A key as the generated code needs it.
pub struct Key {
    pub name: String,
    /// Placeholder names: `count` first for a plural text, the rest in alphabetical order
    /// (so rewording a text never reorders a method's arguments).
    pub args: Vec<String>,
    pub plural: bool,
    /// Per locale, in `LOCALES` order: the `other` text, then (category, text) of the rest.
    pub texts: Vec<(String, Vec<(String, String)>)>,
}

fn main() {
    println!("cargo:rerun-if-changed={DIR}");
    println!("cargo:rerun-if-changed=src/i18n/build.rs");
    println!("cargo:rerun-if-changed=src/i18n/build");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let result = read_all(Path::new(&root)).and_then(|tables| check(&tables));
    let keys = match result {
        Ok(keys) => keys,
        Err(errors) => fail(&errors),
    };
    let out = std::env::var("OUT_DIR").map(|d| Path::new(&d).join("i18n.rs"));
    let written = out.map_err(|e| e.to_string()).and_then(|p| std::fs::write(p, generate::code(LOCALES, &keys)).map_err(|e| e.to_string()));
    if let Err(e) = written {
        fail(&[format!("cannot write $OUT_DIR/i18n.rs: {e}")]);
    }
}

fn fail(errors: &[String]) -> ! {
    eprintln!("\nThe translations in {DIR}/ have {} problem(s) (see {DIR}/README.md):", errors.len());
    for e in errors {
        eprintln!("  {e}");
    }
    eprintln!();
    std::process::exit(1)
}

/// Each locale's entries, in `LOCALES` order; a file not listed there is an error.
fn read_all(root: &Path) -> Result<Vec<Vec<(String, Text)>>, Vec<String>> {
    let mut errors = Vec::new();
    let mut tables = Vec::new();
    for spec in LOCALES {
        let path = root.join(DIR).join(spec.file);
        match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|s| parse::read(&s)) {
            Ok(entries) => tables.push(entries.0),
            Err(e) => errors.push(format!("{DIR}/{}: {e}", spec.file)),
        }
    }
    if let Ok(dir) = std::fs::read_dir(root.join(DIR)) {
        for name in dir.filter_map(|e| e.ok()?.file_name().into_string().ok()) {
            if name.ends_with(".json") && !LOCALES.iter().any(|s| s.file == name) {
                errors.push(format!("{DIR}/{name}: not a known locale; add it to LOCALES in src/i18n/build.rs and to `Locale`"));
            }
        }
    }
    if errors.is_empty() { Ok(tables) } else { Err(errors) }
}

/// Every rule of the README, all problems at once.
fn check(tables: &[Vec<(String, Text)>]) -> Result<Vec<Key>, Vec<String>> {
    let mut errors = Vec::new();
    let maps: Vec<HashMap<&str, &Text>> = tables.iter().map(|t| t.iter().map(|(k, v)| (k.as_str(), v)).collect()).collect();
    for (i, spec) in LOCALES.iter().enumerate().skip(1) {
        for (k, _) in &tables[i] {
            if !maps[0].contains_key(k.as_str()) {
                errors.push(format!("{DIR}/{}: {k} is not in {}", spec.file, LOCALES[0].file));
            }
        }
    }
    let mut keys = Vec::new();
    let mut methods = HashMap::new();
    for (name, _) in &tables[0] {
        if !is_key_name(name) {
            errors.push(format!("{DIR}/{}: {name}: a key is a Rust type name (PascalCase: letters and digits)", LOCALES[0].file));
            continue;
        }
        let method = generate::snake(name);
        if let Some(other) = methods.insert(method.clone(), name) {
            errors.push(format!("{DIR}/{}: {name} and {other} give the same method name {method}", LOCALES[0].file));
        }
        if let Some(key) = check_key(name, &maps, &mut errors) {
            if !key.args.is_empty() && (RESERVED.contains(&method.as_str()) || KEYWORDS.contains(&method.as_str())) {
                errors.push(format!("{DIR}/{}: {name}: its method name {method} is taken; rename the key", LOCALES[0].file));
            }
            keys.push(key);
        }
    }
    if errors.is_empty() { Ok(keys) } else { Err(errors) }
}

/// One key across the locales: present, not empty, the same placeholders in every text.
fn check_key(name: &str, maps: &[HashMap<&str, &Text>], errors: &mut Vec<String>) -> Option<Key> {
    let before = errors.len();
    let plural = maps.iter().any(|m| matches!(m.get(name), Some(Text::Plural(_))));
    let mut texts = Vec::new();
    // (where, placeholders) of every text, compared at the end.
    let mut seen: Vec<(String, BTreeSet<String>)> = Vec::new();
    let mut plural_at = None;
    for (spec, map) in LOCALES.iter().zip(maps) {
        let here = format!("{DIR}/{}: {name}", spec.file);
        let forms: Vec<(String, String)> = match map.get(name) {
            None => {
                errors.push(format!("{here}: missing (it is in {})", LOCALES[0].file));
                continue;
            }
            Some(Text::Plain(s)) => vec![("other".to_string(), s.clone())],
            Some(Text::Plural(forms)) => {
                plural_at.get_or_insert_with(|| here.clone());
                forms.clone()
            }
        };
        for (category, _) in &forms {
            if !spec.categories.contains(&category.as_str()) {
                errors.push(format!("{here}: \"{category}\" is not a plural category of this language (it uses {})", spec.categories.join(", ")));
            }
        }
        let Some(other) = forms.iter().find(|(c, _)| c == "other").map(|(_, t)| t.clone()) else {
            errors.push(format!("{here}: a plural text needs an \"other\" form"));
            continue;
        };
        for (category, text) in &forms {
            let at = if plural { format!("{here} ({category})") } else { here.clone() };
            if text.trim().is_empty() {
                errors.push(format!("{at}: the text is empty"));
            }
            match placeholders(text) {
                Ok(set) => seen.push((at, set)),
                Err(e) => errors.push(format!("{at}: {e}")),
            }
        }
        texts.push((other, forms.into_iter().filter(|(c, _)| c != "other").collect()));
    }
    if let Some((first_at, first)) = seen.first() {
        for (at, set) in &seen[1..] {
            if set != first {
                errors.push(format!("{at}: placeholders {} differ from {first_at}: {}", show(set), show(first)));
            }
        }
        if let Some(at) = plural_at.filter(|_| !first.contains("count")) {
            errors.push(format!("{at}: a plural text is chosen by {{count}}, which it lacks"));
        }
        for p in first {
            if KEYWORDS.contains(&p.as_str()) {
                errors.push(format!("{first_at}: {{{p}}} is a Rust keyword; name the placeholder otherwise"));
            }
        }
    }
    if errors.len() > before {
        return None;
    }
    let mut args: Vec<String> = seen.first().map(|(_, s)| s.iter().cloned().collect()).unwrap_or_default();
    if plural {
        args.retain(|a| a != "count");
        args.insert(0, "count".into());
    }
    Some(Key { name: name.to_string(), args, plural, texts })
}

/// The `{name}` placeholders of a text; a brace that opens none is an error.
fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut set = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err("a \"}\" closes no placeholder".into());
        }
        let after = &rest[i + 1..];
        let name = after.split('}').next().filter(|_| after.contains('}')).unwrap_or(after);
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid || !after.contains('}') {
            return Err(format!("\"{{{}\" is not a placeholder (write {{name}}: lower-case letters, digits and _)", name.chars().take(20).collect::<String>()));
        }
        set.insert(name.to_string());
        rest = &after[name.len() + 1..];
    }
    Ok(set)
}

fn show(set: &BTreeSet<String>) -> String {
    if set.is_empty() { "(none)".into() } else { set.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ") }
}

fn is_key_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Methods `Locale` already has.
const RESERVED: &[&str] =
    &["all", "tag", "from_tag", "from_accept_language", "native_name", "text", "plural_category", "plural_form", "plural_text", "field_error", "app_error"];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "yield", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
];
