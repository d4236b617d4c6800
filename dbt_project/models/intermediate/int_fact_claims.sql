-- What each event mention asserts about its event, one row per (mention, attribute):
-- its date (only when a date is printed or a time expression dated the mention; a
-- mention that merely sits in a dated document asserts nothing), start time, duration,
-- place (a country alias becomes the country's name), and whether it claims a first of its kind.
-- A mention of another occurrence ('the next summit, in Vilnius in July') claims that
-- occurrence's date and place. Then the facts stated about named things (stg_entity_claims),
-- a value read from a time expression taking that expression's final resolution. fact_key
-- says which claims are about the same thing: the event, else the subject.
with mentions as (
    select * from {{ ref('int_event_mentions') }}
    where event_id is not null
),

timexes as (
    select * from {{ ref('int_time_expressions') }}
),

entity_claims as (
    select * from {{ ref('stg_entity_claims') }}
),

-- A place printed as a country's alias ('U.S.') is that country's name ('United States').
country_aliases as (
    select distinct
        lower(alias.alias) as alias,
        countries.name
    from {{ ref('ref_countries') }} as countries,
        unnest(string_split(countries.aliases, '|')) as alias (alias)
),

dated as (
    select
        mentions.*,
        timexes.text as timex_text,
        timexes.anchor_date,
        case mentions.date_precision
            when 'day' then strftime(mentions.event_date, '%Y-%m-%d')
            when 'month' then strftime(mentions.event_date, '%Y-%m')
            when 'year' then strftime(mentions.event_date, '%Y')
        end as date_value
    from mentions
    left join timexes on mentions.timex_id = timexes.timex_id
),

-- The attributes a mention states outright, one column each; unpivoted below (nulls drop out).
stated as (
    select
        mentions.event_mention_id,
        mentions.event_id,
        mentions.document_id,
        mentions.char_start,
        mentions.char_end,
        mentions.text,
        mentions.start_time,
        cast(mentions.duration_minutes as varchar) || ' minutes' as duration,
        coalesce(country_aliases.name, mentions.place) as place,
        case when mentions.first_of_its_kind then 'true' end as first_of_its_kind
    from mentions
    left join country_aliases on lower(mentions.place) = country_aliases.alias
),

stated_claims as (
    unpivot stated
    on start_time, duration, place, first_of_its_kind
    into name attribute value value
),

claims as (
    select
        event_mention_id,
        event_id,
        document_id,
        char_start,
        char_end,
        text,
        'date' as attribute,
        date_value as value,
        case when date_method = 'stated' then 'stated' else 'derived' end as support,
        case
            when date_method <> 'stated'
                then
                    date_method
                    || coalesce(': ''' || timex_text || '''', '')
                    || coalesce(' resolved against ' || strftime(anchor_date, '%Y-%m-%d'), '')
        end as derivation
    from dated
    where date_value is not null and (date_method = 'stated' or timex_id is not null)

    union all by name

    select
        *,
        'stated' as support,
        null as derivation
    from stated_claims
),

event_claims as (
    select
        claims.event_mention_id || ':' || claims.attribute as claim_id,
        claims.*,
        cast(null as varchar) as subject,
        cast(null as varchar) as subject_key
    from claims
),

-- A value held by a time expression is that expression's value at its precision ('2025-03',
-- '2024'); one left unresolved (no anchor date) asserts nothing yet.
entity_values as (
    select
        entity_claims.claim_id,
        cast(null as varchar) as event_mention_id,
        cast(null as varchar) as event_id,
        entity_claims.document_id,
        entity_claims.char_start,
        entity_claims.char_end,
        entity_claims.text,
        entity_claims.attribute,
        coalesce(entity_claims.value, timexes.value) as value,
        case when timexes.timex_id is null or timexes.method = 'stated' then 'stated' else 'derived' end as support,
        case
            when timexes.timex_id is not null and timexes.method <> 'stated'
                then
                    timexes.method
                    || ': ''' || timexes.text || ''''
                    || coalesce(' resolved against ' || strftime(timexes.anchor_date, '%Y-%m-%d'), '')
        end as derivation,
        entity_claims.subject,
        entity_claims.subject_key
    from entity_claims
    left join timexes on entity_claims.timex_id = timexes.timex_id
    where coalesce(entity_claims.value, timexes.value) is not null
)

select
    *,
    event_id as fact_key
from event_claims
union all by name
select
    *,
    'subject:' || subject_key as fact_key
from entity_values
