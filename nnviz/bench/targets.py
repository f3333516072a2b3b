"""Print benchmark figures against their targets: one aligned line per figure."""

from __future__ import annotations

from collections.abc import Mapping


def target_lines(result: dict, targets: Mapping[str, tuple[str, float]]) -> list[str]:
    """targets: {key: (">=" or "<=", value)}; a line per key saying ok or MISSED."""
    lines = []
    for key, (op, target) in targets.items():
        v = result[key]
        ok = v >= target if op == ">=" else v <= target
        lines.append(f"{key:22s} {v:10.3f}   target {op} {target:<6g} {'ok' if ok else 'MISSED'}")
    return lines
