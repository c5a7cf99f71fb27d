"""JSON Lines exchange between laptops: lossless, idempotent, conflicts reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekspor_cli import DONT_KNOW, load_criteria_text, score_values
from ekspor_cli.answers import AnswerReader
from ekspor_cli.batch import result_cells, result_columns
from ekspor_cli.errors import InputError
from ekspor_cli.parsing import parse_number
from ekspor_cli.store import Store, get_assessment, list_assessments, open_store, save_assessment
from ekspor_cli.store.exchange import export_lines, import_exchanges, parse_exchange
from ekspor_cli.store.export_table import answer_cell, export_table, number_text
from ekspor_cli.store.replay import CriteriaCache, Replayed, replay
from ekspor_cli.store.repository import NO_FILTERS, Filters, criteria_text

from .conftest import MINI

CRITERIA = load_criteria_text(MINI, "mini.yaml")
OTHER = load_criteria_text(MINI.replace('version: "1"', 'version: "2"'), "mini.yaml")


def _save(store: Store, name: str, values: dict[str, object], criteria=CRITERIA) -> str:  # type: ignore[no-untyped-def]
    result = score_values(criteria, values)
    profile = {"business_name": name, "city": "Malang", "officer": "Ani"}
    return save_assessment(store, profile, values, {"nib": True}, result, criteria, source="assess")


@pytest.fixture
def laptop_a(tmp_path: Path) -> Store:
    with open_store(tmp_path / "a.db") as store:
        _save(store, "Kopi Gayo", {"nib": True, "pemasok": ("petani", "pasar")})
        _save(store, "Kopi Gayo", {"nib": DONT_KNOW, "mutu": 4}, OTHER)
        _save(store, "Batik Laweyan", {"nib": False, "kapasitas": 1500.5})
        yield store


def _export(store: Store, filters: Filters = NO_FILTERS) -> str:
    return "\n".join(export_lines(store, filters)) + "\n"


def test_export_then_import_is_lossless(laptop_a: Store, tmp_path: Path) -> None:
    text = _export(laptop_a)
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0]["kind"] == "ekspor-history" and lines[0]["assessments"] == 3
    assert [line["kind"] for line in lines].count("criteria") == 2  # each text once
    with open_store(tmp_path / "b.db") as laptop_b:
        summary = import_exchanges(laptop_b, [parse_exchange(text, "a.jsonl")])
        assert len(summary.added) == 3 and not summary.conflicts
        for row in list_assessments(laptop_a):
            copy = get_assessment(laptop_b, row.uuid)
            assert copy.record == row.record
            assert copy.record.values() == row.record.values()
            assert copy.business_key == row.business_key
        assert _export(laptop_b).splitlines()[1:] == text.splitlines()[1:]


def test_importing_twice_changes_nothing(laptop_a: Store, tmp_path: Path) -> None:
    text = _export(laptop_a)
    with open_store(tmp_path / "b.db") as laptop_b:
        import_exchanges(laptop_b, [parse_exchange(text, "a.jsonl")])
        before = _export(laptop_b).splitlines()[1:]
        again = import_exchanges(laptop_b, [parse_exchange(text, "a.jsonl")])
        assert (len(again.added), len(again.unchanged), again.conflicts) == (0, 3, [])
        assert _export(laptop_b).splitlines()[1:] == before
    own = import_exchanges(laptop_a, [parse_exchange(text, "a.jsonl")])
    assert len(own.unchanged) == 3


def test_a_conflict_is_reported_and_never_overwrites(laptop_a: Store, tmp_path: Path) -> None:
    text = _export(laptop_a)
    victim = list_assessments(laptop_a)[0]
    with open_store(tmp_path / "b.db") as laptop_b:
        import_exchanges(laptop_b, [parse_exchange(text, "a.jsonl")])
        # Laptop B's copy of one assessment differs (e.g. restored from an edited backup).
        laptop_b.conn.execute(
            "UPDATE assessments SET profile_json = ?, content_sha256 = 'x' WHERE uuid = ?",
            (json.dumps({"business_name": "Kopi Gayo Baru"}), victim.uuid),
        )
        summary = import_exchanges(laptop_b, [parse_exchange(text, "a.jsonl")])
        assert len(summary.conflicts) == 1 and len(summary.unchanged) == 2
        conflict = summary.conflicts[0]
        assert conflict.uuid == victim.uuid and conflict.fields == ("profile",)
        assert conflict.where.startswith("a.jsonl:")
        kept = get_assessment(laptop_b, victim.uuid).record
        assert kept.profile == {"business_name": "Kopi Gayo Baru"}


def test_merging_two_laptops_links_the_same_firm(laptop_a: Store, tmp_path: Path) -> None:
    with open_store(tmp_path / "b.db") as laptop_b:
        _save(laptop_b, "UD Kopi Gayo", {"nib": True, "subkontrak": True})
        import_exchanges(laptop_b, [parse_exchange(_export(laptop_a), "a.jsonl")])
        keys = {r.business_key for r in list_assessments(laptop_b, Filters(business="gayo"))}
        assert keys == {"nama:kopi gayo@malang"}
        assert len(list_assessments(laptop_b, Filters(business="gayo"))) == 3


def test_a_filtered_export_carries_only_its_criteria(laptop_a: Store) -> None:
    text = _export(laptop_a, Filters(business="batik"))
    kinds = [json.loads(line)["kind"] for line in text.splitlines()]
    assert kinds == ["ekspor-history", "criteria", "assessment"]


def _lines(laptop_a: Store) -> list[dict[str, object]]:
    return [json.loads(line) for line in _export(laptop_a).splitlines()]


def _text(lines: list[dict[str, object]]) -> str:
    return "\n".join(json.dumps(line) for line in lines) + "\n"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda ls: ls.__setitem__(0, {"kind": "other"}), ":1: not an ekspor export"),
        (lambda ls: ls[0].update(format=9), ":1: export format 9 is newer"),
        (lambda ls: ls[1].update(text="changed"), ":2: criteria text does not match its sha256"),
        (lambda ls: ls[-1]["profile"].update(city="Batu"), "does not match its checksum"),
        (lambda ls: ls[-1].update(score="high"), "field 'score' is missing or has the wrong type"),
        (lambda ls: ls[-1].update(uuid="not-a-uuid"), "badly formed hexadecimal UUID"),
        (lambda ls: ls[-1].update(source="fax"), "unknown source 'fax'"),
        (lambda ls: ls[-1].update(kind="mystery"), "unknown line kind 'mystery'"),
        (lambda ls: ls[-1]["answers"].update(nib={"x": 1}), "not an encoded answer"),
        (lambda ls: ls.__setitem__(1, [1, 2]), ":2: expected a JSON object"),
        (lambda ls: ls[1].pop("text"), ":2: criteria line needs sha256, id, version and text"),
        (lambda ls: ls[-1]["profile"].update(city=5), "profile values must be text"),
        (lambda ls: ls[-1]["evidence"].update(nib="ya"), "evidence flags must be true or false"),
    ],
)
def test_damaged_files_are_refused_with_file_and_line(
    laptop_a: Store, damage: object, message: str
) -> None:
    lines = _lines(laptop_a)
    damage(lines)  # type: ignore[operator]
    with pytest.raises(InputError, match=message) as err:
        parse_exchange(_text(lines), "a.jsonl")
    assert err.value.message.startswith("a.jsonl")


def test_not_json_and_empty_files_are_refused() -> None:
    with pytest.raises(InputError, match="a.jsonl:2: not a JSON line"):
        parse_exchange('{"kind": "ekspor-history", "format": 1}\n{oops\n', "a.jsonl")
    with pytest.raises(InputError, match="the file is empty"):
        parse_exchange("\n", "a.jsonl")


def test_an_assessment_without_its_criteria_imports_nothing(
    laptop_a: Store, tmp_path: Path
) -> None:
    lines = [line for line in _lines(laptop_a) if line["kind"] != "criteria"]
    exchange = parse_exchange(_text(lines), "a.jsonl")
    with open_store(tmp_path / "b.db") as laptop_b:
        with pytest.raises(InputError, match="are not in the file"):
            import_exchanges(laptop_b, [exchange])
        assert list_assessments(laptop_b) == []


# --- the CSV/xlsx table (ekspor export -o FILE.csv|xlsx) ------------------------------------

SUPPLY = load_criteria_text(
    MINI.replace('version: "1"', 'version: "3"').replace("key: pasokan", "key: supply"), "mini.yaml"
)


def _replayed(store: Store) -> list[Replayed]:
    cache = CriteriaCache(lambda sha: criteria_text(store, sha))
    return [replay(s, cache.get(s)) for s in list_assessments(store, oldest_first=True)]


def test_the_table_has_the_batch_result_columns_across_criteria_versions(laptop_a: Store) -> None:
    _save(laptop_a, "Kopi Gayo", {"nib": True, "kapasitas": 10.0}, SUPPLY)
    assessments = _replayed(laptop_a)
    table = export_table(assessments, lang="en", numbers="dot")
    first = table.header.index("sektor")
    assert table.header[first - 3 : first] == ["source", "criteria_id", "criteria_version"]
    results = table.header[table.header.index("catatan") + 1 :]
    assert results[3:6] == ["ekspor_dim_legal", "ekspor_dim_pasokan", "ekspor_dim_supply"]
    assert set(results) == {*result_columns(CRITERIA), *result_columns(SUPPLY)}
    for item, row in zip(assessments, table.rows, strict=True):
        cells = dict(zip(table.header, row, strict=True))
        own = result_columns(item.criteria)
        expected = result_cells(item.result, item.criteria, lang="en", numbers="dot")
        assert [cells[name] for name in own] == expected  # the batch's cells, as they are
        assert all(cells[name] is None for name in set(results) - set(own))
        assert cells["profile_business_name"] == item.stored.record.business_name
    assert cells["kapasitas"] == "10" and cells["nib"] == "ya"
    assert cells["ekspor_level_label"] in {"Low", "Medium", "High"}


def test_an_empty_history_is_a_header_only_table() -> None:
    table = export_table([])
    assert table.rows == [] and table.header[0] == "assessment_id"


@pytest.mark.parametrize(
    ("key", "value", "cell"),
    [
        ("nib", True, "ya"),
        ("nib", False, "tidak"),
        ("nib", DONT_KNOW, "tidak tahu"),
        ("sektor", "pangan", "pangan"),
        ("pemasok", ("petani", "pasar"), "petani; pasar"),
        ("pemasok", (), ";"),  # answered, nothing chosen: not the same as blank
        ("kapasitas", 1500.0, "1500"),
        ("kapasitas", 1.125, "1.1250"),  # "1.125" would be read as 1125
        ("kapasitas", 0.125, "0.125"),
        ("kapasitas", 1234.567, "1234.567"),
        ("kapasitas", 2.5e-05, "0.000025"),  # never an exponent: batch refuses those
        ("kapasitas", 1e16, "10000000000000000"),
        ("mutu", 4, 4),
        ("catatan", "=1+1", "=1+1"),  # the writer neutralises it, the reader strips the '
    ],
)
def test_every_answer_is_written_as_a_batch_cell_that_reads_back(
    key: str, value: object, cell: object
) -> None:
    assert answer_cell(value, "dot") == cell
    assert AnswerReader(CRITERIA).read(key, cell) == value
    if isinstance(value, float):
        assert answer_cell(value, "float") == value  # .xlsx: a number cell


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_number_text_reads_back_exactly(value: float) -> None:
    value = round(value, 9)  # at most 30 digits, as the batch reads
    assert parse_number(number_text(value), "auto").value == value
