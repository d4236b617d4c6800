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
