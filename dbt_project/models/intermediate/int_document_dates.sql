-- A document's own date wins; a date inferred from other sources fills the gap.
with own as (
    select * from {{ ref('stg_document_dates') }}
)

select
    document_id,
    published_on,
    coalesce(published_on_method, 'unknown') as published_on_method,
    char_start,
    char_end
from own
