{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_rebuilt_documents() }}"
    )
}}
-- depends_on: {{ source('staging', 'changed_documents') }}

select
    timex_id,
    document_id,
    utterance_id,
    kind,
    value,
    precision,
    anchor_date,
    method,
    direction,
    text,
    char_start,
    char_end
from {{ ref('int_time_expressions') }}
{{ where_rebuilt(key='timex_id') }}
