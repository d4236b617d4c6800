"""EVAL.md keeps the latest run on top and a bounded history; gold sets get their role from their name."""

from pathlib import Path

from evaluation import report
from evaluation.goldsets import _files, _role


def _run(n: int) -> str:
    rows = [report.Row("set", "dev", "alone", {"commitment_recall": n / 10, "commitments_extracted": n})]
    return report.render(
        when=f"day {n}", commit=f"c{n}", rows=rows, invariance=[], corpus_stats=None, skipped=[], minutes=1.0
    )


def test_latest_run_on_top_and_history_bounded(tmp_path):
    path = tmp_path / "EVAL.md"
    for n in range(report.HISTORY_RUNS + 3):
        report.write_eval_md(path, _run(n))
    text = path.read_text()
    latest = report.HISTORY_RUNS + 2
    assert text.index(f"day {latest} at c{latest}") < text.index("## History") < text.index(f"day {latest - 1}")
    assert text.count(report.RUN_MARK) == report.HISTORY_RUNS + 1
    assert text.count("## History") == 1
    assert "day 0 " not in text  # the oldest fell off


def test_table_cells_show_counts_as_integers_and_rates_with_three_decimals():
    table = report.table([report.Row("s", "dev", "alone", {"commitment_recall": 0.5, "commitments_extracted": 12})])
    assert "| s | dev | alone | 0.500 | 12 |" in table


def test_role_and_files_of_a_gold_file():
    assert _role(Path("heldout_x.yml")) == "held-out"
    assert _role(Path("seed_corpus.yml")) == "in-sample"
    assert _role(Path("dev_y.yml")) == "dev"
    gold = {"documents": [{"file": "a.md"}], "commitments": [{"file": "b.md"}, {"file": "a.md"}]}
    assert _files(gold) == ("a.md", "b.md")


def test_benchmarks_md_keeps_the_latest_run_on_top(tmp_path):
    from benchmarks import run

    path = tmp_path / "BENCHMARKS.md"
    for n in range(run.HISTORY_RUNS + 2):
        run.write_latest_first(path, f"{run.RUN_MARK}\n## day {n} at c{n}\n\n| cold_full | {n} s |\n")
    text = path.read_text()
    latest = run.HISTORY_RUNS + 1
    assert text.index(f"day {latest} ") < text.index("## History") < text.index(f"day {latest - 1} ")
    assert text.count(run.RUN_MARK) == run.HISTORY_RUNS + 1 and text.count("## History") == 1
