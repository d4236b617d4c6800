-- A document's own date (metadata or stated in its text) wins; a date inferred from
-- other sources fills the gap; otherwise the date stays unknown (never invented).
with own as (
    select * from {{ ref('stg_document_dates') }}
),

inferred as (
    select * from {{ source('staging', 'inferred_document_dates') }}
)

select
    own.document_id,
    coalesce(own.published_on, inferred.published_on) as published_on,
    case
        when own.published_on is not null then own.published_on_method
        when inferred.published_on is not null then 'inferred'
        else 'unknown'
    end as published_on_method,
    case when own.published_on is not null then own.char_start end as char_start,
    case when own.published_on is not null then own.char_end end as char_end
from own
left join inferred on own.document_id = inferred.document_id
