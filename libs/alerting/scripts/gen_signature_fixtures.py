"""Reference HMAC-SHA256 webhook signatures and delivery ids computed with Python's hmac/hashlib,
independently of the TypeScript code. Run from the repository root:

    python3 libs/alerting/scripts/gen_signature_fixtures.py > libs/alerting/fixtures/signatures.json
"""
import hashlib
import hmac
import json

cases = [
    {"secret": "whsec_0123456789abcdef", "timestamp": 1795701665, "body": '{"hello":"world"}'},
    {"secret": "ünïcödé-secret-with-more-chars", "timestamp": 1, "body": '{"text":"€ – 漢字","n":1.5}'},
    {"secret": "s" * 64, "timestamp": 1795701665, "body": ""},
]
for c in cases:
    mac = hmac.new(c["secret"].encode("utf-8"), f'{c["timestamp"]}.{c["body"]}'.encode("utf-8"), hashlib.sha256)
    c["signature"] = "v1=" + mac.hexdigest()

# Delivery id: sha256 over the JSON array [incidentId, eventType, updatedAt, destinationId]
# written without spaces (JavaScript's JSON.stringify), first 40 hex digits.
deliveries = [
    {"incidentId": "inc_1", "eventType": "opened", "updatedAt": 1795701660000, "destinationId": "dst-a"},
    {"incidentId": "inc_1", "eventType": "resolved", "updatedAt": 1795701840000, "destinationId": "dst-a"},
]
for d in deliveries:
    text = json.dumps([d["incidentId"], d["eventType"], d["updatedAt"], d["destinationId"]], separators=(",", ":"))
    d["deliveryId"] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]

print(json.dumps({"signatures": cases, "deliveries": deliveries}, ensure_ascii=False, indent=2))
