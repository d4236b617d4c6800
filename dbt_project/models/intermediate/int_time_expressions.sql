-- Time expressions as finally resolved: re-resolved rows (their document got an inferred
-- anchor date from another source) replace the per-document originals.
with original as (
    select * from {{ source('staging', 'time_expressions') }}
),

reresolved as (
    select * from {{ source('staging', 'resolved_time_expressions') }}
)

select original.*
from original
anti join reresolved on original.timex_id = reresolved.timex_id
union all by name
select * from reresolved
