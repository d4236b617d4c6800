{#- Independent sources among the rows matching `condition`: distinct source_key values (a
    document, or 'copy:<publisher>' for the republished copies of one publisher); copies whose
    publisher's own text is among the sources have no key. At least one when any row matches. -#}
{% macro independent_sources(condition) %}
    greatest(
        count(distinct source_key) filter (where ({{ condition }})),
        least(count(*) filter (where ({{ condition }})), 1)
    )
{% endmacro %}
