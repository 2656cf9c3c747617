"""Write the load test's targets (ids to visit, who signs in, an API token) for bench/load/locustfile.py.

Run with the same settings as the server: `python -m bench.load.prepare OUT.json`.
"""

from __future__ import annotations

import json
import os
import random
import sys

import django

USERS = int(os.environ.get("MAILLAGE_LOAD_USERS", "50"))


def main(out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from maillage.api.actions import do_create_token
    from maillage.directory.models import Organization, Territory
    from maillage.networks.models import Network

    rng = random.Random(2026)
    admin = User.objects.get(username="admin")
    # Admins read every page, so no request of the mix can be refused: errors are real errors.
    _token, secret = do_create_token(admin, "load test")
    # Signed-in sessions made here, not by 50 simultaneous logins: password hashing is slow on purpose
    # and would measure the hasher, not the pages.
    sessions = []
    for _ in range(USERS):
        client = Client()
        client.force_login(admin)
        sessions.append(client.cookies["sessionid"].value)
    organizations = list(Organization.objects.values_list("pk", flat=True))
    territories = list(Territory.objects.filter(kind="rls").values_list("pk", flat=True))
    targets = {
        "sessions": sessions,
        "api_token": secret,
        "networks": list(Network.objects.order_by("pk").values_list("pk", flat=True)[:200]),
        "organizations": rng.sample(organizations, min(500, len(organizations))),
        "territories": rng.sample(territories, min(50, len(territories))),
        "organization_count": len(organizations),
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(targets, handle)


if __name__ == "__main__":
    main(sys.argv[1])
