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
    f"<a href=\"http://{EVIL_HOST}/\">click</a>",
    f"[ref]\n\n[ref]: http://{EVIL_HOST}/r",
    f"<http://{EVIL_HOST}/angle>",
    "back\\slash \\* \\$",
    "\u202eevil\u200b zero\u0000nul",
    ":gray-badge[Editorial]",
    "Footnote[^1]\n\n[^1]: http://203.0.113.9/f",
]
