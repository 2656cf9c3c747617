from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maillage.concertation.demo import build_concertation_demo, build_reform_demo, build_resources_demo
from maillage.demo.generate import DEMO_PASSWORD, build_demo, database_is_empty


class Command(BaseCommand):
    help = (
        "Create the deterministic, fictional demo data set (or a larger synthetic province for benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organizations", type=int, default=1500, help="number of organizations (default 1500)"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database already has data"
        )
        parser.add_argument(
            "--single-network",
            action="store_true",
            help="put every organization in one large network (benchmarks)",
        )

    def handle(
        self, *args, organizations: int, seed: int, if_empty: bool, single_network: bool, **options
    ) -> None:
        if not database_is_empty():
            if if_empty:
                self.stdout.write("The database already has data: demo data not loaded.")
                return
            raise CommandError("The database already has organizations; use an empty database for the demo.")
        if organizations < 50:
            raise CommandError("The demo needs at least 50 organizations.")
        summary = build_demo(
            organizations,
            seed=seed,
            single_network=single_network,
            progress=lambda message: self.stdout.write(f"  … {message}"),
        )
        self.stdout.write(f"  … 2015 reform: {build_reform_demo()} CSSS replaced by their CISSS")
        concertation = build_concertation_demo(seed=seed)
        if concertation is not None:
            self.stdout.write(
                f"  … concertation: {len(concertation.spaces)} tables in {concertation.territory.code}, "
                f"{concertation.hub} in all of them"
            )
        self.stdout.write(
            f"  … resources: {build_resources_demo(seed=seed)} lines of funding, staff and in-kind"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {summary.organizations} organizations, {summary.networks} networks, "
                f"{summary.memberships} memberships, {summary.ties} ties, "
                f"{summary.observations} observations "
                f"in {summary.seconds:.1f} s."
            )
        )
        if summary.users:
            names = ", ".join(f"{name} ({role})" for name, role in summary.users)
            self.stdout.write(f"Demo accounts: {names} — password: {DEMO_PASSWORD}")
