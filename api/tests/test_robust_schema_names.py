"""Every Schema class the API uses has its own name: ninja names an OpenAPI component by the class name and keeps
only one of two classes that share it, so the document would describe the wrong body for one of them."""

import typing
from collections import defaultdict

from pydantic import BaseModel

from api.api import api

APPS = ("accounts", "directory", "groups", "journey", "moderation", "notifications", "safety", "api", "lib")


def _models_in(annotation, found: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        if annotation.__module__.split(".")[0] in APPS:
            found.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _models_in(arg, found)


def _routers(router):
    yield router
    for _prefix, child, *_rest in router._routers:
        yield from _routers(child)


def _schemas_used() -> set[type]:
    found: set[type] = set()
    for _prefix, top in api._routers:
        for router in _routers(top):
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    for model in operation.models:
                        _models_in(model, found)
                    for model in (operation.response_models or {}).values():
                        _models_in(model, found)
    return found


def test_no_two_schema_classes_used_by_the_api_share_a_name():
    by_name: dict[str, list[str]] = defaultdict(list)
    for schema in _schemas_used():
        by_name[schema.__name__].append(f"{schema.__module__}.{schema.__qualname__}")
    assert len(by_name) > 50
    shared = {name: sorted(places) for name, places in by_name.items() if len(places) > 1}
    assert shared == {}


def test_every_schema_class_used_is_a_component_of_the_openapi_document(client):
    components = set(client.get("/api/v1/openapi.json").json()["components"]["schemas"])
    names = {schema.__name__ for schema in _schemas_used()}
    # Query and path parameter schemas are spread into parameters, not components; the rest must all be there.
    bodies = {name for name in names if not name.endswith(("Filters", "Filter", "Query", "Params"))}
    missing = bodies - components
    assert len(missing) < len(bodies) // 4, missing
