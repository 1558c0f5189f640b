"""The command line: extract, ingest, show, eval, settings; exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from tests.fixtures.paths import EXAMPLES, SEED_GOLD, SEED_TXT


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.shared
def test_extract_seed_txt_and_gold_jsonl_agree(seed_gold: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    result = run("extract", str(SEED_TXT), "-o", str(out))
    assert result.exit_code == 0, result.output
    (from_txt,) = records(out.read_text(encoding="utf-8"))
    as_jsonl = tmp_path / "gold.jsonl"
    as_jsonl.write_text(json.dumps({k: seed_gold[k] for k in ("id", "text", "published")}) + "\n",
                        encoding="utf-8")
    (from_jsonl,) = records(run("extract", str(as_jsonl)).stdout)
    for record in (from_txt, from_jsonl):
        assert record["contract"] == 1
        assert record["published"] == "2021-03-10"
        assert record["text"] == seed_gold["text"]
        assert [{k: p[k] for k in ("span", "duplicate_of")} for p in record["paragraphs"]] \
            == seed_gold["paragraphs"]
    assert from_jsonl["id"] == seed_gold["id"]


def test_extract_goes_on_after_bad_records_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Talks resumed."}\n{oops\n'
                    '{"id": "b", "text": "Officials met."}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert [r["id"] for r in records(result.stdout)] == ["a", "b"]
    assert f"{path}:2: not valid JSON" in result.stderr
    assert "failed 1 (json 1)" in result.stderr


def test_non_english_article_is_skipped_with_a_reason() -> None:
    text = ("Le ministre des Affaires étrangères a déclaré mardi que les négociations avec "
            "ses voisins reprendraient la semaine prochaine à Genève, selon un communiqué.")
    result = CliRunner().invoke(main, ["extract", "-"], input=json.dumps(
        {"id": "fr", "text": text}) + "\n" + json.dumps({"id": "en", "text": "Talks resumed."}))
    assert result.exit_code == 1
    assert [r["id"] for r in records(result.stdout)] == ["en"]
    assert "in French, not English" in result.stderr and "[language]" in result.stderr


def test_missing_model_is_an_actionable_error() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--model", "en_no_such_pipeline"],
                                input="Talks resumed.")
    assert result.exit_code == 2
    assert "en_no_such_pipeline" in result.stderr and "pip install" in result.stderr


def test_ingest_show_and_examples(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db)])
    assert result.exit_code == 0, result.output + result.stderr
    n_examples = sum(1 for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".html"}) + sum(
        1 for p in EXAMPLES.rglob("*.jsonl") for line in p.read_text().splitlines() if line)
    assert f"stored {n_examples}" in result.stderr
    said = result.stderr  # the run talks: model first, then what was found and what next
    assert said.index("loading model") < said.index("model ready") < said.index("summary:")
    assert "entities" in said.split("found: ")[1].splitlines()[0]
    assert f"dragoman serve --db {db}" in said.split("next:")[1]
    again = CliRunner().invoke(main, ["ingest", "--db", str(db)])
    assert f"stored 0 new, {n_examples} already stored" in again.stderr
    from dragoman.store import open_store

    store = open_store(str(db))
    article_id = store.articles(limit=1)[0]["id"]
    store.close()
    shown = CliRunner().invoke(main, ["show", article_id[:12], "--db", str(db)])
    assert shown.exit_code == 0 and "¶0" in shown.stdout
    as_json = json.loads(CliRunner().invoke(main, ["show", article_id, "--db", str(db),
                                                   "--json"]).stdout)
    assert as_json["id"] == article_id and as_json["paragraphs"]
    missing = CliRunner().invoke(main, ["show", "no-such-id", "--db", str(db)])
    assert missing.exit_code == 1 and "no-such-id" in missing.output
    quoted = records(CliRunner().invoke(main, ["quotes", "--db", str(db), "--format",
                                               "json", "--limit", "1000"]).stdout)
    speakers = {q["speaker"] for q in quoted if q["speaker"]}
    assert len(quoted) > 20 and len(speakers) > 5
    name = sorted(speakers)[0]
    by_speaker = records(CliRunner().invoke(main, ["quotes", "--db", str(db), "--speaker",
                                                   name.split()[-1], "--format", "json"]).stdout)
    assert by_speaker and all(name.split()[-1] in (q["speaker"] or "") for q in by_speaker)
    merged = records(CliRunner().invoke(main, ["events", "--db", str(db), "--format",
                                               "json", "--limit", "1000"]).stdout)
    assert merged and all(m["articles"] >= 1 for m in merged)
    again = CliRunner().invoke(main, ["merge-events", "--db", str(db)])
    assert again.exit_code == 0 and f"into {len(merged)} events" in again.output
    assert records(CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json",
                                             "--limit", "1000"]).stdout) == merged


@pytest.mark.shared
def test_eval_duplicates_on_the_seed_is_perfect() -> None:
    result = run("eval", str(SEED_GOLD), "--only", "duplicates", "--json")
    report = json.loads(result.stdout)
    assert report["duplicates"]["f1"] == 1.0
    table = run("eval", str(SEED_GOLD), "--only", "duplicates")
    assert "duplicates" in table.stdout and "1.000" in table.stdout


def test_eval_rejects_unknown_kinds(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--only", "quotes,colours"])
    assert result.exit_code == 2 and "colours" in result.output


def test_eval_scores_a_predictions_file(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    predictions = tmp_path / "p.jsonl"
    line = {"id": "a", "text": "One.\n\nOne.", "paragraphs": [
        {"span": [0, 4], "duplicate_of": None}, {"span": [6, 10], "duplicate_of": 0}]}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    predictions.write_text(json.dumps({**line, "paragraphs": [
        {"span": [0, 4], "duplicate_of": None}, {"span": [6, 10], "duplicate_of": None}]}) + "\n",
        encoding="utf-8")
    report = json.loads(run("eval", str(gold), "--predictions", str(predictions), "--json",
                            "--only", "duplicates").stdout)
    assert report["duplicates"]["recall"] == 0.0


def test_bad_setting_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAGOMAN_BATCH_SIZE", "many")
    result = CliRunner().invoke(main, ["extract", "-"], input="Talks resumed.")
    assert result.exit_code == 2 and "DRAGOMAN_BATCH_SIZE" in result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest", "eval"])
def test_min_confidence_outside_0_1_is_a_usage_error(command: str, tmp_path: Path) -> None:
    args = {"extract": ["extract", "-"], "ingest": ["ingest", "--db", str(tmp_path / "x.db")],
            "eval": ["eval", str(tmp_path / "g.jsonl")]}[command]
    (tmp_path / "g.jsonl").write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--min-confidence", "1.5"], input="Talks.")
    assert result.exit_code == 2 and "--min-confidence" in result.output
    assert "0<=x<=1" in result.output


def test_eval_scores_the_predicted_events_the_minimum_keeps(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    text = "Japan and Chile met on Monday."
    party = {"entity": None, "sector": None}
    event = {"event": "CONSULT", "mode": None, "context": [], "cameo": "040",
             "actors": [{**party, "name": "Japan", "country": "JPN"}],
             "recipients": [{**party, "name": "Chile", "country": "CHL"}],
             "status": "occurred", "date": None, "location": None, "evidence": [0, 29],
             "claimed_by": [], "mentions": []}
    gold, predictions = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": text, "events": [event]}) + "\n",
                    encoding="utf-8")
    predictions.write_text(json.dumps({"id": "a", "text": text, "events": [
        {**event, "confidence": 0.8},
        {**event, "event": "ACCUSE", "cameo": "112", "confidence": 0.3}]}) + "\n",
        encoding="utf-8")

    def score(*flags: str) -> dict[str, Any]:
        result = run("eval", str(gold), "--predictions", str(predictions), "--json",
                     "--only", "events", *flags)
        events: dict[str, Any] = json.loads(result.stdout)["events"]
        return events

    assert (score()["tp"], score()["fp"]) == (1, 1)
    assert (score("--min-confidence", "0.5")["tp"], score("--min-confidence", "0.5")["fp"]) \
        == (1, 0)
    monkeypatch.setenv("DRAGOMAN_EVENT_MIN_CONFIDENCE", "0.9")
    assert (score()["tp"], score()["fp"]) == (0, 0)


def test_events_and_export_show_and_filter_by_confidence(tmp_path: Path) -> None:
    from tests.fixtures.event_records import confidence_store

    confidence_store(tmp_path).close()   # CONSULT 0.8 (best of 0.4, 0.8, none), ACCUSE 0.3,
    db = str(tmp_path / "s.db")          # AGREE none, ASSAULT 0.8

    def listed(*flags: str) -> dict[str, Any]:
        result = run("events", "--db", db, "--format", "json", *flags)
        return {r["event"]: r["confidence"] for r in records(result.stdout)}

    assert listed() == {"CONSULT": 0.8, "ACCUSE": 0.3, "AGREE": None, "ASSAULT": 0.8}
    assert listed("--min-confidence", "0.3") == {"CONSULT": 0.8, "ACCUSE": 0.3,
                                                 "ASSAULT": 0.8}
    assert listed("--min-confidence", "0") == listed()
    table = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["events", "--db", db, "--min-confidence", "0.5"]).stdout
    assert "confidence" in table and "0.80" in table and "ACCUSE" not in table
    assert table.endswith("events 1–2 of 2\n")   # the total
    assert run("events", "--db", db, "--format", "csv").stdout.splitlines()[0].startswith(
        "id,event,mode,cameo,actors,recipients,confidence,")  # /api/events columns
    bad = CliRunner().invoke(main, ["events", "--db", db, "--min-confidence", "high"])
    assert bad.exit_code == 2 and "'high' is not a valid float" in bad.output
    exported = run("export", "events", "--db", db, "--format", "jsonl", "--min-confidence",
                   "0.5")
    assert [json.loads(x)["confidence"] for x in exported.stdout.splitlines()] == [0.8, 0.8]
    assert "exported 2 events" in exported.stderr


def test_show_prints_each_events_confidence() -> None:
    import io

    from rich.console import Console

    from dragoman.report import print_record
    from tests.fixtures.web_records import anchorage_announced

    record = anchorage_announced()
    record["events"][1]["confidence"] = None
    out = io.StringIO()
    print_record(record, Console(file=out, width=200, highlight=False))
    lines = [line for line in out.getvalue().splitlines() if line.startswith("event ")]
    assert lines[0].endswith("confidence 0.90") and "confidence" not in lines[1]


@pytest.fixture
def web_store(tmp_path: Path) -> Path:
    from tests.fixtures.web_records import build_store

    return build_store(tmp_path / "web.db")


@pytest.mark.parametrize("args", [
    ["show", "2021-06-20-flood-aid"], ["quotes"], ["events"], ["actors"],
    ["export", "events"], ["export", "mentions"], ["export", "network"]])
def test_read_commands_never_write_and_refuse_an_unmigrated_store(
        web_store: Path, args: list[str]) -> None:
    import sqlite3

    result = CliRunner().invoke(main, [*args, "--db", str(web_store)])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(web_store)   # as written before zones
    con.execute("ALTER TABLE paragraphs DROP COLUMN zone")
    con.execute("DELETE FROM migrations WHERE name = '0008_paragraph_zones'")
    con.commit()
    con.close()
    result = CliRunner().invoke(main, [*args, "--db", str(web_store)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: the store {str(web_store)!r} needs migrating (0008_paragraph_zones); run "
        f"`dragoman migrate --db {web_store}` once where it is writable")
    assert run("migrate", "--db", str(web_store)).exit_code == 0
    assert CliRunner().invoke(main, [*args, "--db", str(web_store)]).exit_code == 0


def test_migrate_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["migrate", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()


def _one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    return str(line)


def test_a_quote_search_of_fts_syntax_only_is_no_filter(web_store: Path) -> None:
    everything = run("quotes", "--db", str(web_store), "--format", "json").stdout
    for text in ['"', '""', '" "']:
        result = run("quotes", "--search", text, "--db", str(web_store), "--format", "json")
        assert result.exit_code == 0 and result.stdout == everything
    for text in ["NEAR(a b)", "a:b", "*", '" OR 1=1 --']:
        assert run("quotes", "--search", text, "--db", str(web_store)).exit_code == 0
    line = _one_line_error(CliRunner().invoke(main, ["quotes", "--db", str(web_store),
                                                     "--search", "a\x01b"]))
    assert "control characters" in line


@pytest.mark.parametrize("args", [["export", "events", "--db", "DB", "-o", "MISSING/e.csv"],
                                  ["extract", "-", "-o", "MISSING/x.jsonl"]])
def test_output_into_a_missing_folder_is_one_line(web_store: Path, tmp_path: Path,
                                                  args: list[str]) -> None:
    args = [a.replace("DB", str(web_store)).replace("MISSING", str(tmp_path / "no"))
            for a in args]
    line = _one_line_error(CliRunner().invoke(main, args, input="Talks resumed."))
    assert line == f"error: {tmp_path / 'no'}/{Path(args[-1]).name}: No such file or directory"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_onto_a_full_device_is_one_line(web_store: Path) -> None:
    result = CliRunner().invoke(main, ["export", "events", "--db", str(web_store),
                                       "-o", "/dev/full"])
    assert "No space left on device" in _one_line_error(result)


def test_a_store_with_damaged_pages_is_one_line(web_store: Path, tmp_path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(web_store)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with web_store.open("r+b") as damaged:   # every page but the first (the schema)
        damaged.seek(size)
        damaged.write(b"\xff" * size * (pages - 1))
    for args in (["quotes"], ["events"], ["export", "events"], ["show", "x"]):
        line = _one_line_error(CliRunner().invoke(main, [*args, "--db", str(web_store)]))
        assert "malformed" in line, line
    (tmp_path / "trunc.db").write_bytes(web_store.read_bytes()[: size // 2])
    line = _one_line_error(CliRunner().invoke(main, ["quotes", "--db",
                                                     str(tmp_path / "trunc.db")]))
    assert "malformed" in line or "not a database" in line, line


@pytest.mark.parametrize(("name", "value"), [
    ("NEARDUP_NUM_PERM", "0"), ("NEARDUP_NUM_PERM", "-5"), ("NEARDUP_NUM_PERM", "1e9"),
    ("NEARDUP_THRESHOLD", "nan"), ("LANGUAGE_CHECK_CHARS", "-1"), ("WORKERS", "0"),
    ("EVENT_MIN_CONFIDENCE", "inf")])
def test_an_invalid_setting_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        name: str, value: str) -> None:
    monkeypatch.setenv(f"DRAGOMAN_{name}", value)
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "-"],
                                input="Talks resumed.")
    assert name.lower() in _one_line_error(result).lower()


def test_codes_prints_a_code_with_what_it_covers_and_finds_names() -> None:
    result = run("codes", "083", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = records(result.output)
    assert [r["code"] for r in rows] == ["083", "0831", "0832", "0833", "0834"]
    assert rows[1]["name"] == "Accede to demands for change in leadership"
    assert rows[1]["plover"] == "RETREAT:resign"
    table = run("codes", "visit")
    assert "Make a visit" in table.output and "CONSULT:visit" in table.output
    missing = run("codes", "xyzzy")
    assert missing.exit_code == 1 and "no code or code name matches 'xyzzy'" in missing.output


@pytest.mark.parametrize(("db", "name"), [("runs/libya.db", "libya"),
                                          ("sqlite:///tmp/x/egypt-2011.sqlite", "egypt-2011"),
                                          ("dragoman.db", "dragoman")])
def test_datasette_metadata_names_the_database_after_its_file(tmp_path: Path, db: str,
                                                              name: str) -> None:
    out = tmp_path / "meta.json"
    result = run("datasette-metadata", "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.output
    databases = json.loads(out.read_text(encoding="utf-8"))["databases"]
    assert list(databases) == [name]
    assert {"events_between", "quotes_by_speaker", "errors_by_kind"} <= set(
        databases[name]["queries"])
    assert f"datasette {db} -m {out}" in result.output
    printed = run("datasette-metadata", "--db", db)
    assert json.loads(printed.output)["databases"] == databases


def test_datasette_metadata_refuses_a_non_sqlite_url() -> None:
    result = run("datasette-metadata", "--db", "postgresql://host/db")
    assert result.exit_code == 2 and "Datasette opens SQLite files" in result.output


@pytest.mark.parametrize(("width", "headers", "absent"), [
    (80, ["date", "event", "actor", "recipient", "evidence"], ["status", "confidence"]),
    (110, ["status", "confidence", "evidence"], []),
    (160, ["status", "confidence", "evidence"], []),
])
def test_the_events_table_fits_the_terminal(web_store: Path, width: int, headers: list[str],
                                            absent: list[str]) -> None:
    """Fewer columns in a narrow terminal, not cells broken over many lines; the evidence
    sentence wraps in its own column; the total closes the table."""
    result = CliRunner().invoke(main, ["events", "--db", str(web_store), "--limit", "4"],
                                env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    head = next(line for line in lines if "evidence" in line)
    assert all(h in head.split() or h in head for h in headers)
    assert not any(f" {h} " in head for h in absent)
    days = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert [d for d in days if d] == ["2021-07-01", "2021-07-01", "2021-06-20", "2021-05-12"]
    body = " ".join(" ".join(c.strip() for c in line.split("│")[-2:-1])
                    for line in lines if line.startswith("│"))
    assert "China sent tents and water pumps to flood-hit provinces of Vietnam" in body
    assert lines[-1] == "events 1–4 of 10"


def test_a_failed_spark_job_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """A job that fails on Spark (a Python worker's exception, raised by pyspark on the
    driver with the worker's whole trace) is one error line naming its last line."""
    import dragoman.run.spark as spark_runner

    failure = type("PythonException", (Exception,), {"__module__": "pyspark.errors"})

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise failure("An exception was thrown from the Python worker:\nTraceback …\n"
                      "  File \"shuffle.py\", line 803, in _spill\n"
                      "TypeError: '<' not supported\n")

    monkeypatch.setattr(spark_runner, "session", lambda master: None)
    monkeypatch.setattr(spark_runner, "extract", failing)
    result = CliRunner().invoke(main, ["spark", "extract", str(SEED_TXT), str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: the Spark job failed: TypeError: '<' not "
                                     "supported (Spark's log above has the whole trace)")
