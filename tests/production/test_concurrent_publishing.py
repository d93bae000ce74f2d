"""Production mode: gunicorn with 4 workers on a fresh PostgreSQL database; two reviewers publish at once.

Both publications must land in the database and in the search index (Whoosh files shared by the
workers in the instance folder, or the ``search_documents`` table), none lost or corrupted.
"""

from __future__ import annotations

import html
import re
import threading
import urllib.parse

import pytest

from portal.demo import USERS
from tests.conftest import PG_URL, fresh_database_url
from tests.production.http import Browser, field
from tests.servers import make_instance, serve

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PG_URL, reason="production mode runs on PostgreSQL: set JIXIAO_TEST_DATABASE_URL")]

PASSWORD = {name: password for name, _, _, _, password in USERS}
CURRENT_LINK = re.compile(r'<a href="/publications/(\d+)">([^<]+)</a>')


def current_publications(browser: Browser) -> dict[int, str]:
    """Publication id → title of every current (publicly visible) publication, from the staff list."""
    page = browser.get("/work/public_site/publications").text
    return {int(pid): html.unescape(title) for pid, title in CURRENT_LINK.findall(page)}


def published_items(browser: Browser) -> list[str]:
    """Preview addresses of items that already have a visible version (so a new one is visible at once)."""
    page = browser.get("/work/public_site/").text
    rows = re.findall(r"<tr><td>.*?</tr>", page, flags=re.S)
    return [html.unescape(m.group(1)) for row in rows if "第 " in row and "已撤回" not in row
            for m in [re.search(r'href="(/work/public_site/preview\?[^"]+)"', row)] if m]


@pytest.mark.parametrize("search_backend", ["whoosh", "postgres"])
def test_two_reviewers_publish_at_the_same_moment_on_four_workers(tmp_path, search_backend):
    instance = make_instance(tmp_path, fresh_database_url(tmp_path), JIXIAO_SEARCH_BACKEND=search_backend)
    log = tmp_path / "gunicorn.log"
    with serve(instance, workers=4, log=log) as (url, _process):
        clients = [Browser(url), Browser(url)]
        for client in clients:
            client.login("reviewer", PASSWORD["reviewer"])
        before = current_publications(clients[0])
        items = published_items(clients[0])
        assert len(items) >= 2, "the demo county has published items to publish again"
        forms = []
        for client, item in zip(clients, items[:2], strict=True):
            page = client.get(item).text
            forms.append({"csrf_token": field(page, "csrf_token"), "digest": field(page, "digest"),
                          "extra": "", "action": "confirm"})
        barrier, answers = threading.Barrier(2), [None, None]

        def confirm(i: int) -> None:
            barrier.wait()
            answers[i] = clients[i].post(items[i], forms[i])

        threads = [threading.Thread(target=confirm, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert [a.status for a in answers] == [302, 302], [a.text[:500] for a in answers if a]
        after = current_publications(clients[0])
        new = {pid: title for pid, title in after.items() if pid not in before}
        assert len(new) == 2, new
        citizen = Browser(url)
        for pid, title in new.items():
            found = citizen.get("/search?q=" + urllib.parse.quote(title)).text
            assert f'href="/publications/{pid}"' in found, (search_backend, title)
        # The index holds exactly what the public query shows: nothing lost, nothing stale.
        listing = re.sub(r"<[^>]+>|\s+", "", citizen.get("/search").text)
        assert f"共找到{len(after)}条" in listing, (len(after), re.findall(r"共找到\d+条", listing))
    # every worker made its own ONNX Runtime session after the fork (and the publications above used them)
    workers = set(re.findall(r"worker (\d+): NER model loaded", log.read_text(encoding="utf-8", errors="replace")))
    assert len(workers) == 4, workers
