-- One row per (event or named thing, attribute): the value the independent sources support
-- most, and whether they agree; fact_key says which claims are about the same thing. Each
-- document is a source (two documents of one publisher are two sources; two documents of the
-- same words, dim_document.content_key, are one), except republished
-- copies (dim_document.republished_from): the copies of one publisher count once together,
-- and not at all when a document of that publisher is itself among the fact's sources (the
-- copy repeats it). A copy beside a source of another or unknown publisher does corroborate
-- it: nothing says one was taken from the other. For dates, a coarser value that the
-- winning date falls in ('2024-07' for '2024-07-28') agrees with it rather than conflicting, and
-- so does a country for a place that is no country ('China' for 'Beijing'), and the other way round,
-- and a place without the region another source adds after a comma ('Woodside', 'Woodside, California');
-- sums of money are keyed by the sum and the day, so their printed forms agree.
with claims as (
    select * from {{ ref('fct_fact_claim') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

countries as (
    select name from {{ ref('ref_countries') }}
),

sourced as (
    select
        claims.*,
        documents.republished_from,
        documents.content_key,
        lower(documents.publisher) as publisher_key
    from claims
    inner join documents on claims.document_id = documents.document_id
),

-- Publishers whose own documents are among a fact's sources.
publishing as (
    select distinct
        fact_key,
        attribute,
        publisher_key
    from sourced
    where publisher_key is not null and republished_from is null
),

keyed as (
    select
        sourced.*,
        case
            when sourced.republished_from is null then 'content:' || sourced.content_key
            when publishing.publisher_key is null then 'copy:' || lower(sourced.republished_from)
        end as source_key,
        -- a place that is a whole country ('China'): coarser than any other place
        sourced.attribute = 'place' and countries.name is not null as is_country_place,
        -- a place compared without case or extra spacing ('San   Francisco')
        lower(regexp_replace(trim(sourced.value), '\s+', ' ', 'g')) as place_key
    from sourced
    left join publishing
        on
            sourced.fact_key = publishing.fact_key
            and sourced.attribute = publishing.attribute
            and lower(sourced.republished_from) = publishing.publisher_key
    left join countries on sourced.value = countries.name
),

-- The name most sources print for the thing; a source (a text and its copies) votes once.
subjects as (
    select
        fact_key,
        attribute,
        value,
        mode(subject order by subject) as subject
    from (
        select distinct
            fact_key,
            attribute,
            value,
            subject,
            coalesce(source_key, document_id) as voter
        from keyed
    ) as votes
    group by fact_key, attribute, value
),

per_value as (
    select
        keyed.fact_key,
        any_value(keyed.event_id) as event_id,
        any_value(subjects.subject) as subject,
        keyed.attribute,
        keyed.value,
        any_value(keyed.is_country_place) as is_country_place,
        any_value(keyed.place_key) as place_key,
        {{ independent_sources('true') }} as independent_source_count,
        -- claims, a copy's claim (same source, same offset) counted once
        count(distinct [coalesce(keyed.source_key, keyed.document_id), keyed.char_start::varchar]) as claim_count,
        list(distinct keyed.document_id order by keyed.document_id) as document_ids
    from keyed
    inner join subjects
        on
            keyed.fact_key = subjects.fact_key
            and keyed.attribute = subjects.attribute
            and keyed.value = subjects.value
    group by keyed.fact_key, keyed.attribute, keyed.value
),

ranked as (
    select
        *,
        row_number() over (
            partition by fact_key, attribute
            order by
                independent_source_count desc,
                -- the finer place wins a tie: 'Beijing' over 'China'
                is_country_place asc,
                length(value) desc,
                claim_count desc,
                value asc
        ) as rank
    from per_value
),

winners as (
    select * from ranked
    where rank = 1
),

-- Every claim compared with its attribute's winner: agreeing (same value, or a coarser
-- date containing it) or not.
compared as (
    select
        keyed.*,
        winners.value as winning_value,
        keyed.value = winners.value
        or (keyed.attribute = 'date' and starts_with(winners.value, keyed.value))
        or (keyed.attribute = 'place' and keyed.is_country_place != winners.is_country_place)
        -- a sum: its fact already holds one sum of one day (its key, extract/amounts.py), so the
        -- printed forms agree ('$2 million', 'a total of around $2 million')
        or (keyed.attribute in ('amount', 'investment') and starts_with(keyed.fact_key, 'subject:amount:'))
        -- the same place printed in another case or spacing, or with its region after a comma
        -- ('Woodside' and 'Woodside, California'); 'Portland, Oregon' and 'Portland, Maine' differ
        or (
            keyed.attribute = 'place'
            and (
                keyed.place_key = winners.place_key
                or keyed.place_key = split_part(winners.place_key, ',', 1)
                or winners.place_key = split_part(keyed.place_key, ',', 1)
            )
        ) as agrees
    from keyed
    inner join winners on keyed.fact_key = winners.fact_key and keyed.attribute = winners.attribute
),

agreement as (
    select
        fact_key,
        attribute,
        {{ independent_sources('agrees') }} as agreeing_sources,
        list(distinct document_id order by document_id) filter (where agrees) as document_ids,
        list(distinct value order by value) filter (where not agrees) as conflicting_values,
        {{ independent_sources('not agrees') }} as disagreeing_sources
    from compared
    group by fact_key, attribute
)

select
    winners.subject,
    winners.attribute,
    winners.value,
    case
        when agreement.disagreeing_sources > 0 and agreement.disagreeing_sources >= agreement.agreeing_sources
            then 'conflicting'
        when agreement.agreeing_sources >= 2 then 'corroborated'
        else 'single_source'
    end as status,
    agreement.agreeing_sources as independent_source_count,
    agreement.document_ids,
    coalesce(agreement.conflicting_values, []) as conflicting_values,
    winners.event_id,
    agreement.disagreeing_sources as disagreeing_source_count,
    winners.fact_key
from winners
inner join agreement on winners.fact_key = agreement.fact_key and winners.attribute = agreement.attribute
