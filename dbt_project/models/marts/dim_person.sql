select
    person_id,
    display_name,
    family_name,
    given_name,
    role,
    country,
    organization,
    mention_count
from {{ ref('stg_people') }}
