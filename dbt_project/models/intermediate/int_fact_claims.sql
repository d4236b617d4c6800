-- What each event mention asserts about its event, one row per (mention, attribute):
-- its date (only when a date is printed or a time expression dated the mention; a
-- mention that merely sits in a dated document asserts nothing), start time, duration,
-- place (a country alias becomes the country's name), and whether it claims a first of its kind.
with mentions as (
    select * from {{ ref('int_event_mentions') }}
    where event_id is not null and not other_occurrence
),

timexes as (
    select * from {{ ref('int_time_expressions') }}
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
)

select
    claims.event_mention_id || ':' || claims.attribute as claim_id,
    claims.*
from claims
