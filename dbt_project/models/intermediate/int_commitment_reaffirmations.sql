-- A reaffirmation points at the earlier commitment it repeats: same actor, an earlier
-- publication date, and at least 60% of the shorter text's distinctive words in common.
-- Words are lowercase tokens of 5+ letters; words found in more than 1% of all
-- commitments (or 20, whichever is more) say nothing about which one is repeated and
-- are ignored. Joining on (word, actor) keeps the join small on a large corpus.
with commitments as (
    select
        commitments.commitment_id,
        commitments.actor,
        commitments.modality,
        commitments.text,
        dates.published_on
    from {{ ref('stg_commitments') }} as commitments
    inner join {{ ref('int_document_dates') }} as dates on commitments.document_id = dates.document_id
    where commitments.actor is not null and dates.published_on is not null
),

words as (
    select distinct
        commitments.commitment_id,
        commitments.actor,
        commitments.modality,
        commitments.published_on,
        word.word
    from commitments,
        unnest(regexp_extract_all(lower(commitments.text), '[a-z][a-z-]{4,}')) as word (word)
),

word_counts as (
    select
        word,
        count(*) as commitment_count
    from words
    group by word
),

total as (
    select count(*) as commitment_count from commitments
),

distinctive as (
    select words.*
    from words
    inner join word_counts on words.word = word_counts.word
    cross join total
    where word_counts.commitment_count <= greatest(20, total.commitment_count / 100)
),

sizes as (
    select
        commitment_id,
        count(*) as word_count
    from distinctive
    group by commitment_id
),

shared as (
    select
        later.commitment_id,
        earlier.commitment_id as earlier_commitment_id,
        earlier.published_on as earlier_published_on,
        count(*) as shared_words
    from distinctive as later
    inner join distinctive as earlier
        on
            later.word = earlier.word
            and later.actor = earlier.actor
            and later.published_on > earlier.published_on
    where later.modality = 'reaffirmed'
    group by all
),

scored as (
    select
        shared.commitment_id,
        shared.earlier_commitment_id,
        shared.earlier_published_on,
        shared.shared_words,
        shared.shared_words / least(later_size.word_count, earlier_size.word_count) as overlap
    from shared
    inner join sizes as later_size on shared.commitment_id = later_size.commitment_id
    inner join sizes as earlier_size on shared.earlier_commitment_id = earlier_size.commitment_id
    where shared.shared_words >= 3
)

select
    commitment_id,
    arg_max(earlier_commitment_id, (overlap, earlier_published_on, earlier_commitment_id)) as reaffirms_commitment_id,
    max(overlap) as overlap
from scored
where overlap >= 0.6
group by commitment_id
