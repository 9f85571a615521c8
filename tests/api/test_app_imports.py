"""Does a new web app import rdflib's query engines before its threads start?"""

import subprocess
import sys

CHECK = """
import sys
from zorgnet.api.app import create_app
from zorgnet.api.settings import Settings
before = {m for m in ("oxrdflib", "zorgnet.graph.rdflib_sparql") if m in sys.modules}
create_app(Settings(store=sys.argv[1]))
after = {m for m in ("oxrdflib", "zorgnet.graph.rdflib_sparql") if m in sys.modules}
print(sorted(before), sorted(after))
"""


def test_the_web_app_imports_the_query_engines_before_its_threads(tmp_path):
    # Two threads importing them for the first time at once can get a half-initialised
    # module (an ImportError of a circular import): the warm-up thread and a request did.
    out = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "[] ['oxrdflib', 'zorgnet.graph.rdflib_sparql']"
