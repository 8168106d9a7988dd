"""hcjwt.zendesk.Client.plan and .apply against a stateful fake account on
127.0.0.1 (a Python server keeping its state in hcjwt's own models of the
APIs): what fetch printed plans nothing; an edit plans and applies exactly
its writes, option ids kept; an invalid document raises ValidationError
with nothing sent; a refusal raises ZendeskApiError with what was applied."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

import hcjwt
from conftest import SPEC, USERS

EMAIL = "admin@acme.example"
TOKEN = "fake-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
CLAIMS = "/api/v2/help_center/integration/account_custom_claims"
FIELDS = "/api/v2/user_fields"


class Account:
    """The fixtures' claims and fields behind the documented endpoints."""

    def __init__(self) -> None:
        self.claims = hcjwt.ClaimSet.from_json((SPEC / "claims_list_response.json").read_bytes())
        self.fields = hcjwt.FieldCatalog.from_json((USERS / "fields.json").read_bytes())
        self.writes: list[tuple[str, str, dict]] = []
        self.refuse: dict[tuple[str, str], tuple[int, dict]] = {}
        outer = self

        class Handle(http.server.BaseHTTPRequestHandler):
            def answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                if method != "GET":
                    outer.writes.append((method, self.path, body))
                status, document = outer.handle(method, self.path.split("?")[0], body)
                data = b"" if document is None else json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                self.answer("GET")

            def do_POST(self) -> None:  # noqa: N802
                self.answer("POST")

            def do_PUT(self) -> None:  # noqa: N802
                self.answer("PUT")

            def do_DELETE(self) -> None:  # noqa: N802
                self.answer("DELETE")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def handle(self, method: str, path: str, body):
        if (method, path) in self.refuse:
            return self.refuse.pop((method, path))
        try:
            if path == CLAIMS and method == "GET":
                return 200, json.loads(self.claims.to_json())
            if path == CLAIMS and method == "POST":
                return 201, {"custom_claim": self.claims.create(body["custom_claim"])}
            if path.startswith(CLAIMS + "/"):
                claim_id = path.rsplit("/", 1)[1]
                if method == "PUT":
                    return 200, {"custom_claim": self.claims.update(claim_id, body["custom_claim"])}
                self.claims.delete(claim_id)
                return 204, None
            if path == FIELDS and method == "GET":
                return 200, {"user_fields": self.fields.list(), "meta": {"has_more": False}, "links": {"next": None}}
            if path == FIELDS and method == "POST":
                return 201, {"user_field": self.fields.create(body["user_field"])}
            if path == FIELDS + "/reorder":
                self.fields.reorder(body["user_field_ids"])
                return 200, None
            key = path.rsplit("/", 1)[1]
            if method == "PUT":
                return 200, {"user_field": self.fields.update(key, body["user_field"])}
            self.fields.delete(key)
            return 204, None
        except hcjwt.ValidationError as error:
            details = {field: [{"description": f"{field} {m}"} for m in messages] for field, messages in error.errors.items()}
            return 422, {"error": "RecordInvalid", "description": "Record validation errors", "details": details}
        except hcjwt.NotFoundError:
            return 404, {"error": "RecordNotFound", "description": "Not found"}

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def account():
    served = Account()
    yield served
    served.close()


def client(account: Account) -> hcjwt.zendesk.Client:
    return hcjwt.zendesk.Client(account.base, email=EMAIL, api_token=TOKEN)


def fetched(account: Account) -> tuple[dict, dict]:
    return json.loads(account.claims.to_json()), {"user_fields": account.fields.list()}


def test_what_fetch_printed_plans_nothing(account: Account) -> None:
    claims, fields = fetched(account)
    plan = client(account).plan(claims=claims, fields=json.dumps(fields))
    assert plan == {
        "changes": 0,
        "claims": [],
        "user_fields": [],
        "unmanaged": {"claims": [], "user_fields": [], "options": []},
    }
    assert account.writes == []


def test_an_edit_plans_and_applies_its_writes_keeping_option_ids(account: Account) -> None:
    claims, fields = fetched(account)
    claims["custom_claims"].append({"claim_identifier": "segment", "claim_value": "smb"})
    fields["user_fields"][0]["custom_field_options"].append({"name": "Bronze", "value": "bronze"})
    plan = client(account).plan(claims=claims, fields=fields)
    assert plan["changes"] == 2
    assert plan["claims"][0]["action"] == "create"
    assert plan["user_fields"][0]["changes"]["custom_field_options"]["to"][-1] == {"name": "Bronze", "value": "bronze"}
    assert account.writes == []
    done = client(account).apply(claims=claims, fields=fields)
    assert done == plan
    assert [(method, path) for method, path, _ in account.writes] == [
        ("POST", CLAIMS),
        ("PUT", FIELDS + "/plan"),
    ]
    sent = account.writes[1][2]["user_field"]["custom_field_options"]
    assert sent == [
        {"id": 360101, "name": "Gold", "value": "gold"},
        {"id": 360102, "name": "Silver", "value": "silver"},
        {"name": "Bronze", "value": "bronze"},
    ]
    assert client(account).plan(claims=claims, fields=fields)["changes"] == 0


def test_an_invalid_document_raises_before_any_request(account: Account) -> None:
    claims, fields = fetched(account)
    claims["custom_claims"][0]["claim_value"] = ""
    fields["user_fields"][1]["type"] = "text"
    with pytest.raises(hcjwt.ValidationError) as raised:
        client(account).apply(claims=claims, fields=fields)
    assert raised.value.errors == {"custom_claims[0].claim_value": ["can't be blank"]}
    assert account.writes == []
    with pytest.raises(TypeError, match="claims must be a dict, str or bytes, not int"):
        client(account).plan(claims=5)


def test_a_refusal_raises_with_what_was_applied(account: Account) -> None:
    claims, fields = fetched(account)
    fields["user_fields"][1]["title"] = "Seats!"
    fields["user_fields"][2]["title"] = "Renews"
    account.refuse[("PUT", FIELDS + "/renewal_date")] = (
        422,
        {"error": "RecordInvalid", "description": "Record validation errors", "details": {"title": [{"description": "Title is reserved"}]}},
    )
    with pytest.raises(hcjwt.ZendeskApiError) as raised:
        client(account).apply(fields=fields)
    error = raised.value
    assert error.status == 422
    assert "apply stopped at update field renewal_date; 1 change was made before it" in str(error)
    assert "title: Title is reserved" in str(error)
    assert error.applied["changes"] == 1
    assert error.applied["user_fields"][0]["key"] == "seats"


def test_the_readme_example_plans_and_applies(account: Account, tmp_path, monkeypatch) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    block = re.findall(r"```py\n(.*?)```", readme, re.S)[2]
    assert "client.plan(" in block
    (tmp_path / "claims.json").write_text(account.claims.to_json())
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZENDESK_OAUTH_TOKEN", raising=False)
    monkeypatch.setenv("ZENDESK_EMAIL", EMAIL)
    monkeypatch.setenv("ZENDESK_API_TOKEN", TOKEN)
    names: dict = {}
    exec(compile(block.replace('"acme"', repr(account.base)), "README.md", "exec"), names)
    assert names["done"]["changes"] == 1
    assert [(method, path) for method, path, _ in account.writes] == [("POST", CLAIMS)]
    assert json.loads(account.claims.to_json())["custom_claims"][2]["claim_identifier"] == "segment"
