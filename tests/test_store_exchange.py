"""JSON Lines exchange between laptops: lossless, idempotent, conflicts reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ekspor_cli import DONT_KNOW, load_criteria_text, score_values
from ekspor_cli.errors import InputError
from ekspor_cli.store import Store, get_assessment, list_assessments, open_store, save_assessment
from ekspor_cli.store.exchange import export_lines, import_exchanges, parse_exchange
from ekspor_cli.store.repository import NO_FILTERS, Filters

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
