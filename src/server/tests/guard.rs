//! Every server function opens with a guard from `server::auth::guard`, and the ones
//! open to anyone are exactly the reviewed list below: a new function without a check,
//! or one quietly made public, fails here.
use std::path::Path;

/// Callable without signing in: reads of public pages, and the ways in (registration,
/// login, password reset, guest signing and its confirmation link).
const OPEN_TO_ANYONE: &[&str] = &[
    "register",
    "verify_email",
    "login",
    "request_reset",
    "reset_password",
    "retention_periods",
    "list_jurisdictions",
    "load_agency_stats",
    "load_agency_page",
    "load_api_endpoints",
    "take_flash",
    "list_petitions",
    "load_home_lists",
    "similar_petitions",
    "load_propose_options",
    "site_pause",
    "petition_count",
    "sign_as_guest",
    "confirm_signature",
    "site_banners",
    // The transparency log is public data; a visitor's signature state needs its mailed token.
    "log_state",
    "log_entries",
    "log_key",
    "visitor_signature",
];

const GUARDS: &[&str] = &["guard::anyone()", "guard::public()", "guard::signed_in()", "guard::with(", "guard::pending_second_factor()"];

struct ServerFn {
    file: String,
    name: String,
    /// The first statement after the `use` lines.
    first: String,
}

fn server_fns(dir: &Path, out: &mut Vec<ServerFn>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            server_fns(&path, out);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with("#[server") {
                continue;
            }
            let sig = lines[i + 1..].iter().position(|l| l.trim_end().ends_with('{')).unwrap() + i + 1;
            let name = lines[i + 1].trim_start_matches("pub async fn ").split(['(', '<']).next().unwrap().to_string();
            let first = lines[sig + 1..].iter().map(|l| l.trim()).find(|l| !l.starts_with("use ") && !l.starts_with("//")).unwrap().to_string();
            out.push(ServerFn { file: path.display().to_string(), name, first });
        }
    }
}

#[test]
fn every_server_function_opens_with_a_guard() {
    let mut fns = Vec::new();
    server_fns(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api"), &mut fns);
    assert!(fns.len() > 90, "found only {} server functions: has the layout changed?", fns.len());
    let unguarded: Vec<String> =
        fns.iter().filter(|f| !GUARDS.iter().any(|g| f.first.contains(g))).map(|f| format!("{} in {}: {}", f.name, f.file, f.first)).collect();
    assert!(unguarded.is_empty(), "server functions that do not open with a guard:\n{}", unguarded.join("\n"));
    let mut open: Vec<&str> = fns.iter().filter(|f| f.first.contains("guard::anyone()")).map(|f| f.name.as_str()).collect();
    open.sort_unstable();
    let mut expected = OPEN_TO_ANYONE.to_vec();
    expected.sort_unstable();
    assert_eq!(open, expected, "the server functions open to anyone changed: review each, then update OPEN_TO_ANYONE");
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Roles, suspensions and the request's session are read in the guard alone.
#[test]
fn no_permission_is_decided_outside_the_guard() {
    const DECIDING: &[&str] = &[
        ".roles.contains(",
        ".roles.is_empty()",
        ".roles.iter().any(",
        ".held_roles",
        "is_admin()",
        "is_moderator()",
        "ensure_active(",
        "ctx::current_user",
        "ctx::pending_second_factor",
        "contains(&Role::",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("server"), &mut files);
    rust_files(&root.join("api"), &mut files);
    let mut found = Vec::new();
    for path in files {
        let rel = path.strip_prefix(&root).unwrap().display().to_string().replace('\\', "/");
        if rel.starts_with("server/tests/") || rel.starts_with("server/testing/") || rel.starts_with("server/seed")
            // A setup file lists staff roles to grant; it is data, not a session.
            || rel.starts_with("server/setup/")
            || rel == "server/auth/guard.rs"
        {
            continue;
        }
        for (n, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if let Some(p) = DECIDING.iter().find(|p| code.contains(*p)) {
                found.push(format!("src/{rel}:{}: {p}", n + 1));
            }
        }
    }
    assert!(found.is_empty(), "permission decided outside server/auth/guard.rs:\n{}", found.join("\n"));
}
