select
    participants.event_id,
    participants.person_id
from {{ ref('stg_event_participants') }} as participants
inner join {{ ref('stg_events') }} as events on participants.event_id = events.event_id
inner join {{ ref('stg_people') }} as people on participants.person_id = people.person_id
