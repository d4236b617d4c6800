{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_rebuilt_documents() }}"
    )
}}
-- depends_on: {{ source('staging', 'changed_documents') }}

with documents as (
    select * from {{ ref('stg_documents') }}
    {{ where_rebuilt(key='document_id') }}
),

dates as (
    select * from {{ ref('int_document_dates') }}
),

reported as (
    select * from {{ ref('int_document_events') }}
),

utterance_counts as (
    select
        document_id,
        count(*) filter (where turn_index is not null) as turn_count
    from {{ ref('stg_utterances') }}
    group by document_id
)

select
    documents.document_id,
    documents.file_name,
    documents.title,
    documents.kind,
    dates.published_on,
    coalesce(dates.published_on_method, 'unknown') as published_on_method,
    documents.url,
    documents.publisher,
    documents.republished_from,
    sha256(documents.clean_text) as text_sha256,
    documents.content_key,
    documents.format,
    documents.version,
    documents.char_count,
    coalesce(utterance_counts.turn_count, 0) as turn_count,
    reported.event_id as reported_event_id
from documents
left join dates on documents.document_id = dates.document_id
left join utterance_counts on documents.document_id = utterance_counts.document_id
left join reported on documents.document_id = reported.document_id
