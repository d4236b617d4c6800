-- One row per (event or named thing, attribute): the value the independent sources support
-- most, and whether they agree; fact_key says which claims are about the same thing. Each
-- document is a source (two documents of one publisher are two sources), except
-- republished copies (dim_document.republished_from): a copy never corroborates, because
-- its original may be among the other sources; copies alone count once per copied
-- publisher. For dates, a coarser value that the winning date falls in ('2024-07' for
-- '2024-07-28') agrees with it rather than conflicting.
with claims as (
    select * from {{ ref('fct_fact_claim') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

sourced as (
    select
        claims.*,
        documents.republished_from is not null as is_copy,
        documents.republished_from
    from claims
    inner join documents on claims.document_id = documents.document_id
),

per_value as (
    select
        fact_key,
        any_value(event_id) as event_id,
        mode(subject order by subject) as subject,
        attribute,
        value,
        {{ independent_sources('true') }} as independent_source_count,
        count(*) as claim_count,
        list(distinct document_id order by document_id) as document_ids
    from sourced
    group by fact_key, attribute, value
),

ranked as (
    select
        *,
        row_number() over (
            partition by fact_key, attribute
            order by independent_source_count desc, length(value) desc, claim_count desc, value asc
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
        sourced.*,
        winners.value as winning_value,
        sourced.value = winners.value
        or (sourced.attribute = 'date' and starts_with(winners.value, sourced.value)) as agrees
    from sourced
    inner join winners on sourced.fact_key = winners.fact_key and sourced.attribute = winners.attribute
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
