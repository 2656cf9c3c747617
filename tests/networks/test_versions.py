"""Which networks read an organization's data: where it sits, and where it has a tie without sitting."""

from __future__ import annotations

import datetime

from maillage.networks.models import Membership
from maillage.networks.versions import networks_of_organizations
from maillage.ties.actions import ObservationData, do_create_tie


def test_an_organization_is_read_where_it_sits_and_where_it_has_a_tie(network_a, network_b, orgs):
    outside = orgs[4]  # no seat in any network
    assert not Membership.objects.filter(organization=outside).exists()
    assert networks_of_organizations([outside.pk]) == set()
    do_create_tie(
        orgs[0], outside, network_b, ObservationData(observed_on=datetime.date(2023, 5, 1), level=2)
    )
    assert networks_of_organizations([outside.pk]) == {network_b.pk}
    assert networks_of_organizations([orgs[0].pk]) == {network_a.pk, network_b.pk}
    assert networks_of_organizations([orgs[1].pk]) == {network_a.pk}
