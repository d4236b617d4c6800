{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_rebuilt_documents(documents_with_changed_commitment_links()) }}"
    )
}}
-- depends_on: {{ source('staging', 'changed_documents') }}

with commitments as (
    select * from {{ ref('stg_commitments') }}
    {{ where_rebuilt(key='commitment_id') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
),

utterances as (
    select * from {{ ref('stg_utterances') }}
),

dates as (
    select * from {{ ref('int_document_dates') }}
),

timexes as (
    select * from {{ ref('int_time_expressions') }}
),

-- The event named in the commitment's own sentence, else the event the document records.
sentence_events as (
    select
        commitments.commitment_id,
        arg_min(mentions.event_id, mentions.char_start) as event_id
    from commitments
    inner join {{ ref('int_event_mentions') }} as mentions
        on
            commitments.document_id = mentions.document_id
            and commitments.char_start <= mentions.char_start
            and commitments.char_end >= mentions.char_end
    where mentions.event_id is not null and not mentions.other_occurrence
    group by commitments.commitment_id
),

reported as (
    select * from {{ ref('int_document_events') }}
),

reaffirmations as (
    select * from {{ ref('int_commitment_reaffirmations') }}
),

actors as (
    select * from {{ ref('int_commitment_actors') }}
),

due as (
    select
        commitments.commitment_id,
        coalesce(timexes.value, commitments.due_value) as due_value,
        coalesce(timexes.precision, commitments.due_precision) as due_precision
    from commitments
    left join timexes on commitments.timex_id = timexes.timex_id
)

select
    commitments.commitment_id,
    commitments.document_id,
    commitments.utterance_id,
    links.person_id,
    actors.actor,
    actors.actor_basis,
    commitments.modality,
    case due.due_precision
        when 'day' then try_cast(due.due_value as date)
        when 'month' then try_cast(due.due_value || '-01' as date)
        when 'year' then try_cast(due.due_value || '-01-01' as date)
    end as due_date,
    case when due.due_precision in ('day', 'month', 'year') then due.due_precision end as due_precision,
    coalesce(sentence_events.event_id, reported.event_id) as event_id,
    commitments.text,
    commitments.char_start,
    commitments.char_end,
    reaffirmations.reaffirms_commitment_id,
    commitments.cue,
    commitments.sentence_id,
    utterances.speaker_kind,
    dates.published_on
from commitments
left join links
    on
        commitments.document_id = links.document_id
        and commitments.local_person_key = links.local_person_key
left join utterances on commitments.utterance_id = utterances.utterance_id
left join dates on commitments.document_id = dates.document_id
left join due on commitments.commitment_id = due.commitment_id
left join sentence_events on commitments.commitment_id = sentence_events.commitment_id
left join reported on commitments.document_id = reported.document_id
left join reaffirmations on commitments.commitment_id = reaffirmations.commitment_id
left join actors on commitments.commitment_id = actors.commitment_id
