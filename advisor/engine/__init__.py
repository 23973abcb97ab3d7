"""The rules engine: recommend(workload, book) -> Recommendation. Pure Python, no Django.

from advisor.engine import recommend, recommendation_to_json
"""

from .model import Finding, Option, Recommendation, Rejected
from .recommend import recommend
from .serialize import recommendation_to_json

__all__ = ["Finding", "Option", "Recommendation", "Rejected", "recommend", "recommendation_to_json"]
