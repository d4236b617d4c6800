"""Quality measurement: `make eval` builds what each labelled set needs, scores it with the shared
scorer, checks invariances that need no labels, and writes EVAL.md."""
