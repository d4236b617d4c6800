"""Cleaning: normalisation, boilerplate lines, title, republication and document kind."""

from orchestration.extract.cleaning import clean_document
from orchestration.extract.records import SourceDocument


def _clean(text: str, fmt: str = "txt", metadata: dict | None = None):
    return clean_document(SourceDocument("d1", "x." + fmt, fmt, text, metadata or {}))


def test_normalises_line_ends_nbsp_and_blank_runs():
    doc = _clean("Title of a Thing Here\r\nFirst\u00a0line.   \r\n\r\n\r\n\r\nSecond line.")
    assert doc.clean_text == "Title of a Thing Here\nFirst line.\n\nSecond line."


def test_markdown_soft_wraps_are_joined_and_hard_breaks_kept():
    text = (
        "7:06 P.M. EST  \n\nMS. PSAKI:\u00a0 Good evening, everyone.  Thank you for\njoining us on this\n"
        "historic day.\n\n- item one\n- item two"
    )
    doc = _clean(text, "md")
    assert "MS. PSAKI:  Good evening, everyone.  Thank you for joining us on this historic day." in doc.clean_text
    assert "\n- item one\n- item two" in doc.clean_text


def test_wrapped_place_name_does_not_become_a_label_line():
    doc = _clean("the mayor of Washington,\nD.C.: Thank you for being here.", "md")
    assert "Washington, D.C.: Thank you" in doc.clean_text


def test_boilerplate_lines_are_removed_and_recorded():
    text = (
        "×\n\nA Headline About Talks\n\nBody text that stays.\n\nRead the full text: English | Japanese\n\n"
        "Post Comment\n\nExample.com"
    )
    doc = _clean(text)
    assert "Body text that stays." in doc.clean_text
    for gone in ("×", "Read the full text", "Post Comment", "Example.com"):
        assert gone not in doc.clean_text
    rules = {span.rule for span in doc.removed}
    assert {"stray_symbol", "read_full_text", "post_comment", "site_name"} <= rules
    assert doc.removed[0].line_index == 0


def test_sentence_mentioning_share_is_kept():
    doc = _clean("We share the view that the alliance is strong.")
    assert doc.removed == []


def test_republication_notice_and_credit_line():
    text = (
        "Ministers Meet for Talks in Tokyo\n\nDepartment of State\n\nMINISTER A: Hello.\n\nSECRETARY B: Hi.\n\n"
        "/Public Release. This material from the originating organization/author(s) might be of the point-in-time"
        " nature. Example.News does not take institutional positions or sides."
    )
    doc = _clean(text)
    assert doc.republished_from == "Department of State"
    assert doc.publisher == "Example.News"
    assert "Public Release" not in doc.clean_text
    assert doc.title == "Ministers Meet for Talks in Tokyo"


def test_title_from_metadata_wins_and_label_first_line_is_no_title():
    assert _clean("Some Headline Words Here\nBody.", metadata={"title": "Given\u00a0Title"}).title == "Given Title"
    assert _clean("MODERATOR: We will start.\nQUESTION: Yes.").title is None


def test_kind_transcript_from_two_labels():
    assert _clean("MODERATOR: Welcome.\nSECRETARY SMITH: Thank you.").kind == "transcript"


def test_kind_index_from_read_full_text_links():
    text = (
        "Trip Page of Statements\n\nExcerpt one.\n\nRead the full text: English\n\nExcerpt two.\n\nRead the full text"
    )
    assert _clean(text).kind == "index"


def test_kind_statement_and_readout_from_headers():
    assert _clean("Joint Statement on Cooperation\n\nThe two sides agree.").kind == "statement"
    assert _clean("Joint statement on the Nordic Consultations\n\nThe two sides agree.").kind == "statement"
    assert _clean("Readout of the President's Call with the Chancellor\n\nThe leaders spoke.").kind == "readout"


def test_kind_readout_from_reported_speech():
    text = (
        "Courtesy Call on the Minister (Summary)\n\nThe Minister stated that ties matter. Both sides concurred that"
        " progress was made. The Secretary underscored the value and expressed appreciation."
    )
    assert _clean(text).kind == "readout"


def test_kind_news_from_said_and_quotes():
    text = (
        "Leader vows to strengthen ties\n\nThe leader on Monday vowed to act, officials said.\n\n"
        "“We are committed,” the minister said. She added that talks went well, according to the ministry."
    )
    assert _clean(text).kind == "news"


def test_headings_are_not_transcript_labels():
    text = "NOMINATIONS SENT TO THE SENATE:\n\nJane Doe, of Ohio, to be a Judge.\n\nSUBJECT: Something\n\nText."
    assert _clean(text).kind != "transcript"


def test_markdown_corrections_and_escapes_read_as_the_page_shows_them():
    text = (
        "PRESIDENT SMITH:  The first question is Mara <s>Quinn</s> \\[Quist\\] of the Lakeside Post.\n\n"
        "Q    My name is Tamsin Orrell \\[ph\\] from Radio Vale.  It is \\*not\\* <s>over</s> done.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL:  As \\[senior administration official\\] said, yes."
    )
    clean = _clean(text, "md").clean_text
    assert "Mara Quist of the Lakeside Post." in clean
    assert "Tamsin Orrell [ph] from Radio Vale.  It is *not*  done." in clean
    assert "As [senior administration official] said" in clean
    assert _clean("A \\[bracket\\] in plain text.").clean_text == "A \\[bracket\\] in plain text."
