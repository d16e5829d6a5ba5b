"""What the journey app exports in "Download my data": every counter with its periods and slips."""

from lib.personal_data import register_exporter

from .models import Counter


@register_exporter("recovery", models=("journey.Counter", "journey.Period", "journey.Slip"))
def export_recovery(user) -> list[dict]:
    counters = Counter.objects.filter(user=user).prefetch_related("periods", "slips")
    return [
        {
            "pathway": c.pathway,
            "name": c.name,
            "cost_per_day": str(c.cost_per_day) if c.cost_per_day is not None else None,
            "currency": c.currency,
            "why": c.why,
            "created_at": c.created_at.isoformat(),
            "periods": [
                {"start_date": p.start_date.isoformat(), "end_date": p.end_date.isoformat() if p.end_date else None}
                for p in c.periods.all()
            ],
            "slips": [
                {"date": s.date.isoformat(), "what_happened": s.what_happened, "learned": s.learned}
                for s in c.slips.all()
            ],
        }
        for c in counters
    ]
