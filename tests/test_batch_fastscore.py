"""The fast batch scorer gives exactly the engine's numbers (hypothesis), and its edges."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekspor_cli import Criteria, load_bundled_criteria, load_criteria_text, score
from ekspor_cli.fastscore import (
    CellProblem,
    FastScorer,
    RowScore,
    compact_from_result,
    fast_official,
    gap_code,
    gap_index,
    gap_of,
    official_column,
)
from ekspor_cli.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ekspor_cli.scoring import AnswersError, official

from .batch_support import MINI_REQUIRED

BLANKS = ["", " ", "-", "N/A", "tidak tahu", "?"]
JUNK = ["Yess", "12 kg", "lima", "1.50.0", "abc", "1e3", "=1+1", "'-", "'=x"]


def _cells(criteria: Criteria) -> dict[str, st.SearchStrategy[object]]:
    """Raw cells as office files hold them, valid or not, per question."""
    out: dict[str, st.SearchStrategy[object]] = {}
    for info in criteria.questions:
        q = info.question
        common = st.sampled_from(BLANKS + JUNK)
        if isinstance(q, YesNoQuestion):
            words = ["ya", "Ya ", "Y", "T", "tidak", "1", "0", "sudah", "belum", "TRUE"]
            good: st.SearchStrategy[object] = st.sampled_from(words) | st.sampled_from([True, 0])
        elif isinstance(q, SingleChoiceQuestion):
            names = [c.key for c in q.choices] + [c.label.id for c in q.choices]
            good = st.sampled_from(names) | st.integers(0, len(q.choices) + 1)
        elif isinstance(q, MultipleChoiceQuestion):
            names = [c.key for c in q.choices]
            good = st.lists(st.sampled_from(names), max_size=4).map("; ".join)
        elif isinstance(q, NumberQuestion):
            numbers = st.integers(-5, 30_000).map(str) | st.sampled_from(
                ["1.500", "2,5", "0,25", "1.500,5", "Rp 2 jt", "40%", "0.5", "3"]
            )
            good = numbers | st.floats(0, 5000, allow_nan=False)
        elif isinstance(q, ScaleQuestion):
            labels = [t.id for t in q.labels.values()]
            good = st.integers(q.min - 1, q.max + 1).map(str) | st.sampled_from(labels or ["3"])
        elif isinstance(q, TextQuestion):
            good = st.text(max_size=8) | st.just("x" * (q.max_length + 1))
        else:
            continue  # derived: computed, never a column
        out[q.key] = st.one_of(common, good, good)
    return out


def _check(criteria: Criteria, rows: list[dict[str, object]], keys: list[str]) -> None:
    scorer = FastScorer(criteria, {k: i for i, k in enumerate(keys)})
    fast = scorer.score_rows([[row[k] for k in keys] for row in rows])
    for row, got in zip(rows, fast, strict=True):
        # A leading apostrophe before = + - @ is spreadsheet protection, dropped by batch.
        engine = {k: _unprotect(v) for k, v in row.items()}
        try:
            want: RowScore | None = compact_from_result(score(criteria, engine))
        except AnswersError:
            want = None
        if isinstance(got, RowScore):
            assert got == want
        else:
            required = [p for p in got if "wajib diisi" in p.message]
            if want is not None:  # the engine scores it: only a blank required answer stops it
                assert required and len(required) == len(got)
            for problem in got:
                assert isinstance(problem, CellProblem) and problem.question in criteria.by_key


def _unprotect(cell: object) -> object:
    if isinstance(cell, str) and cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
        return cell[1:]
    return cell


MINI_CRITERIA = load_criteria_text(MINI_REQUIRED, "mini.yaml")
MINI_CELLS = _cells(MINI_CRITERIA)
MINI_KEYS = list(MINI_CELLS)
BUNDLED = load_bundled_criteria()
BUNDLED_CELLS = _cells(BUNDLED)
BUNDLED_KEYS = list(BUNDLED_CELLS)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(MINI_CELLS), min_size=1, max_size=12))
def test_fast_scorer_equals_the_engine_on_the_mini_criteria(rows: list[dict[str, object]]) -> None:
    _check(MINI_CRITERIA, rows, MINI_KEYS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(BUNDLED_CELLS), min_size=1, max_size=8), st.data())
def test_fast_scorer_equals_the_engine_on_the_bundled_criteria(
    rows: list[dict[str, object]], data: st.DataObject
) -> None:
    # A pre-screen export answers only some questions: drop a random subset of columns.
    keys = data.draw(st.lists(st.sampled_from(BUNDLED_KEYS), unique=True, min_size=1))
    kept = [{k: row[k] for k in keys} for row in rows]
    _check(BUNDLED, kept, keys)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(BUNDLED_CELLS), min_size=1, max_size=8))
def test_dimensions_summed_block_by_block_give_the_same_numbers(
    rows: list[dict[str, object]],
) -> None:
    """Dimensions whose combinations rarely repeat switch to block-by-block sums."""
    scorer = FastScorer(BUNDLED, {k: i for i, k in enumerate(BUNDLED_KEYS)})
    scorer.tables.dimensions._by_block = [True] * len(scorer.tables.dimensions)
    fast = scorer.score_rows([[row[k] for k in BUNDLED_KEYS] for row in rows])
    for row, got in zip(rows, fast, strict=True):
        try:
            want = compact_from_result(score(BUNDLED, {k: _unprotect(v) for k, v in row.items()}))
        except AnswersError:
            continue
        if isinstance(got, RowScore):
            assert got == want


def test_the_same_scorer_keeps_giving_the_engine_numbers_as_tables_fill() -> None:
    """Memo tables are shared across chunks: reuse one scorer on many rows."""
    scorer = FastScorer(MINI_CRITERIA, {k: i for i, k in enumerate(MINI_KEYS)})
    rows = [
        ["pangan", "ya", "md", "2.000", "1000", "T", "petani; pasar", "5", "ok"],
        ["kayu", "T", "", "100", "1000", "tidak", "impor", "Buruk", ""],
        ["pangan", "tidak tahu", "tidak wajib", "", "", "", "", "", ""],
        ["pangan", "ya", "2", "1,5", "0", "ya", "tidak ada", "4", "-"],
    ]
    for _ in range(3):
        for got, row in zip(scorer.score_rows(rows), rows, strict=True):
            want = compact_from_result(score(MINI_CRITERIA, dict(zip(MINI_KEYS, row, strict=True))))
            assert got == want


def test_problems_name_every_bad_cell_and_a_blank_required_answer() -> None:
    scorer = FastScorer(MINI_CRITERIA, {"sektor": 0, "nib": 1, "kapasitas": 2})
    got = scorer.score_rows([["", "Yess", "12 kg"]])[0]
    assert isinstance(got, list)
    assert [(p.question, p.value) for p in got] == [
        ("nib", "Yess"),
        ("kapasitas", "12 kg"),
        ("sektor", ""),
    ]
    assert "ya/tidak" in got[0].message and "wajib diisi" in got[2].message
    english = FastScorer(MINI_CRITERIA, {"sektor": 0}, lang="en").score_row([""])
    assert isinstance(english, list) and "is required" in english[0].message


def test_t_is_tidak_and_a_spreadsheet_apostrophe_is_not_an_answer() -> None:
    scorer = FastScorer(MINI_CRITERIA, {"sektor": 0, "nib": 1})
    by_t, by_no = scorer.score_rows([["pangan", "T"], ["pangan", "tidak"]])
    assert by_t == by_no
    quoted, blank = scorer.score_rows([["pangan", "'-"], ["pangan", ""]])
    assert quoted == blank


def test_rows_shorter_than_the_columns_are_refused() -> None:
    scorer = FastScorer(MINI_CRITERIA, {"sektor": 3})
    with pytest.raises(ValueError, match="at least 4 cells"):
        scorer.score_rows([["a"]])
    assert scorer.score_rows([]) == []


def test_a_criteria_file_without_conditions_or_knockouts() -> None:
    plain = load_criteria_text(
        textwrap.dedent(
            """\
            format: 1
            id: plain
            version: "1"
            title: Plain
            levels: [{key: a, min: 0, label: A}, {key: b, min: 50, label: B}]
            dimensions:
              - key: d
                label: D
                weight: 1
                questions:
                  - {key: q, type: yes_no, label: Q}
            """
        ),
        "plain.yaml",
    )
    yes, no = FastScorer(plain, {"q": 0}).score_rows([["ya"], ["T"]])
    assert isinstance(yes, RowScore) and yes.score == 100.0 and yes.level == 1
    assert isinstance(no, RowScore) and no.score == 0.0 and no.gaps == (("q", 100.0),)


@settings(max_examples=500, deadline=None)
@given(
    st.floats(0, 100, allow_nan=False)
    | st.integers(0, 2000).map(lambda k: k / 20)
    | st.integers(0, 2000).map(lambda k: k / 20 + 1e-12)
    | st.integers(0, 2000).map(lambda k: float(Decimal(k) / 20) - 5e-10)
)
def test_fast_official_rounds_exactly_like_official(value: float) -> None:
    assert fast_official(value) == official(value)


HIDDEN_DIMENSION = load_criteria_text(
    textwrap.dedent(
        """\
        format: 1
        id: hidden
        version: "1"
        title: Hidden
        levels: [{key: a, min: 0, label: A}, {key: b, min: 40, label: B}]
        dimensions:
          - key: awal
            label: Awal
            weight: 2
            questions:
              - {key: ekspor, type: yes_no, label: Mau ekspor?}
              - {key: catatan, type: text, label: Catatan}
          - key: lanjut
            label: Lanjut
            weight: 3
            questions:
        """
    )
    + "".join(
        f"      - {{key: q{i}, type: yes_no, label: Q{i}, when: ekspor, weight: {i % 3 + 1}}}\n"
        for i in range(7)
    ),
    "hidden.yaml",
)
HIDDEN_KEYS = ["ekspor", "catatan", *(f"q{i}" for i in range(7))]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["ya", "T", "", "tidak tahu"]), min_size=9, max_size=9),
        min_size=1,
        max_size=10,
    ),
    st.booleans(),
)
def test_a_dimension_nobody_answers_changes_the_weights_like_the_engine(
    rows: list[list[str]], by_block: bool
) -> None:
    """'Mau ekspor? tidak' hides a whole dimension: the other one carries all the weight."""
    import ekspor_cli.batch.dimensions as dimensions

    scorer = FastScorer(HIDDEN_DIMENSION, {k: i for i, k in enumerate(HIDDEN_KEYS)})
    scorer.tables.dimensions._by_block = [by_block] * len(scorer.tables.dimensions)
    few, dimensions._FEW = dimensions._FEW, 1  # new combinations: all at once
    try:
        scored = scorer.score_rows(rows)
    finally:
        dimensions._FEW = few
    for row, got in zip(rows, scored, strict=True):
        answers = dict(zip(HIDDEN_KEYS, row, strict=True))
        assert got == compact_from_result(score(HIDDEN_DIMENSION, answers))


GAP_NAMES = tuple(f"q{i}" for i in range(100_000))  # the most questions a code can name


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
            st.integers(0, 99_999),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_gap_codes_keep_the_impact_and_sort_in_the_engines_gap_order(
    gaps: list[tuple[bool, float, int]],
) -> None:
    """Knock-outs first, then the bigger impact, then asking order; the impact comes back
    as the very float the engine rounded."""
    names = GAP_NAMES
    codes = [gap_code(ko, impact, index) for ko, impact, index in gaps]
    for code, (_, impact, index) in zip(codes, gaps, strict=True):
        assert gap_of(code, names) == (f"q{index}", impact)
        assert gap_index(code) == index
    engine_order = sorted(gaps, key=lambda g: (not g[0], -g[1], g[2]))
    assert [gap_of(c, names) for c in sorted(codes)] == [
        (f"q{index}", impact) for _, impact, index in engine_order
    ]


NEAR_TIES = st.builds(
    lambda tenths, noise: tenths / 10 + 0.05 + noise,
    st.integers(0, 999),
    st.sampled_from([0.0, 1e-15, -1e-15, 1e-12, -1e-12, 4e-10, -4e-10, 1e-7, -1e-7, 2e-6]),
)


@given(st.lists(st.one_of(st.floats(0, 100), NEAR_TIES, st.floats(-5, 0)), max_size=40))
def test_official_column_rounds_every_value_like_official(values: list[float]) -> None:
    """Column-wise half-up rounding: the engine's official() for every value, ties and
    summation noise (69.94999999999999) included."""
    assert official_column(values) == [official(v) for v in values]


ODD_WEIGHTS = load_criteria_text(
    textwrap.dedent(
        """\
        format: 1
        id: odd
        version: "1"
        title: Odd weights
        levels: [{key: a, min: 0, label: A}, {key: b, min: 40, label: B}]
        dimensions:
          - key: satu
            label: Satu
            weight: 0.7
            questions:
        """
    )
    + "".join(
        f"      - {{key: q{i}, type: scale, label: Q{i}, min: 1, max: 5, ready_at: 4, "
        f"weight: {0.1 * i + 0.07:.2f}}}\n"
        for i in range(11)
    )
    + "  - {key: dua, label: Dua, weight: 0.3, questions: [{key: r, type: yes_no, label: R}]}\n",
    "odd.yaml",
)
ODD_KEYS = [*(f"q{i}" for i in range(11)), "r"]
SCALE_CELLS = st.sampled_from(["1", "2", "3", "5", "", "tidak tahu"])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda scales, yes_no: [*scales, yes_no],
            st.lists(
                st.sampled_from(["1", "2", "3", "5", "", "tidak tahu"]), min_size=11, max_size=11
            ),
            st.sampled_from(["ya", "T", ""]),
        ),
        min_size=1,
        max_size=10,
    ),
    st.booleans(),
)
def test_weights_whose_sums_round_give_the_engines_numbers_block_by_block(
    rows: list[list[str]], by_block: bool
) -> None:
    """Weights such as 0.17 and 0.27: their sums round, so blocks keep exact parts."""
    import ekspor_cli.batch.dimensions as dimensions

    scorer = FastScorer(ODD_WEIGHTS, {k: i for i, k in enumerate(ODD_KEYS)})
    scorer.tables.dimensions._by_block = [by_block] * len(scorer.tables.dimensions)
    few, dimensions._FEW = dimensions._FEW, 1 if by_block else dimensions._FEW
    try:
        scored = scorer.score_rows(rows)
    finally:
        dimensions._FEW = few
    for row, got in zip(rows, scored, strict=True):
        answers = {k: v for k, v in zip(ODD_KEYS, row, strict=True)}
        assert got == compact_from_result(score(ODD_WEIGHTS, answers))


def test_weight_sums_are_known_exact_only_for_binary_fractions() -> None:
    from ekspor_cli.batch.dimensions import _sums_exact

    assert _sums_exact([1.0, 1.5, 5.0, 0.25])
    assert not _sums_exact([1.0, 0.1])
    assert not _sums_exact([2.0**33, 1.0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(BUNDLED_CELLS), min_size=1, max_size=8), st.data())
def test_new_combinations_made_all_at_once_give_the_engines_numbers(
    rows: list[dict[str, object]], data: st.DataObject
) -> None:
    """Many new combinations in one chunk are made block by block, in one go."""
    import ekspor_cli.batch.dimensions as dimensions

    keys = data.draw(st.lists(st.sampled_from(BUNDLED_KEYS), unique=True, min_size=1))
    kept = [{k: row[k] for k in keys} for row in rows]
    few = dimensions._FEW
    dimensions._FEW = 1
    try:
        _check(BUNDLED, kept, keys)
    finally:
        dimensions._FEW = few


@given(st.lists(st.sampled_from([None, "?", "a", 1]), max_size=80), st.sampled_from([None, "?"]))
def test_positions_finds_every_miss_in_order(column: list[object], marker: object) -> None:
    """Few misses are found hit by hit, many in one pass: the same positions either way."""
    from ekspor_cli.fastscore import positions

    assert positions(column, marker) == [i for i, x in enumerate(column) if x == marker]


def test_fill_misses_makes_each_new_key_once_and_remembers_it() -> None:
    from ekspor_cli.fastscore import fill_misses

    memo = {"ya": 1}
    keys = ["ya", "T", "T", "-", "ya", "T"]
    found: list[object] = list(map(memo.get, keys))
    asked: list[list[str]] = []

    def make(new: list[str]) -> list[int]:
        asked.append(new)
        return [len(key) * 10 for key in new]

    assert fill_misses(found, keys, memo, make) == 2
    assert asked == [["T", "-"]] and found == [1, 10, 10, 10, 1, 10]
    assert memo == {"ya": 1, "T": 10, "-": 10}
    assert fill_misses(found, keys, memo, make) == 0 and len(asked) == 1
