-- Who a commitment binds once people are resolved across documents: a speaker's or a named
-- person's commitment binds that person's country, which is often printed only in another
-- document ('FOREIGN MINISTER KAMIKAWA:' says no country; other sources say Japan). The
-- document's own reading wins where it has one; other bases keep the document's reading.
-- 'publisher_speaker': a speaker of a document only its publisher's government takes part in,
-- with no country in that document: the person's resolved country if any, else the publisher's.
with commitments as (
    select
        commitment_id,
        document_id,
        local_person_key,
        actor,
        actor_basis
    from {{ ref('stg_commitments') }}
),

person_countries as (
    select
        links.document_id,
        links.local_person_key,
        people.country
    from {{ ref('stg_person_links') }} as links
    inner join {{ ref('stg_people') }} as people on links.person_id = people.person_id
    where people.country is not null
),

final as (
    select
        commitments.commitment_id,
        case
            when commitments.actor_basis = 'publisher_speaker' and person_countries.country is not null
                then 'speaker'
            when commitments.actor_basis = 'publisher_speaker' then 'publisher'
            else commitments.actor_basis
        end as actor_basis,
        case
            when commitments.actor_basis in ('speaker', 'person')
                then coalesce(commitments.actor, person_countries.country)
            when commitments.actor_basis = 'publisher_speaker'
                then coalesce(person_countries.country, commitments.actor)
            else commitments.actor
        end as actor
    from commitments
    left join person_countries
        on
            commitments.document_id = person_countries.document_id
            and commitments.local_person_key = person_countries.local_person_key
)

select * from final
