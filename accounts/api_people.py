"""My people at /api/v1/me/connections and /api/v1/me/connection-requests: the same functions as the pages."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.responses import Status

from . import connections
from .access import (
    find_member_for,
    get_connection_for_member,
    get_request_for_recipient,
    get_request_for_sender,
    incoming_requests,
    outgoing_requests,
)
from .models import ConnectionRequest

router = Router(tags=["people"])


class ConnectedPersonOut(Schema):
    username: str
    display_name: str


class ConnectionRequestOut(Schema):
    id: int
    username: str = Field(..., description="The other member: the sender of an incoming request, else the recipient.")
    display_name: str = Field(..., description="Their display name, or @username when they keep it from you.")
    message: str
    status: str = Field(..., description="pending, accepted, declined or withdrawn.")
    created_at: datetime
    decided_at: datetime | None


class ConnectionRequestsOut(Schema):
    incoming: list[ConnectionRequestOut]
    outgoing: list[ConnectionRequestOut]


class ConnectionRequestIn(Schema):
    model_config = {"extra": "forbid"}

    username: str = Field(..., min_length=1, max_length=150)
    message: str = Field("", max_length=ConnectionRequest.MAX_MESSAGE)


def _request_out(viewer, request: ConnectionRequest) -> dict:
    other = request.from_user if request.to_user_id == viewer.pk else request.to_user
    return {
        "id": request.pk,
        "username": other.username,
        "display_name": connections.shown_name(viewer, other),
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at,
        "decided_at": request.decided_at,
    }


@router.get("/me/connections", response=list[ConnectedPersonOut], summary="My connections")
def list_connections(request):
    return [
        {"username": p.username, "display_name": connections.connection_name(p)}
        for p in connections.people_of(request.auth)
    ]


@router.delete("/me/connections/{username}", response={204: None}, summary="Stop being connected (nobody is told)")
def remove_connection(request, username: str):
    other = get_connection_for_member(request.auth, username)
    connections.remove_connection(request.auth, other)
    return Status(204, None)


@router.get("/me/connection-requests", response=ConnectionRequestsOut, summary="Requests waiting for an answer")
def list_requests(request):
    user = request.auth
    return {
        "incoming": [_request_out(user, r) for r in incoming_requests(user)],
        "outgoing": [_request_out(user, r) for r in outgoing_requests(user)],
    }


@router.post("/me/connection-requests", response={201: ConnectionRequestOut}, summary="Ask a member to connect")
def create_request(request, payload: ConnectionRequestIn):
    """When they had already asked you, their request is accepted instead (the answer's status is accepted)."""
    sent = connections.request_connection(
        request.auth, find_member_for(request.auth, payload.username), payload.message
    )
    return Status(201, _request_out(request.auth, sent))


def _answer(request, found: ConnectionRequest, action) -> dict:
    action(request.auth, found)
    return _request_out(request.auth, found)


@router.post(
    "/me/connection-requests/{request_id}/accept", response=ConnectionRequestOut, summary="Accept a request to me"
)
def accept_request(request, request_id: int):
    found = get_request_for_recipient(request.auth, request_id)
    return _answer(request, found, connections.accept_request)


@router.post(
    "/me/connection-requests/{request_id}/decline",
    response=ConnectionRequestOut,
    summary="Decline a request (nobody is told)",
)
def decline_request(request, request_id: int):
    found = get_request_for_recipient(request.auth, request_id)
    return _answer(request, found, connections.decline_request)


@router.post(
    "/me/connection-requests/{request_id}/withdraw", response=ConnectionRequestOut, summary="Withdraw my request"
)
def withdraw_request(request, request_id: int):
    found = get_request_for_sender(request.auth, request_id)
    return _answer(request, found, connections.withdraw_request)
