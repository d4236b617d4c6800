select distinct
    event_id,
    person_id
from {{ source('staging', 'event_participants') }}
