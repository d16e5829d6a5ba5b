"""groups.markdown: what members write becomes safe HTML. An XSS corpus must come out inert in every trust mode."""

import re
from html.parser import HTMLParser

import pytest

from groups.markdown import find_mentions, render

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert('x')</sCrIpT>",
    '<img src=x onerror="alert(1)">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<object data='x.swf'></object>",
    "<embed src='x.swf'>",
    "<form action='https://evil.example'><input name=a></form>",
    '<a href="javascript:alert(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;top:0">cover</div>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '![x" onerror="alert(1)](/media/a.png)',
    '![x](/media/a.png" onerror="alert(1))',
    "<javascript:alert(1)>",
    "<vbscript:alert(1)>",
    "<data:text/html,alert(1)>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    '[ref][1]\n\n[1]: data:text/html,x "title"',
    "[ref]\n\n[ref]: <javascript:alert(1)>",
    "> > > <script>alert(1)</script>\n> > [x](javascript:alert(1))",
    "> quote\n>\n> <iframe src=x></iframe>",
    "`<script>` and ```\n<script>alert(1)</script>\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '[x](https://ok.example "a" onmouseover="alert(1)")',
    '[x](https://ok.example" onmouseover="alert(1))',
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "**<u onmouseover=alert(1)>x</u>**",
    "<!-- <script>alert(1)</script> -->",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href='https://evil.example/'>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "# <img src=x onerror=alert(1)>",
    "[x](//evil.example/path)",
    "@<script>alert(1)</script>",
    "<textarea><script>alert(1)</script></textarea>",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "form",
    "style",
    "link",
    "meta",
    "base",
    "math",
    "input",
}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Tags(HTMLParser):
    """Every real tag and attribute in the output (escaped text such as &lt;script&gt; is not a tag)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str):
    assert "<script" not in html.lower(), html
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in ("href", "src"):
                assert not re.sub(r"\s", "", value or "").lower().startswith(DANGEROUS_SCHEMES), html


def test_the_corpus_has_at_least_40_payloads():
    assert len(XSS_CORPUS) >= 40


@pytest.mark.parametrize("payload", XSS_CORPUS)
@pytest.mark.parametrize("trusted", [True, False], ids=["trusted", "new-member"])
def test_every_payload_is_inert(payload, trusted):
    assert_inert(render(payload, allow_links=trusted, allow_images=trusted))


def test_raw_html_is_shown_as_text_not_markup():
    assert render("<b>hi</b>", allow_links=True, allow_images=True) == "<p>&lt;b&gt;hi&lt;/b&gt;</p>\n"


def test_links_get_nofollow_ugc_noopener():
    html = render("[site](https://example.org)", allow_links=True, allow_images=True)
    assert html == '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>\n'


def test_a_new_members_links_become_plain_words():
    assert render("see [this](https://example.org)", allow_links=False, allow_images=False) == "<p>see this</p>\n"
    assert "<a" not in render("<https://example.org>", allow_links=False, allow_images=False)


def test_images_only_from_our_own_site_even_when_trusted():
    assert '<img src="/media/calm.png" alt="calm">' in render(
        "![calm](/media/calm.png)", allow_links=True, allow_images=True
    )
    third_party = render("![tracker](https://evil.example/pixel.png)", allow_links=True, allow_images=True)
    assert "<img" not in third_party
    assert "tracker" in third_party
    assert "<img" not in render("![x](//evil.example/p.png)", allow_links=True, allow_images=True)


def test_a_new_members_images_become_their_alt_text():
    assert render("![a calm lake](/media/lake.png)", allow_links=False, allow_images=False) == "<p>a calm lake</p>\n"


def test_headings_never_make_a_second_h1():
    html = render("# Big\n## Smaller", allow_links=True, allow_images=True)
    assert "<h1" not in html and "<h2" not in html
    assert "<h3>Big</h3>" in html and "<h4>Smaller</h4>" in html


def test_strikethrough_tables_lists_quotes_and_code_are_kept():
    html = render("~~old~~\n\n- a\n\n> q\n\n`x`\n\n| a |\n|---|\n| b |", allow_links=True, allow_images=True)
    for tag in ("<s>", "<ul>", "<blockquote>", "<code>", "<table>", "<td>"):
        assert tag in html


def test_mentions_are_marked_but_not_links():
    html = render("thanks @robin!", allow_links=True, allow_images=True)
    assert html == '<p>thanks <span class="mention">@robin</span>!</p>\n'


def test_mentions_not_in_the_allowed_set_stay_plain_text():
    html = render("thanks @robin and @sam", allow_links=True, allow_images=True, mentions={"sam"})
    assert '<span class="mention">@sam</span>' in html
    assert '<span class="mention">@robin' not in html and "@robin" in html


def test_find_mentions_ignores_code_and_email_addresses():
    text = "Hi @Robin and @sam_2. Mail me at a@b.org, `@code` is code"
    assert find_mentions(text) == {"robin", "sam_2"}


def test_find_mentions_is_capped():
    assert len(find_mentions(" ".join(f"@user{i}" for i in range(50)))) == 20


def test_empty_and_none_text():
    assert render("", allow_links=True, allow_images=True) == ""
    assert render(None, allow_links=True, allow_images=True) == ""
    assert find_mentions("") == set()
