"""Markdown for what members write in groups (posts, replies, notes): safe HTML, whoever wrote it.

Two layers, so that a mistake in one is caught by the other:
1. markdown-it-py in CommonMark mode with raw HTML off: `<script>` typed in a post is text, never a tag.
2. nh3 (a whitelist sanitiser) on the result: only the tags and attributes below survive; URLs only http, https,
   mailto (or our own paths); every link gets rel="nofollow ugc noopener".

Trust (groups.trust): a new member's links are shown as their plain text and images as their alt text.
Images, even from trusted members, are shown only when they come from our own site (a path starting with "/"):
a picture fetched from another site would tell that site who is reading a recovery group, and when.

Headings are moved down two levels (# becomes <h3>) so that a post never adds an <h1> to the page.
Mentions (`@username`) become `<span class="mention">@username</span>`: a marker, not a link to anywhere.
"""

import re
from functools import lru_cache
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MENTION_CHARS = re.compile(r"[A-Za-z0-9_.+-]")
MAX_MENTIONS = 20

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


def _mention_rule(state: StateInline, silent: bool) -> bool:
    """`@name` at the start of a word (not inside an e-mail address such as a@b.org)."""
    pos = state.pos
    if state.src[pos] != "@":
        return False
    if pos > 0 and (state.src[pos - 1].isalnum() or state.src[pos - 1] in "_.+-@"):
        return False
    end = pos + 1
    while end < state.posMax and MENTION_CHARS.match(state.src[end]):
        end += 1
    name = state.src[pos + 1 : end].rstrip(".-+")  # a full stop after a name ends the sentence, not the name
    if not name:
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.meta = {"username": name}
    state.pos = pos + 1 + len(name)
    return True


def _shift_headings(state) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + 2)
            token.tag = f"h{level}"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["strikethrough", "table"])
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.core.ruler.push("shift_headings", _shift_headings)
    md.add_render_rule("mention", _render_mention)
    md.add_render_rule("link_open", _render_link)
    md.add_render_rule("link_close", _render_link)
    md.add_render_rule("image", _render_image)
    return md


def _is_own_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def _render_mention(self, tokens, idx, options, env) -> str:
    name = tokens[idx].meta["username"]
    allowed = env.get("mentions")
    if allowed is None or name.lower() in allowed:
        return f'<span class="mention">@{escape(name)}</span>'
    return escape("@" + name)


def _render_link(self, tokens, idx, options, env) -> str:
    # A new member's link shows as its words only: the text between link_open and link_close stays.
    return self.renderToken(tokens, idx, options, env) if env.get("allow_links") else ""


def _render_image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    if env.get("allow_images") and _is_own_path(src):
        return f'<img src="{escape(src)}" alt="{escape(alt)}">'
    return escape(alt)


def render(markdown_text: str, *, allow_links: bool, allow_images: bool, mentions: set[str] | None = None) -> str:
    """Safe HTML for `markdown_text`. `mentions`: the usernames to mark as mentions; None marks every `@name`.
    A mention not in the set (someone blocked, or not in the group) stays plain text."""
    env = {
        "allow_links": allow_links,
        "allow_images": allow_images,
        "mentions": None if mentions is None else {name.lower() for name in mentions},
    }
    html = _parser().render(markdown_text or "", env)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"span": {"mention"}},
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def find_mentions(text: str) -> set[str]:
    """Usernames mentioned in `text` (outside code), lower case, at most MAX_MENTIONS of them."""
    found: list[str] = []
    for token in _parser().parse(text or ""):
        for child in token.children or []:
            if child.type == "mention":
                name = child.meta["username"].lower()
                if name not in found:
                    found.append(name)
    return set(found[:MAX_MENTIONS])
