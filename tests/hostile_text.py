"""Text an attacker would put in a link parameter or an uploaded profile, one trick per line.

The host in every URL is a documentation address (RFC 5737 / RFC 2606): nothing answers there,
and the browser tests fail on any request that leaves 127.0.0.1 anyway."""

EVIL_HOST = "203.0.113.9"

HOSTILE = [
    f"![](//{EVIL_HOST}/img.png)",
    f"![x](http://{EVIL_HOST}/img.png) after",
    f"[Session expired: log in](//{EVIL_HOST}/login)",
    f"<img src=http://{EVIL_HOST}/x.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    r"$\Huge\color{red}{HACKED}$",
    r"$\rule{3000px}{3000px}$",
    "$$x^2$$ and $y$",
    ":red[red text] and :blue-background[blue]",
    ":material/warning: and :smile: and :+1:",
    f"http://{EVIL_HOST}/bare and www.evil.example and mail@evil.example",
    "Title\n===",
    "Title\n---",
    "# heading",
    "> quote",
    "- list item",
    "1. numbered",
    "    indented code",
    "`code` **bold** _em_ ~~strike~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;b&gt;entity&lt;/b&gt; &amp; &#60;",
    f'<a href="http://{EVIL_HOST}/">click</a>',
    f"[ref]\n\n[ref]: http://{EVIL_HOST}/r",
    f"<http://{EVIL_HOST}/angle>",
    "back\\slash \\* \\$",
    "\u202eevil\u200b zero\u0000nul",
    ":gray-badge[Editorial]",
    "Footnote[^1]\n\n[^1]: http://203.0.113.9/f",
]

# An ordinary question with the punctuation prose uses: as a widget label, its accessible name must read as typed.
PLAIN_LABEL = "¿Trabaja con clientes? Sí, a veces; en turnos (de 8 o 10 horas), 50 % del día. Don't know."

# Text a profile field can hold (one line, no invisible characters) that still tries every trick.
ONE_LINE = [t for t in HOSTILE if "\n" not in t and t.isprintable()]
SHORT = "![](//203.0.113.9)"  # 18 characters: the most a short_name may have
HOSTILE_PERIOD = f'<a href="//{EVIL_HOST}/p">May</a> <span style="cursor:url(//{EVIL_HOST}/c),auto">2024</span>'
# Fields whose text a reader sees; everything else (ids, enums, sources) must stay valid.
_TEXT_KEYS = {
    "name",
    "tagline",
    "summary",
    "note",
    "title",
    "label",
    "reason",
    "examples",
    "role",
    "requires",
    "day_in_the_life",
    "text",
    "judgement",
    "ask",
    "why",
}
_TEXT_LISTS = {"also_called", "pros", "cons"}


def hostile_profile_doc(base: dict, profile_id: str = "markdown-everywhere") -> dict:
    """A copy of `base` (a valid profile document) with hostile text in every field a reader sees.

    Built from the current bundled profile, so it stays valid as the schema grows."""
    import copy
    import itertools

    texts = itertools.cycle(ONE_LINE)

    def walk(node):
        if isinstance(node, dict):
            node.pop("ref", None)  # a figure copied from the reference facts or the OEWS table must keep its
            node.pop("oews", None)  # period; this one says anything
            if node.get("period") is not None:
                node["period"] = HOSTILE_PERIOD
            for key, value in node.items():
                if key in _TEXT_KEYS and isinstance(value, str):
                    node[key] = next(texts)
                elif key in _TEXT_LISTS and isinstance(value, list):
                    node[key] = [next(texts) for _ in value]
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    doc = copy.deepcopy(base)
    walk(doc)
    doc.update(
        {
            "id": profile_id,
            "short_name": SHORT,
            "name": f"[Session expired: log in](//{EVIL_HOST}/login) $\\rule{{3000px}}{{3000px}}$",
        }
    )
    return doc
