"""deploy/kubernetes.yaml, checked offline: every resource valid against Kubernetes' API schemas (strict: no unknown
fields), no snippet annotations, an ingressClassName, the same security headers as the nginx template, and every
placeholder named in the README. No cluster is needed (or used)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "deploy" / "kubernetes.yaml"
PLACEHOLDERS = (
    "rx.example.org",
    "registry.example.org/rx-settings-explorer:VERSION",
    "'sha256-REPLACE_WITH_SCRIPT_HASH'",
    "rx-tls",
    "global-allowed-response-headers",
)
KUBERNETES = kubernetes_validate.utils.latest_version()


def resources() -> list[dict]:
    return [doc for doc in yaml.safe_load_all(MANIFEST.read_text(encoding="utf-8")) if doc]


def of_kind(kind: str) -> list[dict]:
    return [r for r in resources() if r["kind"] == kind]


@pytest.mark.parametrize("resource", resources(), ids=lambda r: f"{r['kind']}/{r['metadata']['name']}")
def test_every_resource_is_valid_against_the_api_schema(resource):
    kubernetes_validate.validate(resource, KUBERNETES, strict=True)


def test_the_validator_rejects_what_a_cluster_would():
    ingress = copy.deepcopy(of_kind("Ingress")[0])
    del ingress["spec"]["rules"][0]["http"]["paths"][0]["pathType"]  # required
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(ingress, KUBERNETES, strict=True)
    deployment = copy.deepcopy(of_kind("Deployment")[0])
    deployment["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"  # a typo: unknown field
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)
    service = copy.deepcopy(of_kind("Service")[0])
    service["spec"]["ports"][0]["port"] = "eighty"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, KUBERNETES, strict=True)


def test_the_ingress_names_its_class_and_uses_no_snippets():
    (ingress,) = of_kind("Ingress")
    assert ingress["spec"]["ingressClassName"]
    annotations = ingress["metadata"].get("annotations", {})
    assert [k for k in annotations if "snippet" in k] == []
    assert annotations["nginx.ingress.kubernetes.io/enable-access-log"] == "false"  # its log line has the query
    metrics = [p for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"] if p["path"] == "/_stcore/metrics"]
    closed = {s["metadata"]["name"]: s for s in of_kind("Service")}[metrics[0]["backend"]["service"]["name"]]
    assert metrics[0]["pathType"] == "Exact" and "selector" not in closed["spec"]  # a Service with no pods


def test_the_security_headers_are_the_nginx_templates():
    template = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    server = template[template.index("    server {") : template.index("        location /")]
    expected = dict(re.findall(r'^\s*add_header (\S+) "(.*)" always;$', server, flags=re.MULTILINE))
    expected["Content-Security-Policy"] = expected["Content-Security-Policy"].replace(
        "@@SCRIPT_HASHES@@", "'sha256-REPLACE_WITH_SCRIPT_HASH'"
    )
    assert set(expected) >= {"Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"}
    (ingress,) = of_kind("Ingress")
    namespace, name = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/custom-headers"].split("/")
    (headers,) = [c for c in of_kind("ConfigMap") if c["metadata"]["name"] == name]
    assert headers["metadata"]["namespace"] == namespace
    assert headers["data"] == expected
    assert ",".join(expected) in MANIFEST.read_text(encoding="utf-8")  # the controller must allow each of them


def test_every_placeholder_is_in_the_manifest_and_the_deploy_guide():
    text, guide = MANIFEST.read_text(encoding="utf-8"), (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        assert placeholder in text and placeholder in guide, placeholder
    namespaces = {r["metadata"].get("namespace") for r in resources()}
    assert namespaces == {"rx-settings-explorer"}  # one namespace, named once in the deploy guide
    assert "`rx-settings-explorer` namespace" in guide
