select
    event_id,
    name,
    kind,
    start_date,
    date_precision,
    start_time,
    duration_minutes,
    place,
    source_document_count,
    first_of_its_kind,
    alias_key
from {{ source('staging', 'events') }}
