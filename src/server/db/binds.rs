//! Parameters for a query whose SQL a repository builds from typed input (the number of
//! parameters depends on the input). Only repositories use it.
pub enum Bind {
    Int(i64),
    Text(String),
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

pub fn bind_all<'q>(mut q: AnyQuery<'q>, binds: &[Bind]) -> AnyQuery<'q> {
    for b in binds {
        q = match b {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        };
    }
    q
}
