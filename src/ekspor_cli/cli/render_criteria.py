"""`ekspor criteria show`: the criteria as a tree a reviewer can read without YAML."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from ..criteria import Criteria
from ..i18n import Lang
from ..model import DerivedQuestion, MultipleChoiceQuestion, NumberQuestion, SingleChoiceQuestion


def criteria_tree(criteria: Criteria, lang: Lang) -> Tree:
    root = Tree(Text(f"{criteria.title(lang)}  ({criteria.id} v{criteria.version})", style="bold"))
    levels = root.add(Text("levels", style="bold"))
    for level in criteria.levels:
        levels.add(Text(f"≥ {level.min:g}  {level.label.get(lang)}  [{level.key}]"))
    for dim in criteria.dimensions:
        node = root.add(
            Text(f"{dim.label.get(lang)}  [{dim.key}]  weight {dim.weight:g}", style="bold cyan")
        )
        for q in dim.questions:
            line = Text(f"{q.key}", style="bold") + Text(f"  {q.type}")
            if q.scored:
                line += Text(f"  w={getattr(q, 'weight', 1):g}")
            if q.knockout is not None:
                line += Text("  KNOCK-OUT", style="red")
            if q.when:
                line += Text(f"  when: {q.when}", style="magenta")
            qnode = node.add(line)
            qnode.add(Text(q.label.get(lang), style="dim"))
            if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
                for c in q.choices:
                    pts = "n/a" if c.not_applicable else f"{c.points or 0:g}"
                    qnode.add(Text(f"{c.key} ({pts}): {c.label.get(lang)}"))
            if isinstance(q, NumberQuestion | DerivedQuestion) and q.bands:
                bands = ", ".join(f"≥{b.min:g}→{b.points:g}" for b in q.bands)
                qnode.add(Text(f"bands: {bands}"))
            if isinstance(q, DerivedQuestion):
                qnode.add(Text(f"= {q.expr}", style="magenta"))
    return root
