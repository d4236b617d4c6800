with matches as (
    select * from {{ ref('stg_quote_matches') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
),

person_counts as (
    select
        matches.quote_id,
        links.person_id,
        count(*) as appearances
    from matches
    inner join links
        on
            matches.document_id = links.document_id
            and matches.local_person_key = links.local_person_key
    group by matches.quote_id, links.person_id
),

-- A cluster's speaker: the person its appearances attribute it to most often (ties: lowest id).
cluster_people as (
    select
        quote_id,
        arg_max(person_id, (appearances, -hash(person_id))) as person_id
    from person_counts
    group by quote_id
)

select
    matches.quote_id,
    coalesce(links.person_id, cluster_people.person_id) as person_id,
    matches.document_id,
    matches.char_start,
    matches.char_end,
    matches.text,
    matches.documents_in_cluster,
    matches.independent_origins,
    matches.candidate_id,
    links.person_id is null and cluster_people.person_id is not null as person_from_cluster
from matches
left join links
    on
        matches.document_id = links.document_id
        and matches.local_person_key = links.local_person_key
left join cluster_people on matches.quote_id = cluster_people.quote_id
