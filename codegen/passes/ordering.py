"""Declaration order and recursion, computed once for every target.

Targets that declare values (Zod constants, protobuf messages in some
languages) need dependencies first; cycles cannot be ordered, so each
strongly connected component is kept together and its members learn which
references point into their own cycle. Ties are broken by id, so the order
never depends on file order or hash seeds.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from codegen import ir
from codegen.passes.memo import per_schema


def references(definition: ir.Definition) -> set[str]:
    """Ids of the definitions `definition` uses (dangling ones included)."""
    found: set[str] = set()
    for top in ir.definition_types(definition):
        _collect_references(top, found)
    return found


def _collect_references(expr: ir.TypeExpr, found: set[str]) -> None:
    # `ir.walk` visits the same nodes, but a generator step per node costs
    # more than the look at it; this runs over every type of every target.
    match expr:
        case ir.RefType(target=target, args=args):
            found.add(target)
            for arg in args:
                _collect_references(arg, found)
        case ir.ListType(item=item):
            _collect_references(item, found)
        case ir.TupleType(items=items) | ir.UnionType(members=items):
            for item in items:
                _collect_references(item, found)
        case ir.MapType(key=key, value=value):
            _collect_references(key, found)
            _collect_references(value, found)


@dataclass(frozen=True, slots=True)
class Ordering:
    """Where each definition goes and which ones are recursive."""

    #: Every definition id, dependencies first.
    order: tuple[str, ...]
    #: The strongly connected components, in `order`; each lists its ids in
    #: `order`. A component of one id is recursive only if it uses itself.
    components: tuple[tuple[str, ...], ...]
    #: Ids whose definition takes part in a cycle (including self-use).
    recursive: frozenset[str]
    #: id -> index into `components`.
    component_of: dict[str, int]

    def in_cycle_with(self, source: str, target: str) -> bool:
        """True when a reference from `source` to `target` closes a cycle,
        so a target must defer it (a getter or a lazy schema)."""
        return (
            source in self.recursive
            and target in self.component_of
            and self.component_of.get(source) == self.component_of[target]
        )

    def cycle_members(self, def_id: str) -> tuple[str, ...]:
        return self.components[self.component_of[def_id]]


def _tarjan(nodes: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components, iteratively (deep chains of models
    would blow Python's recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                nxt = targets[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


@per_schema
def order_definitions(schema: ir.Schema) -> Ordering:
    nodes = sorted(schema.definitions)
    edges = {
        n: sorted(
            r for r in references(schema.definitions[n]) if r in schema.definitions
        )
        for n in nodes
    }
    comps = _tarjan(nodes, edges)
    comp_index = {member: i for i, comp in enumerate(comps) for member in comp}

    # Kahn's algorithm over the condensation; a heap keyed by the smallest
    # id of each component makes ties deterministic.
    depends_on: dict[int, set[int]] = {i: set() for i in range(len(comps))}
    users: dict[int, set[int]] = {i: set() for i in range(len(comps))}
    for n in nodes:
        for target in edges[n]:
            a, b = comp_index[n], comp_index[target]
            if a != b:
                depends_on[a].add(b)
                users[b].add(a)
    waiting = {i: len(deps) for i, deps in depends_on.items()}
    ready = [(comps[i][0], i) for i, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[tuple[str, ...]] = []
    while ready:
        _, i = heapq.heappop(ready)
        ordered.append(tuple(comps[i]))
        for user in users[i]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, (comps[user][0], user))

    recursive = {
        member
        for comp in ordered
        for member in comp
        if len(comp) > 1 or member in edges[member]
    }
    return Ordering(
        order=tuple(member for comp in ordered for member in comp),
        components=tuple(ordered),
        recursive=frozenset(recursive),
        component_of={m: i for i, comp in enumerate(ordered) for m in comp},
    )


def uses_cycle(ordering: Ordering, source: str, expr: ir.TypeExpr) -> bool:
    """Does `expr`, written inside `source`, mention a definition of the
    same cycle?"""
    return any(
        isinstance(e, ir.RefType) and ordering.in_cycle_with(source, e.target)
        for e in ir.walk(expr)
    )
