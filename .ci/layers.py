#!/usr/bin/env python3
"""The layers of src/ point down only (see ARCHITECTURE.md), and SQL lives in repositories:

    domain <- error <- i18n <- dto <- server <- api <- ui <- app <- serve <- main

A file may name (`crate::x::...`) only its own layer or one below it. Test-only files
(`server/tests`, `server/testing`) and the benchmark programs are exempt. Prints every
back edge and every import loop between files (`crate::`, `super::` and `self::` paths,
grouped imports included), and exits 1 if there is one.

It also refuses SQL outside `src/server/db/` (`sqlx::query` and its kin), and a petition
state spelled by hand in a string under `src/server/` (`'open'`): queries take state codes
from `PetitionState` through `server::db::states`. Each finding names file and line.
"""
import os
import re
import sys

RANK = {'domain': 0, 'error': 1, 'i18n': 2, 'dto': 3, 'server': 4, 'api': 5, 'ui': 6, 'app': 7, 'serve': 8, 'main': 9, 'lib': 9}
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')


def exempt(rel):
    return rel.startswith(('bin/', 'server/tests/', 'server/testing/'))


def files():
    for root, _, names in os.walk(SRC):
        for n in names:
            if n.endswith('.rs'):
                rel = os.path.relpath(os.path.join(root, n), SRC).replace(os.sep, '/')
                if not exempt(rel):
                    yield rel


def module_of(rel):
    """src/a/b.rs and src/a/b/mod.rs are module a::b."""
    parts = rel[:-3].split('/')
    if parts[-1] in ('mod', 'lib', 'main') and len(parts) > 1 or parts == ['lib']:
        parts = parts[:-1]
    return parts


def code(text):
    """The text without comments and string literals (paths in docs do not count)."""
    text = re.sub(r'//[^\n]*', '', text)
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def main():
    mods = {}
    for rel in files():
        mods[tuple(module_of(rel))] = rel
    back = []
    edges = {rel: set() for rel in mods.values()}
    for mod, rel in mods.items():
        layer = rel.split('/')[0].removesuffix('.rs')
        text = code(open(os.path.join(SRC, rel), encoding='utf-8').read())
        paths = [m.group(0) for m in re.finditer(r'\b(?:crate|super|self)(?:::\w+)+', text)]
        # Grouped imports: `crate::a::{b, c::d}` names crate::a::b and crate::a::c::d.
        for m in re.finditer(r'\b((?:crate|super|self)(?:::\w+)*)::\{([^{}]*)\}', text):
            for item in m.group(2).split(','):
                name = re.match(r'\s*(\w+(?:::\w+)*)', item)
                if name and name.group(1) != 'self':
                    paths.append(m.group(1) + '::' + name.group(1))
        for p in paths:
            segs = p.split('::')
            head, rest = segs[0], segs[1:]
            if head == 'crate':
                base = []
                target_layer = rest[0]
                if target_layer in RANK and layer in RANK and RANK[target_layer] > RANK[layer]:
                    back.append(f'{rel}: {p}')
            else:
                base = list(mod) if head == 'self' or rel.endswith(('mod.rs', 'lib.rs')) else list(mod[:-1])
                if head == 'super':
                    base = base[:-1] if (rel.endswith('mod.rs')) else base
                    while rest and rest[0] == 'super':
                        base, rest = base[:-1], rest[1:]
            full = base + rest
            # The longest prefix that is a file.
            for n in range(len(full), 0, -1):
                target = mods.get(tuple(full[:n]))
                if target and target != rel:
                    edges[rel].add(target)
                    break
    for b in sorted(set(back)):
        print('back edge:', b)
    found = loops(edges)
    for loop in found:
        print(f'import loop ({len(loop)} files): ' + ' '.join(sorted(loop)))
    sql = sql_outside_repositories()
    for line in sql:
        print(line)
    if back or found or sql:
        print(f'{len(set(back))} back edge(s), {len(found)} import loop(s), {len(sql)} SQL problem(s) (see .ci/layers.py)')
        return 1
    print(f'layers: {len(edges)} files, no back edges, no import loops, SQL only in server/db with states from PetitionState')
    return 0


# Any way of running SQL text: sqlx's functions and macros, and the query builder.
SQL_CALLS = re.compile(r'\b(?:sqlx::query|query_as|query_scalar|QueryBuilder|raw_sql)\b')
STATES = ('open', 'established', 'answered', 'closed', 'rejected', 'draft', 'in_review', 'awaiting_sponsors', 'hidden', 'withdrawn')
STATE_LITERAL = re.compile(r"'(?:" + '|'.join(STATES) + r")'")
# A unit-test module (usually at the end of a file) may query and spell states freely.
TEST_MODULE = re.compile(r'#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{')


def sql_outside_repositories():
    """`SQL outside server/db` and `petition state spelled by hand`, each naming file and line."""
    out = []
    for rel in files():
        text = open(os.path.join(SRC, rel), encoding='utf-8').read()
        cut = TEST_MODULE.search(text)
        if cut:
            text = text[:cut.start()]
        no_comments = re.sub(r'//[^\n]*', '', text)
        for n, line in enumerate(no_comments.split('\n'), 1):
            if not rel.startswith('server/db/') and SQL_CALLS.search(line):
                out.append(f'SQL outside server/db (move it to a repository): src/{rel}:{n}')
            if rel.startswith('server/') and STATE_LITERAL.search(line):
                out.append(f'petition state spelled by hand (use PetitionState with server::db::states): src/{rel}:{n}')
    return out


def loops(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in edges:
        if v not in index:
            visit(v)
    return out


if __name__ == '__main__':
    sys.exit(main())
