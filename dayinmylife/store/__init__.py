"""Every SQL statement the app runs, as small named functions with bound parameters, one module per area:
`store.users`, `store.children`, `store.sessions`, `store.casework`, `store.consultations`, `store.schools`,
`store.tallies`, `store.kept_results`, `store.teams`, `store.findings`, `store.impact`, `store.alerts`,
`store.outbox`, `store.chronology`, `store.single_sign_on`, `store.audit`."""

from dayinmylife.store import (
    alerts,
    audit,
    casework,
    children,
    chronology,
    consultations,
    db,
    findings,
    impact,
    kept_results,
    outbox,
    schools,
    sessions,
    single_sign_on,
    tallies,
    teams,
    users,
)

__all__ = [
    "alerts",
    "audit",
    "casework",
    "children",
    "chronology",
    "consultations",
    "db",
    "findings",
    "impact",
    "kept_results",
    "outbox",
    "schools",
    "sessions",
    "single_sign_on",
    "tallies",
    "teams",
    "users",
]
