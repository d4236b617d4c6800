"""The one dbt project of this code location.

The manifest is prepared at build time (`make` runs `dbt parse`), never at import:
importing the code location must stay fast and side-effect free.
"""

from dagster_dbt import DbtProject

from orchestration.config import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path="target")
