"""The Dagster code location: lineage from Python assets into dbt, checks, schedule, sensor."""

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.automation import source_folder_changed


def asset_keys() -> set[dg.AssetKey]:
    return set(defs.resolve_asset_graph().get_all_asset_keys())


def test_every_dbt_source_is_a_python_asset_with_the_same_key():
    graph = defs.resolve_asset_graph()
    dbt_node = next(a for a in defs.assets if getattr(a, "op", None) and a.op.name == "readout_dbt_models")
    sources = {dep for spec in dbt_node.specs for dep in (d.asset_key for d in spec.deps) if dep.path[0] == "staging"}
    python_assets = {
        key for key in graph.get_all_asset_keys() if key.path[0] == "staging" and not graph.get(key).is_external
    }
    assert sources, "dbt models should depend on staging sources"
    assert sources <= python_assets


def test_dbt_tests_and_python_checks_are_asset_checks():
    checks = {key.name for key in defs.resolve_asset_graph().asset_check_keys}
    assert "every_file_accounted_for" in checks
    assert "mention_spans_reproduce_text" in checks
    assert "commitment_spans_reproduce_text" in checks
    assert any(name.startswith("unique_dim_document") for name in checks)


def test_job_schedule_and_sensor_are_defined():
    assert defs.resolve_job_def("build_warehouse")
    assert defs.resolve_schedule_def("daily_build").cron_schedule == "0 5 * * *"
    assert defs.resolve_sensor_def("source_folder_changed")


def test_sensor_requests_a_run_once_per_distinct_folder_content(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_SOURCE_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("one")
    first = source_folder_changed(dg.build_sensor_context(cursor=None))
    assert isinstance(first, dg.RunRequest)
    same = source_folder_changed(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(same, dg.SkipReason)
    (tmp_path / "a.txt").write_text("two")
    changed = source_folder_changed(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(changed, dg.RunRequest) and changed.run_key != first.run_key
