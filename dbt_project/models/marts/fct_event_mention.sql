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
    event_mention_id,
    event_id,
    document_id,
    utterance_id,
    name,
    kind,
    event_date,
    date_precision,
    date_method,
    start_time,
    duration_minutes,
    place,
    first_of_its_kind,
    document_event,
    other_occurrence,
    text,
    char_start,
    char_end
from {{ ref('int_event_mentions') }}
{{ where_rebuilt(key='event_mention_id') }}
