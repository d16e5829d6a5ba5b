"""Schemathesis hooks (SCHEMATHESIS_HOOKS=tests.schemathesis.hooks): path parameters also take member B's ids, read
from the JSON file named by FUZZ_IDS, so that member A's run tries another member's objects. A token id is only
ever B's: A revoking the token the run uses would turn the rest of the run into 401s."""

import json
import os
from pathlib import Path

import schemathesis
from hypothesis import strategies as st

ONLY_B = {"token_id"}
_IDS: dict[str, list] = json.loads(Path(os.environ["FUZZ_IDS"]).read_text()) if os.environ.get("FUZZ_IDS") else {}


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    choices = {}
    for name, value in path_parameters.items():
        b_ids = _IDS.get(name, [])
        if name in ONLY_B and b_ids:
            choices[name] = st.sampled_from(b_ids)
        else:
            choices[name] = st.sampled_from([value, *b_ids]) if b_ids else st.just(value)
    return st.fixed_dictionaries(choices)
